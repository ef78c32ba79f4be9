package io.greenlight.notify;

import io.greenlight.engine.EngineClock;
import io.greenlight.team.Directory;
import io.greenlight.team.Teams;
import io.greenlight.security.UserAccounts;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers notifications: in-app (the bell) at once, e-mail and chat through the {@link Outbox} (stored with
 * the caller's transaction, sent afterwards and retried). Each user gets a notice on the channels the sender allows
 * and the user wants for its event ({@link Preferences}); offboarded users get nothing. E-mail needs SMTP
 * ({@link Mailer#available()}) and an address on the user; a team's chat gets the events it subscribed to.
 */
@Service
@Transactional
public class Notifications {

    private final NotificationRepository repository;
    private final Preferences preferences;
    private final UserAccounts accounts;
    private final Directory directory;
    private final Teams teams;
    private final Outbox outbox;
    private final Mailer mailer;
    private final MailContent content;
    private final ChatWebhook chat;

    public Notifications(NotificationRepository repository, Preferences preferences, UserAccounts accounts,
                         Directory directory, Teams teams, Outbox outbox, Mailer mailer, MailContent content,
                         ChatWebhook chat) {
        this.repository = repository;
        this.preferences = preferences;
        this.accounts = accounts;
        this.directory = directory;
        this.teams = teams;
        this.outbox = outbox;
        this.mailer = mailer;
        this.content = content;
        this.chat = chat;
    }

    /** A generic notice, in-app only unless the user chose otherwise. */
    public void send(String recipient, String message, String postId) {
        send(List.of(recipient), message, postId);
    }

    public void send(Collection<String> recipients, String message, String postId) {
        deliver(Notice.of(NotificationEvent.INFO, recipients, message, postId));
    }

    public void send(NotificationEvent event, Collection<String> recipients, String message, String postId) {
        deliver(Notice.of(event, recipients, message, postId));
    }

    /** Delivers and returns who got it on which channel, for the timeline ("manager (in-app, email)"). */
    public Delivered deliver(Notice notice) {
        Set<String> inApp = new LinkedHashSet<>();
        Set<String> emailed = new LinkedHashSet<>();
        Set<String> chats = new LinkedHashSet<>();
        Set<DeliveryChannel> allowed = notice.channels() == null || notice.channels().isEmpty()
                ? EnumSet.allOf(DeliveryChannel.class) : notice.channels();
        for (String user : new LinkedHashSet<>(notice.users())) {
            if (user == null || user.isBlank() || !accounts.isActive(user)) {
                continue;
            }
            if (allowed.contains(DeliveryChannel.IN_APP) && preferences.wants(user, notice.event(), DeliveryChannel.IN_APP)) {
                repository.save(new Notification(user, notice.text(), notice.postId(), EngineClock.now()));
                inApp.add(user);
            }
            if (allowed.contains(DeliveryChannel.EMAIL) && mailer.available()
                    && preferences.wants(user, notice.event(), DeliveryChannel.EMAIL)) {
                Optional<String> address = directory.person(user).map(Directory.Person::email).filter(e -> e != null && !e.isBlank());
                if (address.isPresent()) {
                    MailContent.Mail mail = content.render(notice.event(), user, notice.text(), notice.postId(), notice.taskId());
                    outbox.email(notice.event().key(), user, address.get(), mail.subject(), mail.text(), mail.html(), notice.postId());
                    emailed.add(user);
                }
            }
        }
        if (allowed.contains(DeliveryChannel.CHAT) && notice.teams() != null) {
            for (String team : new LinkedHashSet<>(notice.teams())) {
                teams.chatWebhook(team, notice.event().key()).ifPresent(url -> {
                    String payload = chat.payload(notice.event().label(), notice.text(), content.link(notice.postId(), notice.taskId()));
                    outbox.chat(notice.event().key(), team, url, content.subject(notice.event(), notice.text()), payload, notice.postId());
                    chats.add(team);
                });
            }
        }
        return new Delivered(inApp, emailed, chats);
    }

    /** Who got a notice: in-app, by e-mail (queued) and which teams' chats (queued). */
    public record Delivered(Set<String> inApp, Set<String> emailed, Set<String> chats) {

        public Set<String> people() {
            Set<String> all = new LinkedHashSet<>(inApp);
            all.addAll(emailed);
            return all;
        }

        /** e.g. {@code manager (in-app, e-mail), reviewer (e-mail); chat of reviewers}. */
        public String describe() {
            StringBuilder s = new StringBuilder();
            for (String user : people()) {
                if (!s.isEmpty()) {
                    s.append(", ");
                }
                List<String> how = new java.util.ArrayList<>();
                if (inApp.contains(user)) {
                    how.add("in-app");
                }
                if (emailed.contains(user)) {
                    how.add("e-mail");
                }
                s.append(user).append(" (").append(String.join(", ", how)).append(")");
            }
            if (!chats.isEmpty()) {
                s.append(s.isEmpty() ? "" : "; ").append("chat of ").append(String.join(", ", chats));
            }
            return s.isEmpty() ? "nobody" : s.toString();
        }
    }

    @Transactional(readOnly = true)
    public List<Notification> latest(String recipient, int limit) {
        return repository.findByRecipientOrderByCreatedAtDesc(recipient, PageRequest.of(0, Math.min(Math.max(limit, 1), 200)));
    }

    @Transactional(readOnly = true)
    public long unread(String recipient) {
        return repository.countByRecipientAndReadAtIsNull(recipient);
    }

    /** For the bell: the unread count up to {@link #BELL_CAP} (the layout shows more as "99+"). */
    @Transactional(readOnly = true)
    public long unreadForBell(String recipient) {
        return repository.countUnreadUpTo(recipient, BELL_CAP);
    }

    public static final int BELL_CAP = 100;

    public void markAllRead(String recipient) {
        repository.findByRecipientAndReadAtIsNull(recipient).forEach(n -> n.markRead(EngineClock.now()));
    }
}
