package io.greenlight.review;

import io.greenlight.engine.TaskListenerRegistration;
import io.greenlight.post.AttachedMedia;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

/**
 * The review form in Tasklist shows the post's media too: every {@code review-post} task gets the task variable
 * {@code mediaPreview}, Markdown with the attached images ({@code ![alt](/assets/{id}/file)}, served by Greenlight to
 * signed-in users) and links to videos, which {@code forms/review-post.form} renders with a text component.
 */
@Configuration(proxyBeanMethods = false)
class ReviewMediaPreview {

    static final String VARIABLE = "mediaPreview";
    /** The engine keeps a String variable in a 4,000-character column. */
    static final int MAX = 4000;

    @Bean
    TaskListenerRegistration reviewMediaPreviewRule(ObjectProvider<AttachedMedia> media) {
        return TaskListenerRegistration.forForm("review stage: the post's media for the form",
                TaskListenerRegistration.STAGE_RULES + 10, io.greenlight.engine.ProcessBindings.REVIEW_FORM,
                () -> (TaskListener) task -> preview(task, media.getIfAvailable(() -> AttachedMedia.NONE)),
                TaskListener.EVENTNAME_CREATE);
    }

    static void preview(DelegateTask task, AttachedMedia media) {
        String postId = task.getExecution().getProcessBusinessKey();
        task.setVariableLocal(VARIABLE, markdown(postId, media.of(postId)));
    }

    static String markdown(String postId, Map<String, List<AttachedMedia.Item>> byChannel) {
        if (byChannel.isEmpty()) {
            return "*No images or video attached.*";
        }
        StringBuilder md = new StringBuilder();
        byChannel.forEach((channel, items) -> {
            md.append("**").append(plain(channel)).append("** (").append(items.size())
                    .append(items.size() == 1 ? " file" : " files").append(")\n\n");
            for (AttachedMedia.Item item : items) {
                String alt = item.hasAltText() ? plain(item.altText()) : "no alt text";
                if (item.image()) {
                    md.append("![").append(alt).append("](").append(item.url()).append(")\n\n")
                            .append("*Alt text: ").append(alt).append("*\n\n");
                } else {
                    md.append("[").append(item.video() ? "Video: " : "File: ").append(plain(item.fileName()))
                            .append("](").append(item.url()).append(") · *").append(alt).append("*\n\n");
                }
            }
        });
        String text = md.toString().strip();
        if (text.length() > MAX) {
            String more = "\n\n[… more media: see the review screen](/review/post/" + postId + ")";
            text = text.substring(0, text.lastIndexOf("\n\n", MAX - more.length())) + more;
        }
        return text;
    }

    /** Text that cannot break out of Markdown's brackets, emphasis or the form's HTML. */
    static String plain(String text) {
        return text == null ? "" : text.replaceAll("[\\[\\]()*_`<>#!\\\\{}|~]", " ").replaceAll("\\s+", " ").strip();
    }
}
