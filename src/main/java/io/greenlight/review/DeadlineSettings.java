package io.greenlight.review;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * {@code greenlight.review.*}: the review clock.
 *
 * @param sla            a stage's SLA when nothing more specific applies (default 24 h)
 * @param slaByStage     per stage (= group), e.g. {@code legal: PT48H}; the first review is the stage {@code review}
 * @param slaByChannel   per channel key; the shortest of the post's channels applies
 * @param slaByCampaign  per campaign name
 * @param leadTime       a review is due at the latest this long before the publishing time (default 2 h)
 * @param minimumClock   however close the publishing time, a review gets at least this long (default 15 min)
 * @param lateGrace      an approval later than this after the publishing time goes to managers (default 15 min)
 * @param team           the team whose working hours stretch the first review's clock (default {@code reviewers});
 *                       a routed stage's team is the stage itself
 */
@ConfigurationProperties("greenlight.review")
public record DeadlineSettings(@DefaultValue("PT24H") Duration sla,
                               Map<String, Duration> slaByStage,
                               Map<String, Duration> slaByChannel,
                               Map<String, Duration> slaByCampaign,
                               @DefaultValue("PT2H") Duration leadTime,
                               @DefaultValue("PT15M") Duration minimumClock,
                               @DefaultValue("PT15M") Duration lateGrace,
                               @DefaultValue("reviewers") String team) {

    public DeadlineSettings {
        slaByStage = slaByStage == null ? Map.of() : Map.copyOf(slaByStage);
        slaByChannel = slaByChannel == null ? Map.of() : Map.copyOf(slaByChannel);
        slaByCampaign = slaByCampaign == null ? Map.of() : Map.copyOf(slaByCampaign);
    }

    public static DeadlineSettings defaults() {
        return new DeadlineSettings(Duration.ofHours(24), null, null, null, Duration.ofHours(2), Duration.ofMinutes(15),
                Duration.ofMinutes(15), "reviewers");
    }
}
