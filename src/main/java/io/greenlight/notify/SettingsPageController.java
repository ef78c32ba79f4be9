package io.greenlight.notify;

import io.greenlight.team.AbsenceForm;
import io.greenlight.team.Absence;
import io.greenlight.security.UserAccounts;
import io.greenlight.team.PeopleService;
import io.greenlight.team.Absences;
import io.greenlight.team.Directory;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** My settings: which notifications reach me how, my time zone, my absences and backup. */
@PageController
public class SettingsPageController {

    private final Preferences preferences;
    private final UserAccounts accounts;
    private final Absences absences;
    private final PeopleService people;
    private final Directory directory;
    private final Mailer mailer;

    public SettingsPageController(Preferences preferences, UserAccounts accounts, Absences absences, PeopleService people,
                                  Directory directory, Mailer mailer) {
        this.preferences = preferences;
        this.accounts = accounts;
        this.absences = absences;
        this.people = people;
        this.directory = directory;
        this.mailer = mailer;
    }

    @GetMapping("/settings")
    @Transactional(readOnly = true)
    public String settings(Model model) {
        CurrentUser me = CurrentUser.get();
        model.addAttribute("matrix", preferences.of(me.id()));
        model.addAttribute("channels", List.of(DeliveryChannel.IN_APP, DeliveryChannel.EMAIL));
        model.addAttribute("timeZone", accounts.zoneOf(me.id()).getId());
        model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
        model.addAttribute("absences", absences.of(me.id()));
        model.addAttribute("colleagues", directory.people().stream().filter(p -> !p.id().equals(me.id())).toList());
        model.addAttribute("email", directory.person(me.id()).map(Directory.Person::email).orElse(null));
        model.addAttribute("mailAvailable", mailer.available());
        return "settings";
    }

    @PostMapping("/settings/preferences")
    public String save(@RequestParam(required = false) List<String> on, @RequestParam String timeZone,
                       RedirectAttributes redirect) {
        CurrentUser me = CurrentUser.get();
        Set<String> chosen = on == null ? Set.of() : Set.copyOf(on);
        preferences.requireKnown(chosen);
        try {
            accounts.setTimeZone(me.id(), timeZone);
        } catch (IllegalArgumentException e) {
            throw UserFacingException.invalid(e.getMessage());
        }
        preferences.save(me.id(), chosen);
        redirect.addFlashAttribute("flashSuccess", "Your notification settings are saved.");
        return "redirect:/settings";
    }

    @PostMapping("/settings/absence")
    public String absence(AbsenceForm form, RedirectAttributes redirect) {
        CurrentUser me = CurrentUser.get();
        Absence a = people.setAbsence(me, me.id(), form);
        redirect.addFlashAttribute("flashSuccess", "Absence saved: " + a.getBackupId() + " covers for you.");
        return "redirect:/settings";
    }

    @PostMapping("/settings/absence/{id}/end")
    public String end(@PathVariable long id, RedirectAttributes redirect) {
        absences.end(CurrentUser.get(), id);
        redirect.addFlashAttribute("flashSuccess", "Welcome back: the absence has ended.");
        return "redirect:/settings";
    }
}
