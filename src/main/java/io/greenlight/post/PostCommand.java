package io.greenlight.post;

import java.time.OffsetDateTime;
import java.util.List;

/** What a client sends to create or edit a post (POST/PUT /api/posts). */
public record PostCommand(String title, String campaign, OffsetDateTime scheduledAt, String timeZone,
                          List<VariantContent> variants) {
}
