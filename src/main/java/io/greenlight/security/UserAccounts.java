package io.greenlight.security;

import io.greenlight.engine.EngineClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;

/** Whether a user is active (offboarded users are not) and the user's time zone. */
@Service
@Transactional
public class UserAccounts {

    private final UserAccountRepository repository;
    private final ZoneId defaultZone;

    public UserAccounts(UserAccountRepository repository,
                        @Value("${greenlight.notify.default-time-zone:UTC}") String defaultZone) {
        this.repository = repository;
        this.defaultZone = ZoneId.of(defaultZone);
    }

    @Transactional(readOnly = true)
    public boolean isActive(String userId) {
        return userId != null && repository.findById(userId).map(UserAccount::isActive).orElse(true);
    }

    @Transactional(readOnly = true)
    public Set<String> inactive() {
        return repository.findByActiveFalse().stream().map(UserAccount::getUserId).collect(Collectors.toSet());
    }

    @Transactional(readOnly = true)
    public ZoneId zoneOf(String userId) {
        return repository.findById(userId).map(UserAccount::getTimeZone).filter(z -> z != null && !z.isBlank())
                .map(ZoneId::of).orElse(defaultZone);
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    public void setTimeZone(String userId, String zone) {
        ZoneId parsed = parseZone(zone);
        account(userId).timeZone(parsed.getId(), EngineClock.now());
    }

    public void deactivate(String userId, String by) {
        account(userId).deactivate(by, EngineClock.now());
    }

    public void reactivate(String userId) {
        account(userId).reactivate(EngineClock.now());
    }

    @Transactional(readOnly = true)
    public java.util.Optional<UserAccount> find(String userId) {
        return repository.findById(userId);
    }

    private UserAccount account(String userId) {
        return repository.findById(userId).orElseGet(() -> repository.save(new UserAccount(userId, EngineClock.now())));
    }

    public static ZoneId parseZone(String zone) {
        try {
            return ZoneId.of(zone == null ? "" : zone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + (zone != null && zone.length() > 60 ? zone.substring(0, 60) + "…" : zone)
                    + "' is not a time zone; use a name like Europe/Berlin or America/New_York");
        }
    }
}
