package io.greenlight.conversation;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/** A spike of negative or alarming items within the window tells the managers once, and the inbox shows it. */
class CrisisSignalTest extends ConversationTestSupport {

    @Autowired CrisisSignal crisis;
    @Autowired CrisisSignalRepository signals;

    private long managerAlerts() {
        return notifications.findAll().stream().filter(n -> MANAGER.equals(n.getRecipient())
                && n.getMessage().startsWith("Possible crisis")).count();
    }

    @Test
    void fiveAlarmingItemsWithinAnHourAlertTheManagersOnce() {
        // a time of its own, far from the other tests' items and alerts
        now = new Date(now.getTime() + Duration.ofDays(400).toMillis());
        ClockUtil.setCurrentTime(now);
        long before = managerAlerts();
        long signalsBefore = signals.count();

        receive("Love the colours!");
        receive("This is terrible, my order is broken");
        receive("Worst service ever, I want a refund");
        receive("Is it true there is a recall?");
        receive("Disappointed, it failed again");
        assertThat(signals.count()).as("four are not a spike").isEqualTo(signalsBefore);
        receive("Awful. Never again.");
        assertThat(signals.count()).isEqualTo(signalsBefore + 1);
        assertThat(managerAlerts()).isEqualTo(before + 1);
        assertThat(crisis.current()).get().extracting(CrisisSignalRecord::getItems).isEqualTo(5);

        receive("Horrible, a scam");
        assertThat(managerAlerts()).as("the same spike alerts once").isEqualTo(before + 1);

        // a window later, a new spike alerts again
        now = new Date(now.getTime() + Duration.ofHours(2).toMillis());
        ClockUtil.setCurrentTime(now);
        for (int i = 0; i < 5; i++) {
            receive("Terrible and broken " + i);
        }
        assertThat(managerAlerts()).isEqualTo(before + 2);
    }
}
