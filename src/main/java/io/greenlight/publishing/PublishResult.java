package io.greenlight.publishing;

/** Where a variant went: the network's id for it and a public URL. */
public record PublishResult(String externalId, String url) {
}
