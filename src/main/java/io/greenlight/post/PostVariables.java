package io.greenlight.post;

import io.greenlight.process.ProcessBindings;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;

/** The process variables describing a post, as the forms and diagram read them (see processes/README.md). */
final class PostVariables {

    private PostVariables() {
    }

    static VariableMap of(Post post) {
        String scheduled = post.getScheduledAt() == null ? "as soon as approved"
                : post.getScheduledAt().atZoneSameInstant(java.time.ZoneId.of(post.getTimeZone()))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " (" + post.getTimeZone() + ")";
        return Variables.createVariables()
                .putValue(ProcessBindings.POST_ID, post.getId())
                .putValue(ProcessBindings.TITLE, post.getTitle())
                .putValue(ProcessBindings.AUTHOR, post.getAuthor())
                .putValue(ProcessBindings.CONTENT, post.renderContent())
                .putValue(ProcessBindings.CONTENT_VERSION, post.getContentVersion())
                .putValue(ProcessBindings.SCHEDULED_AT_TEXT, scheduled)
                .putValueTyped(ProcessBindings.CHANNELS, Variables.objectValue(new ArrayList<>(post.channels()))
                        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    }
}
