package io.greenlight.post;

import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping("/api/campaigns")
@Tag(name = "Campaigns", description = "Campaigns group posts: goal, dates, owner")
public class CampaignController {

    private final CampaignService campaigns;

    public CampaignController(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    public record CampaignJson(String name, String type, String goal, LocalDate startsOn, LocalDate endsOn, String owner) {
        static CampaignJson of(Campaign c) {
            return new CampaignJson(c.getName(), c.getType(), c.getGoal(), c.getStartsOn(), c.getEndsOn(), c.getOwner());
        }
    }

    @GetMapping
    @Operation(summary = "Every campaign with its plan")
    public List<CampaignJson> list() {
        return campaigns.list().stream().map(CampaignJson::of).toList();
    }

    @PutMapping
    @Operation(summary = "Create a campaign or change its plan (name identifies it)")
    public CampaignJson save(@RequestBody CampaignService.Plan plan) {
        if (plan == null) {
            throw UserFacingException.invalid("Send name, type, goal, startsOn, endsOn and owner.");
        }
        return CampaignJson.of(campaigns.save(CurrentUser.get(), plan));
    }
}
