package io.greenlight.team;

import io.greenlight.security.UserAccounts;
import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the people pages show and do: everyone with their state and absence, the groups with review duty that have
 * fewer than two active members, and setting absences (handing over at once when they start now).
 */
@Service
public class PeopleService {

    private final Directory directory;
    private final UserAccounts accounts;
    private final Absences absences;
    private final HandOver handOver;
    private final Teams teams;

    public PeopleService(Directory directory, UserAccounts accounts, Absences absences, HandOver handOver, Teams teams) {
        this.directory = directory;
        this.accounts = accounts;
        this.absences = absences;
        this.handOver = handOver;
        this.teams = teams;
    }

    public record PersonRow(Directory.Person person, boolean active, Optional<Absence> absence, String timeZone) {
    }

    public record Warning(String group, long activeMembers, String message) {
    }

    public List<PersonRow> people() {
        Set<String> inactive = accounts.inactive();
        return directory.people().stream().map(p -> new PersonRow(p, !inactive.contains(p.id()), absences.current(p.id()),
                accounts.zoneOf(p.id()).getId())).toList();
    }

    /** Every existing group with review duty needs at least two active members (four-eyes, backups). */
    public List<Warning> warnings() {
        Set<String> inactive = accounts.inactive();
        List<Warning> warnings = new ArrayList<>();
        for (String group : teams.reviewGroups()) {
            if (!directory.groupExists(group)) {
                continue;
            }
            long active = directory.members(group).stream().filter(u -> !inactive.contains(u)).count();
            if (active < 2) {
                warnings.add(new Warning(group, active, "The group '" + group + "' reviews posts but has " + active
                        + " active member" + (active == 1 ? "" : "s") + ": add someone, so reviews have a backup and the "
                        + "four-eyes rule can hold."));
            }
        }
        return warnings;
    }

    /** Sets an absence; when it has started already, the user's open tasks go to the backup at once. */
    public Absence setAbsence(CurrentUser actor, String userId, AbsenceForm form) {
        Absence absence = absences.set(actor, userId, form.backup(), form.fromIn(accounts.zoneOf(actor.id())),
                form.toIn(accounts.zoneOf(actor.id())), form.note());
        if (absence.covers(EngineClock.now())) {
            handOver.handOver(userId);
        }
        return absence;
    }
}
