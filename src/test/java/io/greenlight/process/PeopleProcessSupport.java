package io.greenlight.process;

import io.greenlight.post.TimelineNote;
import io.greenlight.post.TimelineNotes;
import io.greenlight.post.Post;
import io.greenlight.team.Absences;
import io.greenlight.team.PeopleService;
import io.greenlight.team.AbsenceForm;
import io.greenlight.team.Absence;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.OffsetDateTime;
import java.util.List;

/** helpers on top of {@link ProcessTestSupport} (same Spring context): notes, absences, own users. */
abstract class PeopleProcessSupport extends ProcessTestSupport {

    @Autowired TimelineNotes notes;
    @Autowired PeopleService people;
    @Autowired Absences absences;

    List<String> timelineNotes(Post post) {
        return notes.of(post.getId()).stream().map(TimelineNote::getText).toList();
    }

    List<String> timelineKinds(Post post) {
        return notes.of(post.getId()).stream().map(TimelineNote::getKind).toList();
    }

    /** A user of this test only (in no group, so other tests' recipient lists stay as they are). */
    String user(String prefix) {
        String id = prefix + (System.nanoTime() % 1_000_000_000L);
        User u = identityService.newUser(id);
        u.setPassword(id);
        u.setEmail(id + "@greenlight.local");
        identityService.saveUser(u);
        return id;
    }

    Absence away(String actor, java.util.Set<String> actorGroups, String user, String backup, OffsetDateTime from,
                 OffsetDateTime to, String note) {
        return people.setAbsence(new io.greenlight.security.CurrentUser(actor, actorGroups), user,
                new AbsenceForm(backup, from.toString(), to.toString(), note));
    }
}
