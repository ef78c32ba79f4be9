package io.greenlight.security;

import org.springframework.data.jpa.repository.JpaRepository;

public interface OidcAccountRepository extends JpaRepository<OidcAccount, OidcAccount.Key> {

    boolean existsByUserId(String userId);
}
