package io.greenlight.team;

import java.time.OffsetDateTime;

/**
 * Published when a manager invites a new user: {@code io.greenlight.notify} e-mails the one-time link to set a
 * password (in the publisher's transaction, through the outbox, so no mail leaves for a user that was not created).
 */
public record InviteIssued(String userId, String name, String email, String link, OffsetDateTime validUntil, String invitedBy) {
}
