package io.greenlight.post;

import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The process variables describing a post, as the forms and diagram read them (see processes/README.md). */
final class PostVariables {

    private PostVariables() {
    }

    /**
     * What only the review reads: the texts and facts {@code validatePost} writes for the review form, the routing
     * table and the review's gateways, and the stages the table chose. {@code approvePost} removes them, so an approved
     * post waits for its publishing time, and publishes, with only what the publish phase, its forms
     * ({@code late-post}, {@code check-publication}) and Tasklist's columns read. A way back to review
     * ({@code PostRescheduled}, {@code PublishingResumed}) runs {@code validatePost} first, which writes them again.
     * The decisions of each stage ({@code decision_<stage>} …) stay: the review screen reads them from history.
     */
    static final List<String> REVIEW_ONLY = List.of(ProcessBindings.CONTENT, ProcessBindings.VALID,
            ProcessBindings.FEEDBACK, ProcessBindings.CAMPAIGN, ProcessBindings.CAMPAIGN_TYPE, ProcessBindings.REGION,
            ProcessBindings.REGIONS, ProcessBindings.PAID_PROMOTION, ProcessBindings.PRICE_HEALTH_CLAIMS,
            ProcessBindings.CRISIS, ProcessBindings.AUTHOR_GROUPS, ProcessBindings.STAGES);

    /** The engine keeps a String variable in a 4,000-character column (ACT_*.TEXT_). */
    static final int MAX_STRING_VARIABLE = 4000;

    /**
     * Every channel's text for the review form. A Facebook post may hold 63,206 characters, more than a String
     * variable can, so a longer text is cut with a notice that says how much is left out and where the whole
     * post is; Greenlight's pages always show all of it.
     */
    static String forForms(Post post) {
        String content = post.renderContent();
        if (content.length() <= MAX_STRING_VARIABLE) {
            return content;
        }
        String notice = "\n\n[… %d more characters. The whole post is on its page in Greenlight: /posts/" + post.getId() + "]";
        int cut = MAX_STRING_VARIABLE - notice.length() - 10;
        if (Character.isHighSurrogate(content.charAt(cut - 1))) {
            cut--;
        }
        return content.substring(0, cut) + String.format(notice, content.length() - cut);
    }

    /** What describes the post to the process, forms and Tasklist, its content for the review form included. */
    static VariableMap of(Post post) {
        return described(post).putValue(ProcessBindings.CONTENT, forForms(post));
    }

    /** As {@link #of}, without the content: what an approved post keeps ({@code content} is {@link #REVIEW_ONLY}). */
    static VariableMap described(Post post) {
        return Variables.createVariables()
                .putValue(ProcessBindings.POST_ID, post.getId())
                .putValue(ProcessBindings.TITLE, post.getTitle())
                .putValue(ProcessBindings.AUTHOR, post.getAuthor())
                .putValue(ProcessBindings.CONTENT_VERSION, post.getContentVersion())
                .putValue(ProcessBindings.SCHEDULED_AT_TEXT, scheduledAtText(post))
                .putValueTyped(ProcessBindings.CHANNELS, Variables.objectValue(new ArrayList<>(post.channels()))
                        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    }

    /** The publishing time in the post's time zone, for people (forms, Tasklist): {@code scheduledAtText}. */
    static String scheduledAtText(Post post) {
        return post.getScheduledAt() == null ? "as soon as approved"
                : post.getScheduledAt().atZoneSameInstant(java.time.ZoneId.of(post.getTimeZone()))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " (" + post.getTimeZone() + ")";
    }
}
