package io.greenlight.conversation;

import io.greenlight.engine.EngineClock;
import io.greenlight.notify.Notice;
import io.greenlight.notify.NotificationEvent;
import io.greenlight.notify.Notifications;
import io.greenlight.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Spots a crisis early: when at least {@code greenlight.community.crisis.threshold} (5) items that are negative or
 * match {@code greenlight.community.crisis.keywords} arrive within {@code greenlight.community.crisis.window} (1 h),
 * the managers are told (in-app, e-mail, their team chat; event {@code escalation}) with a link to the publishing
 * pause, and the inbox shows the signal. One alert per window: a spike that goes on does not alert again until a
 * window after the last alert.
 */
@Component
@Transactional
public class CrisisSignal {

    private static final Logger LOG = LoggerFactory.getLogger(CrisisSignal.class);

    private final ConversationItemRepository items;
    private final CrisisSignalRepository signals;
    private final Notifications notifications;
    private final IdentityService identity;
    private final int threshold;
    private final Duration window;
    private final Pattern keywords;

    CrisisSignal(ConversationItemRepository items, CrisisSignalRepository signals, Notifications notifications,
                 IdentityService identity,
                 @Value("${greenlight.community.crisis.threshold:5}") int threshold,
                 @Value("${greenlight.community.crisis.window:PT1H}") Duration window,
                 @Value("${greenlight.community.crisis.keywords:recall,boycott,lawsuit,poison,injur,data breach,scam,fraud}") String keywords) {
        this.items = items;
        this.signals = signals;
        this.notifications = notifications;
        this.identity = identity;
        this.threshold = threshold;
        this.window = window;
        this.keywords = Pattern.compile(String.join("|", java.util.Arrays.stream(keywords.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Pattern::quote).toList()), Pattern.CASE_INSENSITIVE);
    }

    boolean alarming(ConversationItem item) {
        return Sentiment.NEGATIVE.equals(item.getSentiment()) || keywords.matcher(item.getText().toLowerCase(Locale.ROOT)).find();
    }

    /** Called after each item the inbox stores. */
    void check() {
        OffsetDateTime now = EngineClock.now();
        OffsetDateTime from = now.minus(window);
        Optional<CrisisSignalRecord> last = signals.findFirstByOrderByDetectedAtDesc();
        if (last.isPresent() && last.get().getDetectedAt().isAfter(from)) {
            return;
        }
        List<ConversationItem> alarming = items.findByDirectionAndReceivedAtGreaterThanEqual(ConversationItem.Direction.IN, from)
                .stream().filter(this::alarming).toList();
        if (alarming.size() < threshold) {
            return;
        }
        String sample = Conversation.clip(String.join(" | ", alarming.stream().limit(3)
                .map(i -> Conversation.clip(i.getText(), 200)).toList()), 1000);
        signals.save(new CrisisSignalRecord(now, from, alarming.size(), sample));
        List<String> managers = identity.createUserQuery().memberOfGroup(Groups.MANAGERS).list().stream().map(User::getId).toList();
        notifications.deliver(Notice.of(NotificationEvent.ESCALATION, managers,
                "Possible crisis: " + alarming.size() + " negative or alarming items in the community inbox within "
                        + window.toMinutes() + " minutes (" + sample + "). Look at /community; pause publishing at /publishing if needed.",
                null).withTeams(List.of(Groups.MANAGERS)));
        LOG.warn("Crisis signal: {} alarming items since {}", alarming.size(), from);
    }

    /** The alert of the current window, for the inbox's banner (an alert stays shown for a day). */
    @Transactional(readOnly = true)
    public Optional<CrisisSignalRecord> current() {
        OffsetDateTime since = EngineClock.now().minusHours(24);
        return signals.findFirstByOrderByDetectedAtDesc().filter(s -> s.getDetectedAt().isAfter(since));
    }
}
