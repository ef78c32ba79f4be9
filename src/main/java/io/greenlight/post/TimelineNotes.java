package io.greenlight.post;

import io.greenlight.engine.EngineClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Date;
import java.util.List;

/**
 * Notes on a post's timeline for what the engine's history does not tell: the due date a review got, reminders and
 * escalations sent (and to whom), a task routed to a backup, e-mails and chat messages delivered or failed.
 * Kinds: {@code due}, {@code reminder}, {@code escalation}, {@code backup}, {@code offboarding}, {@code late},
 * {@code notified}, {@code delivered}, {@code delivery-failed}.
 */
@Service
@Transactional
public class TimelineNotes implements TimelineContributor {

    private final TimelineNoteRepository repository;

    public TimelineNotes(TimelineNoteRepository repository) {
        this.repository = repository;
    }

    public void add(String postId, String kind, String actor, String text) {
        if (postId == null || postId.isBlank()) {
            return;
        }
        repository.save(new TimelineNote(postId, kind, actor, text, EngineClock.now()));
    }

    @Transactional(readOnly = true)
    public List<TimelineNote> of(String postId) {
        return repository.findByPostIdOrderByCreatedAtAsc(postId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PostTimeline.Entry> entries(Post post) {
        return of(post.getId()).stream().map(n -> new PostTimeline.Entry(Date.from(n.getCreatedAt().toInstant()), n.getKind(),
                n.getActor(), n.getText(), null, null)).toList();
    }
}
