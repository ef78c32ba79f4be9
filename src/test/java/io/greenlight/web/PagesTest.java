package io.greenlight.web;

import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostStatus;
import io.greenlight.publishing.local.FeedEntryRepository;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jakarta.servlet.RequestDispatcher;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The server-rendered pages, driven like a browser would: real form login against the demo users, the session
 * reused, CSRF tokens on every POST. The in-memory database is shared with other tests, so every test writes its
 * own posts (unique titles) and never assumes empty tables.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PagesTest {

    private static final Pattern POST_URL = Pattern.compile("^/posts/([0-9a-f-]{36})$");

    @Autowired
    MockMvc mvc;

    @Autowired
    PostRepository posts;

    @Autowired
    FeedEntryRepository feed;

    @Autowired
    TaskService taskService;

    @Autowired
    ManagementService management;

    // ---------------------------------------------------------------- sign-in and access

    @Test
    void loginPageRenders() throws Exception {
        String html = page(get("/login"), null);
        assertThat(html).contains("Sign in", "name=\"username\"", "name=\"password\"", "name=\"_csrf\"");
    }

    @Test
    void wrongPasswordShowsAMessage() throws Exception {
        // an unknown user: a wrong password for a real one would lock that user out for a few seconds
        mvc.perform(formLogin().user("nobody").password("nope"))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(page(get("/login?error"), null)).contains("Unknown user or wrong password.");
    }

    @Test
    void pagesNeedASignIn() throws Exception {
        for (String url : List.of("/", "/posts", "/posts/new", "/inbox", "/notifications")) {
            mvc.perform(get(url).accept(MediaType.TEXT_HTML))
                    .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
        }
    }

    @Test
    void startPageDependsOnTheRole() throws Exception {
        mvc.perform(get("/").session(login("creator"))).andExpect(redirectedUrl("/posts"));
        mvc.perform(get("/").session(login("reviewer"))).andExpect(redirectedUrl("/inbox"));
    }

    @Test
    void layoutShowsTheNavigationForTheRole() throws Exception {
        String creator = page(get("/posts"), login("creator"));
        assertThat(creator).contains("My posts", "New post", "Review inbox", "href=\"/notifications\"", "href=\"/feed\"",
                "href=\"/camunda/app/tasklist/\"", "href=\"/v3/api-docs\"", "Sign out", "action=\"/logout\"");
        assertThat(creator).doesNotContain("/camunda/app/cockpit/");
        assertThat(page(get("/posts"), login("manager"))).contains("href=\"/camunda/app/cockpit/\"");
        assertThat(page(get("/inbox"), login("reviewer"))).doesNotContain("href=\"/posts/new\"");
    }

    @Test
    void postWithoutCsrfTokenIsForbidden() throws Exception {
        MockHttpSession creator = login("creator");
        long before = posts.count();
        mvc.perform(post("/posts").session(creator).param("title", unique("No token"))
                        .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                        .param("variants[0].text", "Hello"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(creator)).andExpect(status().isForbidden());
        assertThat(posts.count()).isEqualTo(before);
    }

    @Test
    void missingCsrfTokenIsThePlainErrorPageOnPagesAndJsonOnTheApi() throws Exception {
        MockHttpSession creator = login("creator");
        MvcResult pageResult = mvc.perform(post("/posts/x/submit").session(creator).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden()).andReturn();
        // sendError(403): the container renders error.html; no JSON body written here
        assertThat(pageResult.getResponse().getContentType()).isNull();
        assertThat(pageResult.getResponse().getContentAsString()).isEmpty();

        mvc.perform(post("/api/posts/x/submit").session(creator))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void feedIsPublic() throws Exception {
        String html = page(get("/feed"), null);
        assertThat(html).contains("<h1>Feed</h1>", "Sign in").doesNotContain("Sign out");
    }

    // ---------------------------------------------------------------- compose, edit, submit

    @Test
    void composerEmbedsTheChannelLimits() throws Exception {
        String html = page(get("/posts/new"), login("creator"));
        assertThat(html).contains("Local feed", "data-unit=\"GRAPHEMES\"", "data-max=\"5000\"",
                "data-unit-label=\"characters\"", "0 / 5,000 characters", "type=\"datetime-local\"",
                "data-browser-default", "/js/composer.js", "name=\"variants[0].enabled\"", "name=\"_csrf\"");
    }

    @Test
    void creatorComposesCreatesAndSubmits() throws Exception {
        MockHttpSession creator = login("creator");
        String title = unique("Spring sale");
        MvcResult created = mvc.perform(post("/posts").session(creator).with(csrf())
                        .param("title", title).param("campaign", "Spring 2030")
                        .param("scheduledAt", "2030-03-01T09:30").param("timeZone", "Europe/Berlin")
                        .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                        .param("variants[0].text", "Twenty percent off everything.")
                        .param("variants[0].link", "https://example.com/sale"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", containsString("Draft saved")))
                .andReturn();
        String id = postId(created);

        Post draft = posts.findById(id).orElseThrow();
        assertThat(draft.getStatus()).isEqualTo(PostStatus.DRAFT);
        assertThat(draft.getAuthor()).isEqualTo("creator");
        assertThat(draft.getTimeZone()).isEqualTo("Europe/Berlin");
        // 09:30 in Berlin (CET, +01:00) is 08:30 UTC
        assertThat(draft.getScheduledAt().toInstant())
                .isEqualTo(OffsetDateTime.of(2030, 3, 1, 8, 30, 0, 0, ZoneOffset.UTC).toInstant());

        String show = page(get("/posts/" + id), creator);
        assertThat(show).contains(title, "Draft", "Twenty percent off everything.", "2030-03-01 09:30 (Europe/Berlin)",
                "30 / 5,000 characters", "Submit for review", "/posts/" + id + "/edit");

        String edit = page(get("/posts/" + id + "/edit"), creator);
        assertThat(edit).contains("value=\"" + title + "\"", "value=\"2030-03-01T09:30\"", "value=\"Europe/Berlin\"",
                "Twenty percent off everything.");

        mvc.perform(post("/posts/" + id + "/submit").session(creator).with(csrf()))
                .andExpect(redirectedUrl("/posts/" + id))
                .andExpect(flash().attribute("flashSuccess", containsString("Submitted")));
        Post submitted = posts.findById(id).orElseThrow();
        assertThat(submitted.getStatus()).isEqualTo(PostStatus.IN_REVIEW);

        String inReview = page(get("/posts/" + id), creator);
        assertThat(inReview).contains("In review", "Review post", "Not claimed yet", "reviewers", "Withdraw",
                "Submitted for review", "Version 1");
        assertThat(inReview).doesNotContain("Submit for review</button>", "/posts/" + id + "/edit\"");
    }

    @Test
    void saveAndSubmitInOneStep() throws Exception {
        MockHttpSession creator = login("creator");
        MvcResult created = mvc.perform(localPost(creator, unique("One step"), "Straight to review").param("then", "submit"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", containsString("Submitted")))
                .andReturn();
        assertThat(posts.findById(postId(created)).orElseThrow().getStatus()).isEqualTo(PostStatus.IN_REVIEW);
    }

    @Test
    void overLimitTextReRendersTheFormAndCreatesNothing() throws Exception {
        MockHttpSession creator = login("creator");
        String title = unique("Too long");
        long before = posts.count();
        String html = mvc.perform(localPost(creator, title, "a".repeat(5001)))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("The post was not saved.", "&#39;local&#39; is 5,001 characters long; Local feed allows 5,000.",
                "value=\"" + title + "\"", "5,001 / 5,000 characters", "class=\"variant-count over\"");
        assertThat(posts.count()).isEqualTo(before);
    }

    @Test
    void severalProblemsAreListedTogether() throws Exception {
        MockHttpSession creator = login("creator");
        long before = posts.count();
        String html = mvc.perform(post("/posts").session(creator).with(csrf())
                        .param("title", "").param("timeZone", "Mars/Olympus")
                        .param("variants[0].channel", "local").param("variants[0].enabled", "false")
                        .param("variants[0].text", ""))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("3 problems", "a title is required", "&#39;Mars/Olympus&#39; is not an IANA time zone",
                "add the text for at least one channel");
        assertThat(posts.count()).isEqualTo(before);
    }

    @Test
    void aScheduledTimeThatCannotBeReadIsAFormError() throws Exception {
        MockHttpSession creator = login("creator");
        long before = posts.count();
        String html = mvc.perform(localPost(creator, unique("Bad date"), "Hello").param("scheduledAt", "tomorrow-ish"))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("is not a date and time");
        assertThat(posts.count()).isEqualTo(before);
    }

    @Test
    void invalidEditChangesNothing() throws Exception {
        MockHttpSession creator = login("creator");
        String title = unique("Keep me");
        String id = postId(mvc.perform(localPost(creator, title, "Original text")).andReturn());
        mvc.perform(post("/posts/" + id).session(creator).with(csrf())
                        .param("title", title + " changed").param("timeZone", "UTC")
                        .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                        .param("variants[0].text", "b".repeat(6000)))
                .andExpect(status().isBadRequest());
        Post unchanged = posts.findById(id).orElseThrow();
        assertThat(unchanged.getTitle()).isEqualTo(title);
        assertThat(unchanged.getVariants().get(0).getText()).isEqualTo("Original text");
    }

    @Test
    void anotherCreatorCannotEditMyPost() throws Exception {
        String id = postId(mvc.perform(localPost(login("creator"), unique("Mine"), "Mine only")).andReturn());
        String html = mvc.perform(get("/posts/" + id + "/edit").session(login("creator2")))
                .andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Only the author (creator) or a manager can edit this post.");
    }

    @Test
    void withdrawMakesItADraftAgain() throws Exception {
        MockHttpSession creator = login("creator");
        String id = postId(mvc.perform(localPost(creator, unique("Withdraw me"), "Oops").param("then", "submit")).andReturn());
        mvc.perform(post("/posts/" + id + "/withdraw").session(creator).with(csrf()))
                .andExpect(redirectedUrl("/posts/" + id))
                .andExpect(flash().attribute("flashSuccess", containsString("Withdrawn")));
        assertThat(posts.findById(id).orElseThrow().getStatus()).isEqualTo(PostStatus.DRAFT);
        // a second withdraw is refused with a message, back on the post page
        mvc.perform(post("/posts/" + id + "/withdraw").session(creator).with(csrf()).param("returnTo", "/posts/" + id))
                .andExpect(redirectedUrl("/posts/" + id))
                .andExpect(flash().attribute("flashError", containsString("cannot be withdrawn")));
    }

    @Test
    void myPostsFiltersByStatus() throws Exception {
        MockHttpSession creator = login("creator");
        String draft = unique("Filter draft");
        String submitted = unique("Filter submitted");
        mvc.perform(localPost(creator, draft, "d")).andExpect(status().is3xxRedirection());
        mvc.perform(localPost(creator, submitted, "s").param("then", "submit")).andExpect(status().is3xxRedirection());

        assertThat(page(get("/posts"), creator)).contains(draft, submitted, "badge-draft", "badge-in-review");
        assertThat(page(get("/posts?status=DRAFT"), creator)).contains(draft).doesNotContain(submitted);
        assertThat(page(get("/posts?status=IN_REVIEW"), creator)).contains(submitted).doesNotContain(draft);
        // someone else's posts are not "mine", but they are in "everyone's"
        assertThat(page(get("/posts"), login("creator2"))).doesNotContain(draft);
        assertThat(page(get("/posts?scope=all"), login("creator2"))).contains(draft);
    }

    // ---------------------------------------------------------------- review inbox

    @Test
    void reviewerClaimsAndRequestsChangesThenAuthorResubmits() throws Exception {
        MockHttpSession creator = login("creator");
        String title = unique("Needs work");
        String id = postId(mvc.perform(localPost(creator, title, "First try").param("then", "submit")).andReturn());
        String taskId = openTask(id).getId();

        MockHttpSession reviewer = login("reviewer");
        String inbox = page(get("/inbox"), reviewer);
        assertThat(inbox).contains(title, "Review post", "Not claimed yet", "/inbox/" + taskId + "/claim",
                "/camunda/app/tasklist/default/#/?task=" + taskId);
        assertThat(inbox).doesNotContain("/inbox/" + taskId + "/complete");

        mvc.perform(post("/inbox/" + taskId + "/claim").session(reviewer).with(csrf()))
                .andExpect(redirectedUrl("/inbox#task-" + taskId))
                .andExpect(flash().attribute("flashSuccess", containsString("You claimed")));
        assertThat(openTask(id).getAssignee()).isEqualTo("reviewer");
        String claimed = page(get("/inbox"), reviewer);
        assertThat(claimed).contains("Claimed by <strong>you</strong>", "/inbox/" + taskId + "/complete",
                "name=\"decision\"", "value=\"approve\"", "value=\"changes\"", "value=\"reject\"", "name=\"comment\"");

        // changes without a comment: refused, the form keeps the choice, the task stays open
        MvcResult refused = mvc.perform(post("/inbox/" + taskId + "/complete").session(reviewer).with(csrf())
                        .param("returnTo", "/inbox").param("decision", "changes").param("comment", " "))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attribute("flashError", containsString("A comment is required")))
                .andReturn();
        assertThat(openTask(id).getId()).isEqualTo(taskId);
        String again = mvc.perform(get("/inbox").session(reviewer).flashAttrs(refused.getFlashMap()))
                .andReturn().getResponse().getContentAsString();
        assertThat(again).contains("A comment is required when you request changes");

        mvc.perform(post("/inbox/" + taskId + "/complete").session(reviewer).with(csrf())
                        .param("returnTo", "/inbox").param("decision", "changes").param("comment", "Shorter, please."))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attribute("flashSuccess", containsString("Changes requested")));
        assertThat(posts.findById(id).orElseThrow().getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);

        // the author is told, sees the revision in the inbox and on the post page, and resubmits
        String bell = page(get("/posts"), creator);
        assertThat(bell).contains("class=\"bell-count\"");
        String notes = page(get("/notifications"), creator);
        assertThat(notes).contains("Changes requested on", title, "Shorter, please.", "unread");
        assertThat(page(get("/notifications"), creator)).doesNotContain("class=\"bell-count\"");

        String revise = page(get("/inbox"), creator);
        assertThat(revise).contains("Revise post", title, "/posts/" + id + "/edit");
        String show = page(get("/posts/" + id), creator);
        assertThat(show).contains("Changes requested", "Resubmit for review", "Shorter, please.", "reviewer");

        mvc.perform(post("/posts/" + id).session(creator).with(csrf())
                        .param("title", title).param("timeZone", "UTC")
                        .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                        .param("variants[0].text", "Second try"))
                .andExpect(redirectedUrl("/posts/" + id));
        mvc.perform(post("/posts/" + id + "/resubmit").session(creator).with(csrf()))
                .andExpect(redirectedUrl("/posts/" + id))
                .andExpect(flash().attribute("flashSuccess", containsString("Resubmitted")));
        assertThat(posts.findById(id).orElseThrow().getStatus()).isEqualTo(PostStatus.IN_REVIEW);

        String history = page(get("/posts/" + id), creator);
        assertThat(history).contains("Version 2", "class=\"del\">-First try</span>", "class=\"add\">+Second try</span>");
    }

    @Test
    void managerCannotApproveHerOwnPost() throws Exception {
        MockHttpSession manager = login("manager");
        String title = unique("Manager post");
        String id = postId(mvc.perform(localPost(manager, title, "Mine").param("then", "submit")).andReturn());
        String taskId = openTask(id).getId();

        assertThat(page(get("/inbox"), manager)).contains(title);

        MvcResult claim = mvc.perform(post("/inbox/" + taskId + "/claim").session(manager).with(csrf()).param("returnTo", "/inbox"))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attribute("flashError", containsString("Four-eyes rule")))
                .andReturn();
        String shown = mvc.perform(get("/inbox").session(manager).flashAttrs(claim.getFlashMap()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("Four-eyes rule: manager wrote", "cannot review it");

        mvc.perform(post("/inbox/" + taskId + "/complete").session(manager).with(csrf())
                        .param("returnTo", "/inbox").param("decision", "approve"))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attribute("flashError", containsString("Four-eyes rule")));

        Task stillOpen = openTask(id);
        assertThat(stillOpen.getId()).isEqualTo(taskId);
        assertThat(stillOpen.getAssignee()).isNull();
        assertThat(posts.findById(id).orElseThrow().getStatus()).isEqualTo(PostStatus.IN_REVIEW);
    }

    @Test
    void aCompletedTaskIsAFriendlyMessage() throws Exception {
        mvc.perform(post("/inbox/no-such-task/claim").session(login("reviewer")).with(csrf()).param("returnTo", "/inbox"))
                .andExpect(redirectedUrl("/inbox"))
                .andExpect(flash().attribute("flashError", containsString("It may have been completed already")));
    }

    @Test
    void returnToMustBeALocalPath() throws Exception {
        mvc.perform(post("/inbox/no-such-task/claim").session(login("reviewer")).with(csrf())
                        .param("returnTo", "https://evil.example/"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/inbox/no-such-task/claim").session(login("reviewer")).with(csrf())
                        .param("returnTo", "//evil.example/"))
                .andExpect(status().isNotFound());
    }

    // ---------------------------------------------------------------- escaping and the feed

    @Test
    void htmlInUserTextIsEscapedEverywhere() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String title = "<script>alert('" + marker + "')</script> & <b>bold</b>";
        String text = "<img src=x onerror=alert('" + marker + "')>";
        MockHttpSession creator = login("creator");
        String id = postId(mvc.perform(localPost(creator, title, text).param("then", "submit")).andReturn());

        String escapedTitle = "&lt;script&gt;alert(&#39;" + marker + "&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;";
        String escapedText = "&lt;img src=x onerror=alert(&#39;" + marker + "&#39;)&gt;";
        for (String html : List.of(page(get("/posts"), creator), page(get("/posts/" + id), creator),
                page(get("/posts?status=IN_REVIEW"), creator))) {
            assertThat(html).contains(escapedTitle).doesNotContain("<script>alert('" + marker, "<b>bold</b>");
        }
        assertThat(page(get("/posts/" + id), creator)).contains(escapedText).doesNotContain("<img src=x");

        MockHttpSession reviewer = login("reviewer");
        String inbox = page(get("/inbox"), reviewer);
        assertThat(inbox).contains(escapedTitle).doesNotContain("<script>alert('" + marker);

        // approve and publish to the local feed (no job executor in tests: run the due jobs here)
        String taskId = openTask(id).getId();
        mvc.perform(post("/inbox/" + taskId + "/claim").session(reviewer).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/inbox/" + taskId + "/complete").session(reviewer).with(csrf()).param("decision", "approve"))
                .andExpect(flash().attribute("flashSuccess", containsString("Approved")));
        runJobs(posts.findById(id).orElseThrow().getProcessInstanceId());
        assertThat(feed.countByPostId(id)).isEqualTo(1);
        assertThat(posts.findById(id).orElseThrow().getStatus()).isEqualTo(PostStatus.PUBLISHED);

        String publicFeed = page(get("/feed"), null);
        assertThat(publicFeed).contains(escapedTitle, escapedText).doesNotContain("<script>alert('" + marker, "<img src=x");
        assertThat(page(get("/posts/" + id), creator)).contains("Published", "Approved");
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownPostIsAFriendly404() throws Exception {
        String html = mvc.perform(get("/posts/00000000-0000-0000-0000-000000000000").session(login("creator")))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("404", "We could not find that.", "There is no post with id", "My posts");
        assertNoTrace(html);
    }

    @Test
    void errorPageHasNoTrace() throws Exception {
        String html = mvc.perform(get("/error").session(login("creator"))
                        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/posts/x")
                        .requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret internals"))
                        .accept("text/html"))
                .andExpect(status().isInternalServerError())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("500", "Something went wrong.", "Sign out");
        assertThat(html).doesNotContain("secret internals");
        assertNoTrace(html);

        String notFound = mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404).accept("text/html"))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(notFound).contains("We could not find that.", "Sign in");
    }

    @Test
    void unknownAddressIsAPageForBrowsersAndJsonForOthers() throws Exception {
        String html = mvc.perform(get("/no-such-page").session(login("creator")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("We could not find that.", "There is no page at this address.", "Sign out");
        assertNoTrace(html);

        mvc.perform(get("/no-such-page").session(login("creator")).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/no-such-endpoint").session(login("creator")).accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    // ---------------------------------------------------------------- helpers

    private MockHttpSession login(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin().user(user).password(user))
                .andExpect(authenticated().withUsername(user))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String page(MockHttpServletRequestBuilder request, MockHttpSession session) throws Exception {
        if (session != null) {
            request.session(session);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static MockHttpServletRequestBuilder localPost(MockHttpSession session, String title, String text) {
        return post("/posts").session(session).with(csrf())
                .param("title", title).param("timeZone", "UTC")
                .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                .param("variants[0].text", text);
    }

    private static String postId(MvcResult created) {
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).as("redirect after create").isNotNull();
        Matcher m = POST_URL.matcher(location);
        assertThat(m.matches()).as("redirect to the post page: " + location).isTrue();
        return m.group(1);
    }

    private Task openTask(String postId) {
        List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(postId).list();
        assertThat(open).as("open tasks of post " + postId).hasSize(1);
        return open.get(0);
    }

    private void runJobs(String processInstanceId) {
        for (int round = 0; round < 20; round++) {
            List<Job> jobs = management.createJobQuery().processInstanceId(processInstanceId).list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> management.executeJob(job.getId()));
        }
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertNoTrace(String html) {
        assertThat(html).doesNotContain("Exception", "at io.greenlight", "at org.springframework", "java.lang.", "trace");
    }
}
