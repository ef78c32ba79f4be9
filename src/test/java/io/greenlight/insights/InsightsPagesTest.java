package io.greenlight.insights;

import io.greenlight.post.Post;
import io.greenlight.security.Groups;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Insights page as a manager and an analyst see it (real form login), the CSV export of a chart, the diagram for
 * the heat map, the subscription toggle, the audit export, and refusals: other roles, bad filters.
 * History: in 2020-09, "Page A" waited 5 h for the reviewer (claimed 5 h after submit, approved 1 h later); "Page B"
 * was never claimed and is past its due date at the time of the request (2020-09-10).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsPagesTest extends InsightsTestSupport {

    static final Instant T0 = Instant.parse("2020-09-07T08:00:00Z");
    static final String ANALYST = "insightsanalyst";

    @Autowired MockMvc mvc;

    String campaign;
    Post a;
    Post b;
    String query;

    @BeforeAll
    void seed() {
        if (identityService.createUserQuery().userId(ANALYST).count() == 0) {
            User u = identityService.newUser(ANALYST);
            u.setPassword(ANALYST);
            u.setEmail(ANALYST + "@greenlight.local");
            identityService.saveUser(u);
            identityService.createMembership(ANALYST, Groups.ANALYSTS);
        }
        campaign = "pages-" + System.nanoTime();
        query = "from=2020-09-01&to=2020-09-30&campaign=" + campaign;
        a = submitted(at(T0, hours(0)), "Page A " + campaign, campaign);
        b = submitted(at(T0, hours(0)), "Page B " + campaign, campaign);
        Task review = openTask(a);
        claimAt(at(T0, hours(5)), REVIEWER, review);
        decideAt(at(T0, hours(6)), REVIEWER, review, "approve", null);
        ClockUtil.reset();
    }

    @BeforeEach
    void threeDaysLater() {
        ClockUtil.setCurrentTime(at(T0, hours(72)));
    }

    @Test
    void aManagerSeesWhoHoldsPostsAndWhatIsStuck() throws Exception {
        String html = page("manager", "/insights?" + query);
        assertThat(html).contains("Holds posts longest: stage").contains("Review post").contains("median waiting 5.0 h")
                .contains("Holds posts longest: reviewer").contains("reviewer");
        assertThat(html).contains("Page B " + campaign)
                .contains("/camunda/app/cockpit/default/#/process-instance/" + b.getProcessInstanceId());
        assertThat(html).contains("/webjars/chart.js/4.4.7/dist/chart.umd.js").contains("data-chart=\"bar\"")
                .contains("/insights/export/stages?" + query.replace("&", "&amp;"))
                .contains("id=\"heat-diagram\"").contains("data-activity=\"review\"").contains(">Insights</a>");
        // the webjar is served from the jar, not a CDN
        mvc.perform(get("/webjars/chart.js/4.4.7/dist/chart.umd.js").session(login("manager"))).andExpect(status().isOk());
    }

    @Test
    void anAnalystExportsAChartAsCsvAndGetsTheDiagram() throws Exception {
        MockHttpSession analyst = login(ANALYST);
        assertThat(page(ANALYST, "/insights?" + query)).contains("Review post");
        String csv = mvc.perform(get("/insights/export/stages?" + query).session(analyst))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"greenlight-stages-2020-09-01-2020-09-30.csv\""))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv).startsWith("Stage,Step,Tasks,").contains("Review post,review,1,5,5,1,1,0,1,0,0,0");
        assertThat(mvc.perform(get("/insights/export/stuck?" + query).session(analyst)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("Page B " + campaign);
        mvc.perform(get("/insights/export/nosuchchart").session(analyst)).andExpect(status().isNotFound());
        assertThat(mvc.perform(get("/insights/diagram").session(analyst)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("id=\"post-approval\"");
    }

    @Test
    void subscribeAndUnsubscribe() throws Exception {
        MockHttpSession analyst = login(ANALYST);
        mvc.perform(post("/insights/subscription").session(analyst).with(csrf()).param("subscribe", "true"))
                .andExpect(redirectedUrl("/insights"));
        assertThat(page(ANALYST, "/insights")).contains("You receive these numbers").contains(ANALYST + "@greenlight.local");
        mvc.perform(post("/insights/subscription").session(analyst).with(csrf()).param("subscribe", "false"))
                .andExpect(redirectedUrl("/insights"));
        assertThat(page(ANALYST, "/insights")).contains("Subscribe to the weekly report");
    }

    @Test
    void auditExportAsCsvAndJson() throws Exception {
        MockHttpSession manager = login("manager");
        String csv = mvc.perform(get("/api/audit").param("post", a.getId()).session(manager))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("time,postId,title,actor,action,detail,contentVersion,contentHash,processVersion");
        assertThat(csv).contains(",creator,uploaded,content version 1,1,").contains(",creator,submitted,")
                .contains(",reviewer,approved,Review post: Approved,1,");
        String json = mvc.perform(get("/api/audit").param("from", "2020-09-01").param("to", "2020-09-30")
                        .param("format", "json").session(manager))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"postId\":\"" + b.getId() + "\"").contains("\"action\":\"approved\"")
                .contains("\"contentHash\":\"");
        mvc.perform(get("/api/audit").session(manager)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/audit").param("post", a.getId()).param("format", "xml").session(manager))
                .andExpect(status().isBadRequest());
    }

    @Test
    void othersAndBadFiltersAreRefused() throws Exception {
        mvc.perform(get("/insights").session(login("creator"))).andExpect(status().isForbidden());
        mvc.perform(get("/insights/export/stages").session(login("reviewer"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit").param("post", a.getId()).session(login("creator"))).andExpect(status().isForbidden());
        MockHttpSession manager = login("manager");
        assertThat(mvc.perform(get("/insights?from=yesterday").session(manager)).andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString()).contains("must be a date like 2026-11-01");
        mvc.perform(get("/insights?from=2020-09-30&to=2020-09-01").session(manager)).andExpect(status().isBadRequest());
        mvc.perform(get("/insights?from=2000-01-01&to=2020-01-01").session(manager)).andExpect(status().isBadRequest());
    }

    @Test
    void theAuthorOptsAPostOutOfClickCounting() throws Exception {
        Post draft = postService.create(CREATOR, new io.greenlight.post.PostCommand("Opt-out " + campaign, campaign, null,
                "UTC", java.util.List.of(new io.greenlight.post.VariantContent("local", "See https://example.com/x", null))));
        MockHttpSession creator = login("creator");
        assertThat(page("creator", "/posts/" + draft.getId())).contains("id=\"link-tracking\"")
                .contains("Publish links as written");
        mvc.perform(post("/posts/" + draft.getId() + "/link-tracking").session(creator).with(csrf()).param("track", "false"))
                .andExpect(redirectedUrl("/posts/" + draft.getId()));
        assertThat(tracking.isOptedOut(draft.getId())).isTrue();
        assertThat(page("creator", "/posts/" + draft.getId())).contains("published as written");
        mvc.perform(post("/posts/" + draft.getId() + "/link-tracking").session(login("reviewer")).with(csrf())
                .param("track", "true")).andExpect(status().isForbidden());
        assertThat(tracking.isOptedOut(draft.getId())).as("a reviewer changed nothing").isTrue();
    }

    @Autowired LinkTracking tracking;

    private MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin().user(user).password(user))
                .andExpect(authenticated().withUsername(user)).andReturn().getRequest().getSession(false);
    }

    private String page(String user, String url) throws Exception {
        return mvc.perform(get(url).session(login(user))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }
}
