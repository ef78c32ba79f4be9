package io.greenlight.post;

import io.greenlight.security.CurrentUser;

import java.util.Collection;

/**
 * Who may draft for which channel (issue 9, {@code io.greenlight.security.ChannelDraftRights}): asked by
 * {@link PostService} whenever a post's variants are written. Refuses with a {@code UserFacingException} (403).
 */
public interface ChannelDraftPolicy {

    void requireMayDraft(CurrentUser user, Collection<String> channels);
}
