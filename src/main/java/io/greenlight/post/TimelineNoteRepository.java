package io.greenlight.post;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface TimelineNoteRepository extends JpaRepository<TimelineNote, Long> {
    List<TimelineNote> findByPostIdOrderByCreatedAtAsc(String postId);
}
