package io.greenlight.publishing;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface PublishingAuditRepository extends JpaRepository<PublishingAudit, Long> {
    List<PublishingAudit> findTop50ByOrderByIdDesc();
}
