package io.greenlight.conversation;

/**
 * The contract between Java and {@code processes/conversation.bpmn} (documented in processes/README.md): the process
 * key, the forms Greenlight recognises the tasks by, and the variables. No element id is named here.
 */
public final class ConversationProcess {

    public static final String PROCESS = "conversation";
    /** The team's answer (form of the {@code respond} task): sets {@code outcome} and {@code replyText}. */
    public static final String RESPOND_FORM = "respond-conversation";
    /** The four-eyes approval of a reply: sets {@code decision} (approve / changes) and {@code comment}. */
    public static final String APPROVE_FORM = "approve-reply";

    // set at start
    public static final String CONVERSATION_ID = "conversationId";
    public static final String CHANNEL = "channel";
    public static final String NETWORK = "network";
    public static final String TEXT = "text";
    public static final String SENTIMENT = "sentiment";
    public static final String FOLLOWERS = "followers";
    public static final String VIP = "vip";
    public static final String SUBJECT = "subject";
    public static final String RECEIVED_AT = "receivedAt";
    // the triage
    public static final String TRIAGE = "triage";
    public static final String PRIORITY = "priority";
    public static final String TEAM = "team";
    public static final String SLA = "sla";
    public static final String APPROVAL_REQUIRED = "approvalRequired";
    public static final String DUE_AT = "dueAt";
    public static final String DUE_AT_TEXT = "dueAtText";
    // the answer and its approval
    public static final String OUTCOME = "outcome";
    public static final String REPLY = "reply";
    public static final String NO_REPLY = "no-reply";
    public static final String REPLY_TEXT = "replyText";
    public static final String REPLY_ID = "replyId";
    public static final String REPLY_WRITER = "replyWriter";
    public static final String DECISION = "decision";
    public static final String COMMENT = "comment";
    public static final String FEEDBACK = "feedback";

    private ConversationProcess() {
    }
}
