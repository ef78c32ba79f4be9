package io.greenlight.post;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface PostVersionRepository extends JpaRepository<PostVersion, Long> {
    List<PostVersion> findByPostIdOrderByNumberAsc(String postId);

    Optional<PostVersion> findByPostIdAndNumber(String postId, int number);
}
