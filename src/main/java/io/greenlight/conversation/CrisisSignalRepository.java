package io.greenlight.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface CrisisSignalRepository extends JpaRepository<CrisisSignalRecord, Long> {
    Optional<CrisisSignalRecord> findFirstByOrderByDetectedAtDesc();
}
