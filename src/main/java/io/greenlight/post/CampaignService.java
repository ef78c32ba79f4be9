package io.greenlight.post;

import io.greenlight.engine.EngineClock;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Campaigns with a goal, dates and an owner; posts join one by naming it in the composer. */
@Service
@Transactional
public class CampaignService {

    private final CampaignRepository campaigns;

    public CampaignService(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    public record Plan(String name, String type, String goal, LocalDate startsOn, LocalDate endsOn, String owner) {
    }

    @Transactional(readOnly = true)
    public List<Campaign> list() {
        return campaigns.findAll(Sort.by("name"));
    }

    @Transactional(readOnly = true)
    public Campaign get(String name) {
        return campaigns.findById(name == null ? "" : name)
                .orElseThrow(() -> UserFacingException.notFound("There is no campaign '" + name + "'."));
    }

    /** Creates the campaign or changes its plan. Managers plan any campaign, writers theirs or new ones. */
    public Campaign save(CurrentUser user, Plan plan) {
        if (!user.canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' can plan campaigns.");
        }
        List<String> errors = new ArrayList<>();
        String name = plan.name() == null ? "" : plan.name().strip();
        if (name.isEmpty() || name.length() > PostCommandCheck.MAX_CAMPAIGN) {
            errors.add("name: a name of at most " + PostCommandCheck.MAX_CAMPAIGN + " characters is required.");
        }
        String type = plan.type() == null || plan.type().isBlank() ? Campaign.NEW : plan.type().strip();
        if (!Campaign.TYPES.contains(type)) {
            errors.add("type: one of " + String.join(", ", Campaign.TYPES) + ".");
        }
        String goal = plan.goal() == null || plan.goal().isBlank() ? null : plan.goal().strip();
        if (goal != null && goal.length() > 500) {
            errors.add("goal: at most 500 characters.");
        }
        if (plan.startsOn() != null && plan.endsOn() != null && plan.endsOn().isBefore(plan.startsOn())) {
            errors.add("endsOn: the campaign ends before it starts.");
        }
        String owner = plan.owner() == null || plan.owner().isBlank() ? user.id() : plan.owner().strip();
        if (owner.length() > 64) {
            errors.add("owner: at most 64 characters.");
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.size() == 1 ? errors.get(0) : "The campaign has " + errors.size() + " problems.", errors);
        }
        Campaign c = campaigns.findById(name).orElse(null);
        if (c == null) {
            c = campaigns.save(new Campaign(name, type, EngineClock.now()));
        } else if (!user.isManager() && c.getOwner() != null && !c.getOwner().equals(user.id())) {
            throw UserFacingException.forbidden("Only " + c.getOwner() + " (its owner) or a manager can change this campaign.");
        }
        c.plan(type, goal, plan.startsOn(), plan.endsOn(), owner);
        return c;
    }
}
