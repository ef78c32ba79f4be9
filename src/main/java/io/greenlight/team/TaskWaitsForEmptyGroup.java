package io.greenlight.team;

import java.util.List;

/**
 * Published when a user task was created that nobody can take: its only candidates are groups without an active
 * member (e.g. {@code legal} after "paid promotion", before anyone was added to it). {@code io.greenlight.notify}
 * tells the managers at once; the post's timeline has a note too. In the engine's transaction.
 */
public record TaskWaitsForEmptyGroup(String postId, String title, String taskName, List<String> groups) {
}
