package io.greenlight.post;

import java.time.OffsetDateTime;
import java.util.List;

/** A post as the API returns it. */
public record PostView(String id, String title, String author, String campaign, OffsetDateTime scheduledAt,
                       String timeZone, PostStatus status, int contentVersion, Integer approvedVersion,
                       OffsetDateTime approvedAt, String processInstanceId, List<VariantView> variants,
                       List<StageView> currentStages, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                       String region, boolean paidPromotion, boolean priceHealthClaims, boolean crisis) {

    public record VariantView(String channel, String text, String link, int count, Integer limit, String unit,
                              String status, String externalId, String externalUrl, OffsetDateTime publishedAt,
                              String lastError) {
    }

    /** An open user task of the post's process: the stage the post waits in. */
    public record StageView(String taskId, String taskKey, String name, String assignee, List<String> candidateGroups,
                            java.util.Date due) {
    }
}
