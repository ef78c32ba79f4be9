package io.greenlight.process;

import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;

/**
 * Process pages for managers and process owners: the diagram (bpmn-js, committed under /vendor) with the posts
 * waiting at each step, every version with who/when/source/changes, the migration dry-run and the migrate action,
 * the decision tables read-only, and what happened to the files lately (refused saves, Modeler deployments).
 */
@PageController
@RequestMapping("/processes")
public class ProcessPageController {

    private final ProcessPages pages;
    private final ProcessMigration migration;
    private final DeploymentEvents events;
    private final String baseUrl;

    public ProcessPageController(ProcessPages pages, ProcessMigration migration, DeploymentEvents events,
                                 @org.springframework.beans.factory.annotation.Value("${greenlight.base-url:}") String baseUrl) {
        this.pages = pages;
        this.migration = migration;
        this.events = events;
        this.baseUrl = baseUrl;
    }

    static CurrentUser requireOwner() {
        CurrentUser user = CurrentUser.get();
        if (user == null || !(user.isManager() || user.in(Groups.PROCESS_OWNERS))) {
            throw UserFacingException.forbidden("Process pages are for managers and process owners.");
        }
        return user;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(Model model) {
        requireOwner();
        model.addAttribute("processes", pages.latest());
        model.addAttribute("decisions", pages.decisions());
        model.addAttribute("events", events.recent());
        model.addAttribute("problem", events.currentProblem());
        return "processes/list";
    }

    @GetMapping("/{key}")
    public String show(@PathVariable String key, @RequestParam(required = false) Integer from, Model model) {
        requireOwner();
        ProcessDefinition latest = require(key);
        List<ProcessPages.Version> versions = pages.versions(key);
        model.addAttribute("process", latest);
        model.addAttribute("versions", versions);
        model.addAttribute("counts", pages.counts(key));
        model.addAttribute("problem", events.currentProblem());
        model.addAttribute("events", events.recent());
        model.addAttribute("cockpit", "/camunda/app/cockpit/default/#/process-definition/" + latest.getId());
        // the dry-run: the chosen older version (default: the newest older one with posts in flight) → latest
        ProcessPages.Version source = versions.stream()
                .filter(v -> v.definition().getVersion() != latest.getVersion() && v.running() > 0)
                .filter(v -> from == null || v.definition().getVersion() == from)
                .findFirst().orElse(null);
        if (source != null) {
            model.addAttribute("dryRun", migration.dryRun(source.definition().getId(), latest.getId()));
        }
        return "processes/show";
    }

    @GetMapping(value = "/{key}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
    public ResponseEntity<String> diagram(@PathVariable String key) {
        requireOwner();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(pages.xml(require(key).getId()));
    }

    @PostMapping("/{key}/migrate")
    public String migrate(@PathVariable String key, @RequestParam int from, RedirectAttributes redirect) {
        requireOwner();
        ProcessDefinition latest = require(key);
        ProcessDefinition source = pages.definition(key, from);
        if (source == null || source.getVersion() == latest.getVersion()) {
            throw UserFacingException.invalid("Choose an older version of " + key + " to migrate from.");
        }
        ProcessMigration.Result result = migration.migrate(source.getId(), latest.getId());
        redirect.addFlashAttribute("flashSuccess", result.moved().size() + " post(s) moved from version " + from
                + " to version " + latest.getVersion() + "; " + result.stayed().size() + " finish on version " + from + ".");
        return "redirect:/processes/" + key + "?from=" + from;
    }

    private ProcessDefinition require(String key) {
        ProcessDefinition latest = key == null || key.length() > 255 ? null : pages.latest(key);
        if (latest == null) {
            throw UserFacingException.notFound("There is no process '" + key + "'.");
        }
        return latest;
    }
}
