package io.greenlight.team;

import io.greenlight.security.UserAccounts;
import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Absences and backups. A user sets their own; a manager may set one for anyone. While a user is away, tasks
 * assigned to them (or whose only candidate they are) go to their backup ({@link BackupRouting}); a backup who is
 * away too hands on to their own backup.
 */
@Service
@Transactional
public class Absences {

    private final AbsenceRepository repository;
    private final UserAccounts accounts;
    private final Directory directory;

    public Absences(AbsenceRepository repository, UserAccounts accounts, Directory directory) {
        this.repository = repository;
        this.accounts = accounts;
        this.directory = directory;
    }

    public Absence set(CurrentUser actor, String userId, String backupId, OffsetDateTime from, OffsetDateTime to, String note) {
        if (actor == null || (!actor.id().equals(userId) && !actor.isManager())) {
            throw UserFacingException.forbidden("Only " + userId + " or a manager can set this absence.");
        }
        if (directory.person(userId).isEmpty()) {
            throw UserFacingException.notFound("There is no user '" + userId + "'.");
        }
        if (backupId == null || backupId.isBlank()) {
            throw UserFacingException.invalid("Choose a backup who takes over while " + userId + " is away.");
        }
        String backup = backupId.strip();
        if (backup.equals(userId)) {
            throw UserFacingException.invalid("A backup must be someone else.");
        }
        if (directory.person(backup).isEmpty() || !accounts.isActive(backup)) {
            throw UserFacingException.invalid("'" + backup + "' is not an active user.");
        }
        if (from == null || to == null) {
            throw UserFacingException.invalid("An absence needs a start and an end.");
        }
        if (!to.isAfter(from)) {
            throw UserFacingException.invalid("An absence must end after it starts.");
        }
        if (note != null && note.length() > 500) {
            throw UserFacingException.invalid("The note is too long (at most 500 characters).");
        }
        return repository.save(new Absence(userId, backup, from, to, note == null || note.isBlank() ? null : note.strip(),
                actor.id(), EngineClock.now()));
    }

    /** Ends an absence now (the user is back early). */
    public void end(CurrentUser actor, long absenceId) {
        Absence absence = repository.findById(absenceId).orElseThrow(() -> UserFacingException.notFound("No such absence."));
        if (!actor.id().equals(absence.getUserId()) && !actor.isManager()) {
            throw UserFacingException.forbidden("Only " + absence.getUserId() + " or a manager can end this absence.");
        }
        absence.endAt(EngineClock.now());
    }

    @Transactional(readOnly = true)
    public Optional<Absence> current(String userId) {
        List<Absence> active = repository.activeFor(userId, EngineClock.now());
        return active.isEmpty() ? Optional.empty() : Optional.of(active.get(0));
    }

    @Transactional(readOnly = true)
    public List<Absence> currentOrFuture() {
        return repository.currentOrFuture(EngineClock.now());
    }

    @Transactional(readOnly = true)
    public List<Absence> activeNow() {
        return repository.activeAt(EngineClock.now());
    }

    @Transactional(readOnly = true)
    public List<Absence> of(String userId) {
        return repository.findByUserIdOrderByStartsAtDesc(userId);
    }

    /**
     * Who covers for {@code userId} now: their backup, or the backup's backup when that one is away too; empty when
     * the user is not away, or the chain ends with nobody active.
     */
    @Transactional(readOnly = true)
    public Optional<Absence> cover(String userId) {
        Set<String> seen = new LinkedHashSet<>();
        seen.add(userId);
        Optional<Absence> first = current(userId);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Absence absence = first.get();
        String candidate = absence.getBackupId();
        while (candidate != null && seen.add(candidate)) {
            Optional<Absence> next = current(candidate);
            if (next.isEmpty() && accounts.isActive(candidate)) {
                return Optional.of(candidate.equals(absence.getBackupId()) ? absence : relayed(absence, candidate));
            }
            candidate = next.map(Absence::getBackupId).orElse(null);
        }
        return Optional.empty();
    }

    private static Absence relayed(Absence original, String finalBackup) {
        return new Absence(original.getUserId(), finalBackup, original.getStartsAt(), original.getEndsAt(),
                original.getNote(), original.getSetBy(), original.getStartsAt());
    }
}
