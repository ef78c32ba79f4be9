package io.greenlight.channel;

import org.springframework.data.jpa.repository.JpaRepository;

public interface NetworkRuleRepository extends JpaRepository<NetworkRule, String> {
}
