package io.greenlight.publishing;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PublishingPauseRepository extends JpaRepository<PublishingPauseState, Integer> {
}
