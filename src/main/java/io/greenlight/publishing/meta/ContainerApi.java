package io.greenlight.publishing.meta;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a network keeps its media containers and how it names their fields (what differs between the Graph APIs that
 * publish through containers, {@link MediaContainerConnector}).
 *
 * @param version     the API version of the paths, e.g. {@code v24.0}
 * @param containers  where containers are created and listed: {@code media} (Instagram), {@code threads}
 * @param publish     where a container is published: {@code media_publish}, {@code threads_publish}
 * @param quota       the account's publishing quota: {@code content_publishing_limit}, {@code threads_publishing_limit}
 * @param textField   the text's field: {@code caption} (Instagram), {@code text} (Threads)
 * @param statusField a container's status code: {@code status_code} (Instagram), {@code status} (Threads)
 * @param detailField the reason for that status: {@code status} (Instagram), {@code error_message} (Threads)
 */
public record ContainerApi(String version, String containers, String publish, String quota, String textField,
                           String statusField, String detailField) {

    /** The fields to ask for a container's status, e.g. {@code status_code,status}. */
    String statusFields() {
        return statusField + "," + detailField;
    }

    /** The status in a container's answer. */
    MediaContainerConnector.Status status(JsonNode container) {
        String detail = container.path(detailField).asText("");
        return new MediaContainerConnector.Status(container.path(statusField).asText(""), detail.isEmpty() ? null : detail);
    }
}
