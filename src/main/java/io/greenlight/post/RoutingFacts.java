package io.greenlight.post;

import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The facts processes/approval-routing.dmn decides on, as process variables (see processes/README.md):
 * campaign and its type, region ({@code global} when none) and regions (a list), the flags, channels and the author's
 * groups.
 */
@Component
public class RoutingFacts {

    /** The region of a post that names none. */
    public static final String GLOBAL = "global";

    private final CampaignRepository campaigns;

    public RoutingFacts(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    /** The post's regions, one per comma-separated name of its region field; {@code [global]} when none. */
    static ArrayList<String> regions(Post post) {
        ArrayList<String> regions = new ArrayList<>();
        if (post.getRegion() != null) {
            for (String r : post.getRegion().split(",")) {
                if (!r.isBlank() && !regions.contains(r.strip())) {
                    regions.add(r.strip());
                }
            }
        }
        if (regions.isEmpty()) {
            regions.add(GLOBAL);
        }
        return regions;
    }

    /** Call inside an engine command (a delegate or listener). */
    public VariableMap of(Post post) {
        String campaignType = post.getCampaign() == null ? "none"
                : campaigns.findById(post.getCampaign()).map(Campaign::getType).orElse(Campaign.NEW);
        List<String> groups = new ArrayList<>(Context.getCommandContext().runWithoutAuthorization(() ->
                Context.getProcessEngineConfiguration().getIdentityService().createGroupQuery()
                        .groupMember(post.getAuthor()).list().stream().map(Group::getId).sorted().toList()));
        return Variables.createVariables()
                .putValue(ProcessBindings.CAMPAIGN, post.getCampaign() == null ? "" : post.getCampaign())
                .putValue(ProcessBindings.CAMPAIGN_TYPE, campaignType)
                .putValue(ProcessBindings.REGION, post.getRegion() == null ? GLOBAL : post.getRegion())
                .putValueTyped(ProcessBindings.REGIONS, Variables.objectValue(regions(post))
                        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create())
                .putValue(ProcessBindings.PAID_PROMOTION, post.isPaidPromotion())
                .putValue(ProcessBindings.PRICE_HEALTH_CLAIMS, post.isPriceHealthClaims())
                .putValue(ProcessBindings.CRISIS, post.isCrisis())
                .putValueTyped(ProcessBindings.AUTHOR_GROUPS, Variables.objectValue(groups)
                        .serializationDataFormat(Variables.SerializationDataFormats.JSON).create());
    }
}
