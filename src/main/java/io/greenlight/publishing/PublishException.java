package io.greenlight.publishing;

import java.time.Duration;

/**
 * A connector's failure, classified by what it means for the post:
 * <ul>
 *   <li>{@link Kind#RETRY} — the network did not take the post (429, 5xx, no connection): retry with back-off,
 *       not before {@link #retryAfter()} when the network said so;</li>
 *   <li>{@link Kind#REJECTED} — the network refused it for good (401/403 token, 4xx validation): stop at once with an
 *       incident naming the channel and the network's error;</li>
 *   <li>{@link Kind#UNKNOWN} — the request was sent but no answer came (timeout, 502/504): it may be out.</li>
 * </ul>
 */
public class PublishException extends RuntimeException {

    public enum Kind { RETRY, REJECTED, UNKNOWN }

    private final Kind kind;
    private final Duration retryAfter;
    private boolean waitsForSlot;

    public PublishException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static PublishException retry(String message, Duration retryAfter) {
        return new PublishException(Kind.RETRY, message, retryAfter, null);
    }

    public static PublishException rejected(String message) {
        return new PublishException(Kind.REJECTED, message, null, null);
    }

    /** Refuses a post with more attachments than the network takes, before anything is uploaded. */
    public static void requireAtMostMedia(int max, int count, String what, String networkName) {
        if (count > max) {
            throw rejected(what + ": " + networkName + " attaches at most " + max + " images, the post has " + count);
        }
    }

    public static PublishException unknown(String message, Throwable cause) {
        return new PublishException(Kind.UNKNOWN, message, null, cause);
    }

    /**
     * The network's publishing limit for the account is used up ({@link PublishingRateLimits}): try again at the next
     * slot. Nothing was sent, and no retry is spent.
     */
    public static PublishException waitForSlot(String message, Duration until) {
        PublishException e = new PublishException(Kind.RETRY, message, until, null);
        e.waitsForSlot = true;
        return e;
    }

    /** A wait for the next rate-limit slot: the job's retries are left as they are. */
    public boolean waitsForSlot() {
        return waitsForSlot;
    }

    public Kind kind() {
        return kind;
    }

    /** When the network asked us to come back (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The first PublishException in a cause chain, or null. */
    public static PublishException in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PublishException p) {
                return p;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
