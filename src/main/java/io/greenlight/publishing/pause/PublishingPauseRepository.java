package io.greenlight.publishing.pause;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PublishingPauseRepository extends JpaRepository<PublishingPauseState, Integer> {
}
