package io.greenlight.post;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a client sends to create or edit a post (POST/PUT /api/posts). The routing facts (campaign type, region,
 * paid promotion, price/health claims, crisis) are optional; processes/approval-routing.dmn decides on them.
 * A campaign named for the first time is created with {@code campaignType} (default {@code new}).
 */
public record PostCommand(String title, String campaign, OffsetDateTime scheduledAt, String timeZone,
                          List<VariantContent> variants, String campaignType, String region, Boolean paidPromotion,
                          Boolean priceHealthClaims, Boolean crisis) {

    public PostCommand(String title, String campaign, OffsetDateTime scheduledAt, String timeZone,
                       List<VariantContent> variants) {
        this(title, campaign, scheduledAt, timeZone, variants, null, null, null, null, null);
    }
}
