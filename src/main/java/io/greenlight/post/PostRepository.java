package io.greenlight.post;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PostRepository extends JpaRepository<Post, String> {
    Page<Post> findByStatus(PostStatus status, Pageable pageable);

    Page<Post> findByAuthor(String author, Pageable pageable);

    Page<Post> findByAuthorAndStatus(String author, PostStatus status, Pageable pageable);

    // Slices: one row more than the page, no count (My posts; each has an index in its filter's and sort's order, V101)
    Slice<Post> findSliceByStatus(PostStatus status, Pageable pageable);

    Slice<Post> findSliceByAuthor(String author, Pageable pageable);

    Slice<Post> findSliceByAuthorAndStatus(String author, PostStatus status, Pageable pageable);

    @Query("select p from Post p")
    Slice<Post> findSliceOfAll(Pageable pageable);

    /** Posts in this status scheduled in [from, to), e.g. the reviews of a holiday period. */
    java.util.List<Post> findByStatusAndScheduledAtGreaterThanEqualAndScheduledAtLessThan(
            PostStatus status, java.time.OffsetDateTime from, java.time.OffsetDateTime to);
}
