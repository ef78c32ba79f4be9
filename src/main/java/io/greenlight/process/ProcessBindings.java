package io.greenlight.process;

/**
 * The contract between Java and the diagrams, documented for process owners in processes/README.md.
 * Nothing here names a diagram element: forms and keys are the binding, so owners may redraw freely.
 */
public final class ProcessBindings {

    /** Definition key of the process every submitted post runs through. */
    public static final String POST_PROCESS = "post-approval";

    /** A user task with this form is a review stage: four-eyes rule, decision and comment checks apply. */
    public static final String REVIEW_FORM = "review-post";

    /** A user task with this form is the author's revision: completing it resubmits the post. */
    public static final String REVISE_FORM = "revise-post";

    // process variables
    public static final String POST_ID = "postId";
    public static final String TITLE = "title";
    public static final String AUTHOR = "author";
    public static final String CONTENT = "content";
    public static final String CONTENT_VERSION = "contentVersion";
    public static final String CHANNELS = "channels";
    public static final String SCHEDULED_AT_TEXT = "scheduledAtText";
    public static final String VALID = "valid";
    public static final String FEEDBACK = "feedback";
    public static final String DECISION = "decision";
    public static final String COMMENT = "comment";
    public static final String PUBLISH_AT = "publishAt";
    public static final String CHANNEL = "channel";

    private ProcessBindings() {
    }
}
