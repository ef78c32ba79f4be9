package io.greenlight.team;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Absences set ahead of time start by themselves: every minute the tasks of users who are away now go to their
 * backups ({@link HandOver#sweep()}). Off with {@code greenlight.team.absence-sweep.enabled=false} (tests call it).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "greenlight.team.absence-sweep.enabled", havingValue = "true", matchIfMissing = true)
public class AbsenceSweep {

    private final HandOver handOver;

    public AbsenceSweep(HandOver handOver) {
        this.handOver = handOver;
    }

    @Scheduled(fixedDelayString = "${greenlight.team.absence-sweep.interval:PT1M}", initialDelayString = "PT30S")
    public void sweep() {
        handOver.sweep();
    }
}
