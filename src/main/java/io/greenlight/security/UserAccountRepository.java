package io.greenlight.security;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface UserAccountRepository extends JpaRepository<UserAccount, String> {
    /** Asked for every list of people and notices: written out, so Hibernate translates it once. */
    @Query("select a from UserAccount a where a.active = false")
    List<UserAccount> findByActiveFalse();
}
