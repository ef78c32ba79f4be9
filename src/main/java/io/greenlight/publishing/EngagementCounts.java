package io.greenlight.publishing;

/** What a network reports about a published post (null = the network does not say). */
public record EngagementCounts(Integer likes, Integer reposts, Integer replies) {
}
