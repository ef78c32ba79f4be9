package io.greenlight.post;

import java.util.Set;

public enum PostStatus {
    DRAFT, IN_REVIEW, CHANGES_REQUESTED, SCHEDULED, PUBLISHING, PUBLISHED, REJECTED, FAILED;

    /** States in which the author may edit the content. Editing a scheduled post sends it back to review. */
    public static final Set<PostStatus> EDITABLE = Set.of(DRAFT, CHANGES_REQUESTED, SCHEDULED);

    /** States from which the author or a manager may withdraw the post (its instance ends, it is a draft again). */
    public static final Set<PostStatus> WITHDRAWABLE = Set.of(IN_REVIEW, CHANGES_REQUESTED, SCHEDULED);
}
