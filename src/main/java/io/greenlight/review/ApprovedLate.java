package io.greenlight.review;

/**
 * Published when managers decided what happens to a post approved after its publishing time.
 *
 * @param decidedBy who decided, or {@code null} when the decision came without a signed-in user
 * @param outcome   what happens now, in words ("publish it now", …)
 */
public record ApprovedLate(String postId, String title, String author, String decidedBy, String outcome) {
}
