package io.greenlight.team;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People and teams (managers; deactivating is for administrators): who is active or away and who covers, warnings
 * for review groups with fewer than two active members, absences for others, offboarding, and each team's working
 * hours, holidays and chat webhook. Managers add people (with a password or an e-mailed invitation), set their
 * groups and see every group the deployed diagrams and the routing decision use, with its members
 * ({@link PeopleAdmin}). A refused form is shown again, with a 4xx status and the problems next to their fields.
 */
@PageController
public class PeoplePageController {

    private final PeopleService people;
    private final Offboarding offboarding;
    private final Teams teams;
    private final Directory directory;
    private final PeopleAdmin admin;

    public PeoplePageController(PeopleService people, Offboarding offboarding, Teams teams, Directory directory,
                                PeopleAdmin admin) {
        this.people = people;
        this.offboarding = offboarding;
        this.teams = teams;
        this.directory = directory;
        this.admin = admin;
    }

    @GetMapping("/admin/people")
    @Transactional(readOnly = true)
    public String list(Model model) {
        CurrentUser me = manager();
        if (!model.containsAttribute("newUser")) {
            model.addAttribute("newUser", PeopleAdmin.NewUser.empty());
        }
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        model.addAttribute("groups", admin.groups());
        model.addAttribute("assignable", admin.assignableGroups());
        model.addAttribute("canInvite", admin.canInvite());
        model.addAttribute("people", people.people());
        model.addAttribute("warnings", people.warnings());
        model.addAttribute("isAdmin", me.in(io.greenlight.security.Groups.ADMIN));
        model.addAttribute("teams", directory.groups().stream().map(g -> new TeamRow(g, teams.settings(g).orElse(null))).toList());
        return "admin/people";
    }

    public record TeamRow(String group, TeamSettings settings) {
    }

    /** "Add someone": a new user with groups and an initial password, or an invitation by e-mail. */
    @PostMapping("/admin/people")
    public String create(@RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String firstName,
                         @RequestParam(defaultValue = "") String lastName, @RequestParam(defaultValue = "") String email,
                         @RequestParam(required = false) List<String> groups, @RequestParam(required = false) String password,
                         @RequestParam(defaultValue = "false") boolean invite, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        CurrentUser me = manager();
        PeopleAdmin.NewUser form = new PeopleAdmin.NewUser(id, firstName, lastName, email, groups, password, invite);
        try {
            PeopleAdmin.Created created = admin.create(me, form);
            redirect.addFlashAttribute("flashSuccess", created.invited()
                    ? created.userId() + " was added and gets an e-mail with a link to choose a password."
                    : created.userId() + " was added and can sign in with the password you set.");
            return "redirect:/admin/people";
        } catch (UserFacingException e) {
            model.addAttribute("newUser", new PeopleAdmin.NewUser(id, firstName, lastName, email, groups, "", invite));
            return refused(e, "new", model, response);
        }
    }

    /** Sets a user's groups (the checkboxes in the user's row). */
    @PostMapping("/admin/people/{userId}/groups")
    public String groups(@PathVariable String userId, @RequestParam(required = false) List<String> groups, Model model,
                         HttpServletResponse response, RedirectAttributes redirect) {
        CurrentUser me = manager();
        try {
            admin.setGroups(me, userId, groups == null ? List.of() : groups);
        } catch (UserFacingException e) {
            return refused(e, "groups-" + userId, model, response);
        }
        redirect.addFlashAttribute("flashSuccess", "Groups of " + userId + " saved.");
        return "redirect:/admin/people#person-" + userId;
    }

    /** Adds an existing user to a group (the "add someone" field of a group, e.g. an empty review stage). */
    @PostMapping("/admin/groups/{group}/members")
    public String addMember(@PathVariable String group, @RequestParam(defaultValue = "") String userId, Model model,
                            HttpServletResponse response, RedirectAttributes redirect) {
        CurrentUser me = manager();
        try {
            admin.addMember(me, group, userId.strip());
        } catch (UserFacingException e) {
            return refused(e, "member-" + group, model, response);
        }
        redirect.addFlashAttribute("flashSuccess", userId.strip() + " is now in " + group + ".");
        return "redirect:/admin/people#group-" + group;
    }

    /** The page again, with the refusal's status, its message and each problem next to its field. */
    private String refused(UserFacingException e, String form, Model model, HttpServletResponse response) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String error : e.errors()) {
            int colon = error.indexOf(": ");
            if (colon > 0) {
                fields.merge(error.substring(0, colon), error.substring(colon + 2), (a, b) -> a + " " + b);
            }
        }
        model.addAttribute("fieldErrors", fields);
        model.addAttribute("formError", e.getMessage());
        model.addAttribute("formErrorFor", form);
        response.setStatus(e.status().value());
        return list(model);
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
