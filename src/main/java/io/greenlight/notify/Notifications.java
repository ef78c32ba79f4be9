package io.greenlight.notify;

import io.greenlight.process.EngineClock;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Stores in-app notifications. E-mail and chat delivery will hang off this same service. */
@Service
@Transactional
public class Notifications {

    private final NotificationRepository repository;

    public Notifications(NotificationRepository repository) {
        this.repository = repository;
    }

    public void send(String recipient, String message, String postId) {
        send(List.of(recipient), message, postId);
    }

    public void send(Collection<String> recipients, String message, String postId) {
        for (String recipient : new LinkedHashSet<>(recipients)) {
            repository.save(new Notification(recipient, message, postId, EngineClock.now()));
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

    public void markAllRead(String recipient) {
        repository.findByRecipientAndReadAtIsNull(recipient).forEach(n -> n.markRead(EngineClock.now()));
    }
}
