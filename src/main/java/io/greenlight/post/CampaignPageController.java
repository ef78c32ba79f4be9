package io.greenlight.post;

import static io.greenlight.web.FormDates.date;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;


/** The campaigns page: plan a campaign (goal, dates, owner) and open its posts in the calendar. */
@PageController
@RequestMapping("/campaigns")
public class CampaignPageController {

    private final CampaignService campaigns;

    public CampaignPageController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(@RequestParam(required = false) String edit, Model model) {
        model.addAttribute("campaigns", campaigns.list());
        model.addAttribute("editing", edit == null || edit.isBlank() ? null : campaigns.get(edit));
        model.addAttribute("types", Campaign.TYPES);
        model.addAttribute("canPlan", CurrentUser.get().canCompose());
        return "campaigns/list";
    }

    @PostMapping
    public String save(@RequestParam(required = false) String name, @RequestParam(required = false) String type,
                       @RequestParam(required = false) String goal, @RequestParam(required = false) String startsOn,
                       @RequestParam(required = false) String endsOn, @RequestParam(required = false) String owner,
                       Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            Campaign c = campaigns.save(CurrentUser.get(), new CampaignService.Plan(name, type, goal, date(startsOn, "startsOn"),
                    date(endsOn, "endsOn"), owner));
            redirect.addFlashAttribute("flashSuccess", "Saved the campaign '" + c.getName() + "'.");
            return "redirect:/campaigns";
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("flashError", "Not saved: " + e.getMessage());
            model.addAttribute("flashErrors", e.errors());
            return list(null, model);
        }
    }
}
