package io.greenlight.team;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * People and teams (managers; deactivating is for administrators): who is active or away and who covers, warnings
 * for review groups with fewer than two active members, absences for others, offboarding, and each team's working
 * hours, holidays and chat webhook.
 */
@PageController
public class PeoplePageController {

    private final PeopleService people;
    private final Offboarding offboarding;
    private final Teams teams;
    private final Directory directory;

    public PeoplePageController(PeopleService people, Offboarding offboarding, Teams teams, Directory directory) {
        this.people = people;
        this.offboarding = offboarding;
        this.teams = teams;
        this.directory = directory;
    }

    @GetMapping("/admin/people")
    public String list(Model model) {
        CurrentUser me = manager();
        model.addAttribute("people", people.people());
        model.addAttribute("warnings", people.warnings());
        model.addAttribute("isAdmin", me.in(io.greenlight.security.Groups.ADMIN));
        model.addAttribute("teams", directory.groups().stream().map(g -> new TeamRow(g, teams.settings(g).orElse(null))).toList());
        return "admin/people";
    }

    public record TeamRow(String group, TeamSettings settings) {
    }

    @PostMapping("/admin/people/{userId}/absence")
    public String absence(@PathVariable String userId, AbsenceForm form, RedirectAttributes redirect) {
        Absence a = people.setAbsence(manager(), userId, form);
        redirect.addFlashAttribute("flashSuccess", "Absence of " + userId + " saved: " + a.getBackupId() + " covers.");
        return "redirect:/admin/people";
    }

    @PostMapping("/admin/people/{userId}/deactivate")
    public String deactivate(@PathVariable String userId, RedirectAttributes redirect) {
        Offboarding.Result r = offboarding.deactivate(CurrentUser.get(), userId);
        redirect.addFlashAttribute("flashSuccess", userId + " is deactivated and can no longer sign in; "
                + r.tasksReturned() + " open task(s) went back to their groups.");
        return "redirect:/admin/people";
    }

    @PostMapping("/admin/people/{userId}/reactivate")
    public String reactivate(@PathVariable String userId, @RequestParam(required = false) String password,
                             RedirectAttributes redirect) {
        offboarding.reactivate(CurrentUser.get(), userId, password);
        redirect.addFlashAttribute("flashSuccess", userId + " is active again with the new password.");
        return "redirect:/admin/people";
    }

    @PostMapping("/admin/teams/{group}")
    public String team(@PathVariable String group, @RequestParam String timeZone,
                       @RequestParam(defaultValue = "false") boolean workingHours,
                       @RequestParam(defaultValue = "09:00") String workStart, @RequestParam(defaultValue = "17:00") String workEnd,
                       @RequestParam(defaultValue = "MON,TUE,WED,THU,FRI") String workDays,
                       @RequestParam(required = false) String holidays,
                       @RequestParam(required = false) String chatWebhook, @RequestParam(required = false) String chatEvents,
                       @RequestParam(defaultValue = "false") boolean removeWebhook, RedirectAttributes redirect) {
        manager();
        if (!directory.groupExists(group)) {
            throw UserFacingException.notFound("There is no group '" + group + "'.");
        }
        teams.saveHours(group, timeZone, workingHours, workStart, workEnd, workDays, holidays);
        if ((chatWebhook != null && !chatWebhook.isBlank()) || removeWebhook) {
            teams.saveChat(group, removeWebhook ? null : chatWebhook, chatEvents);
        } else {
            teams.saveChatEvents(group, chatEvents);
        }
        redirect.addFlashAttribute("flashSuccess", "Settings of the team " + group + " saved.");
        return "redirect:/admin/people";
    }

    private static CurrentUser manager() {
        CurrentUser me = CurrentUser.get();
        if (me == null || !me.isManager()) {
            throw UserFacingException.forbidden("Only managers can manage people and teams.");
        }
        return me;
    }
}
