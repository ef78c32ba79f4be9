package io.greenlight.external;

/** What became of an external review link. An expired link keeps {@link #PENDING}: expiry is a matter of time. */
public enum LinkStatus {
    /** Sent and not used yet (it may have expired meanwhile). */
    PENDING,
    /** The approver decided with it. */
    USED,
    /** A manager withdrew it (or sent a new one in its place). */
    REVOKED,
    /** The post's content changed after it was sent. */
    SUPERSEDED,
    /** The review ended otherwise: decided by the team, withdrawn, or the process moved on. */
    CLOSED
}
