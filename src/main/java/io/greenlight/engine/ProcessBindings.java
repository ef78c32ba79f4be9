package io.greenlight.engine;

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

    // Routing: the facts processes/approval-routing.dmn decides on, set by validatePost each round
    public static final String CAMPAIGN = "campaign";
    public static final String CAMPAIGN_TYPE = "campaignType";
    public static final String REGION = "region";
    /**
     * The post's regions as a list ({@code global} when none; a region field of {@code DACH, Nordics} is two), for a
     * multi-instance ({@code camunda:collection="${regions}"}): JUEL has no list literals.
     */
    public static final String REGIONS = "regions";
    public static final String PAID_PROMOTION = "paidPromotion";
    public static final String PRICE_HEALTH_CLAIMS = "priceHealthClaims";
    public static final String CRISIS = "crisis";
    public static final String AUTHOR_GROUPS = "authorGroups";
    /** The decision's result: the extra review stages (group ids), the stage multi-instance collection. */
    public static final String STAGES = "stages";
    /**
     * The multi-instance element variable of a stage review: the stage (= its candidate group). A review task whose
     * execution holds it keeps its decision task-local and records it per stage.
     */
    public static final String STAGE = "stage";
    /** Per-stage record on the process instance: {@code decision_<stage>}, {@code comment_<stage>}, … */
    public static final String STAGE_DECISION_PREFIX = "decision_";
    public static final String STAGE_COMMENT_PREFIX = "comment_";
    public static final String STAGE_DECIDER_PREFIX = "decidedBy_";
    public static final String STAGE_VERSION_PREFIX = "decidedInVersion_";
    /**
     * The calendar moved a scheduled post (message correlated to the waiting instance) and who did it; the
     * diagram decides whether the post waits for its new {@link #PUBLISH_AT} or goes back to review.
     */
    public static final String MESSAGE_POST_RESCHEDULED = "PostRescheduled";
    public static final String RESCHEDULED_BY = "rescheduledBy";
    public static final String RESCHEDULED_BY_MANAGER = "rescheduledByManager";

    private ProcessBindings() {
    }
}
