package io.greenlight.post;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PostRepository extends JpaRepository<Post, String> {
    Page<Post> findByStatus(PostStatus status, Pageable pageable);

    Page<Post> findByAuthor(String author, Pageable pageable);

    Page<Post> findByAuthorAndStatus(String author, PostStatus status, Pageable pageable);

    /** Posts in this status scheduled in [from, to), e.g. the reviews of a holiday period. */
    java.util.List<Post> findByStatusAndScheduledAtGreaterThanEqualAndScheduledAtLessThan(
            PostStatus status, java.time.OffsetDateTime from, java.time.OffsetDateTime to);
}
