package io.greenlight.calendar;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.greenlight.asset.Asset;
import io.greenlight.asset.AssetRepository;
import io.greenlight.asset.DbAssetStore;
import io.greenlight.asset.DiskAssetStore;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.post.CampaignRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostAttachments;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.PostStatus;
import io.greenlight.post.VariantContent;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.VariantMedia;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 *, the content studio's pages driven like a browser: calendar (views, filters, zones, moving, best times,
 * batch pre-approval, repeating), asset library, composer media and checks, saved replies, campaigns, CSV.
 * The in-memory database is shared with other tests: everything here is created with unique names.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class StudioPagesTest {

    static final CurrentUser CREATOR = new CurrentUser("creator", Set.of("creators"));
    static final CurrentUser CREATOR2 = new CurrentUser("creator2", Set.of("creators"));
    static final CurrentUser MANAGER = new CurrentUser("manager", Set.of("managers", "reviewers"));

    static WireMockServer links;

    @Autowired MockMvc mvc;
    @Autowired PostService posts;
    @Autowired PostRepository postRepository;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired AssetRepository assets;
    @Autowired ChannelRepository channels;
    @Autowired CampaignRepository campaigns;
    @Autowired PostAttachments attachments;
    @Autowired VariantMedia variantMedia;
    @Autowired JdbcTemplate jdbc;

    @BeforeAll
    static void startLinks() {
        links = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        links.start();
        links.stubFor(head(urlEqualTo("/fine")).willReturn(aResponse().withStatus(200)));
        links.stubFor(head(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
    }

    @AfterAll
    static void stopLinks() {
        links.stop();
    }

    // ---------------------------------------------------------------- calendar

    @Test
    void theCalendarShowsWhatNeedsApprovalAndWhatGoesOutWhenInTheViewersZone() throws Exception {
        MockHttpSession creator = login("creator");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        String campaign = unique("Calendar campaign");
        Post waiting = write(CREATOR, unique("Waiting"), campaign, day.atTime(15, 0).atZone(ZoneId.of("America/New_York")).toOffsetDateTime(),
                "America/New_York");
        posts.submit(CREATOR, waiting.getId());
        Post draft = write(CREATOR, unique("Draft only"), null, day.atTime(9, 30).atOffset(ZoneOffset.UTC), "UTC");

        String week = page(get("/calendar").param("view", "week").param("date", day.toString()).param("zone", "Europe/Berlin"), creator);
        assertThat(week).contains(waiting.getTitle(), draft.getTitle(), "Waiting for approval", "Draft: submit it for approval",
                "21:00", "(15:00 America/New_York)", "10:30", "need approval", "Times in <strong>Europe/Berlin</strong>",
                "data-post-id=\"" + waiting.getId() + "\"", "draggable=\"true\"", "st-in-review", "st-draft");

        for (String view : List.of("month", "day", "list")) {
            assertThat(page(get("/calendar").param("view", view).param("date", day.toString()).param("zone", "Europe/Berlin"), creator))
                    .as(view).contains(waiting.getTitle());
        }
        String filtered = page(get("/calendar").param("view", "week").param("date", day.toString()).param("campaign", campaign), creator);
        assertThat(filtered).contains(waiting.getTitle()).doesNotContain(draft.getTitle());
        assertThat(page(get("/calendar").param("view", "week").param("date", day.toString()).param("author", "creator2"), creator))
                .doesNotContain(waiting.getTitle());

        // empty future days suggest the best time: no metrics here, so the network default (LOCAL: 09:00)
        String empty = page(get("/calendar").param("view", "day").param("date", day.plusDays(1).toString()).param("zone", "UTC"), creator);
        assertThat(empty).contains("scheduledAt=" + day.plusDays(1) + "T09:00", "network default");

        String api = mvc.perform(get("/api/calendar").param("view", "week").param("date", day.toString()).param("zone", "UTC")
                .session(creator)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(api).contains(waiting.getId(), "\"needsApproval\":true");

        String bad = mvc.perform(get("/calendar").param("zone", "Mars/Olympus").session(creator))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("not an IANA time zone").doesNotContain("Exception");
        mvc.perform(get("/calendar").param("view", "year").session(creator)).andExpect(status().isBadRequest());
    }

    @Test
    void aBusyDayShowsItsFirstPostsAndALinkToTheRestAndTheUnscheduledListIsFilteredInTheDatabase() throws Exception {
        MockHttpSession creator = login("creator");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        String campaign = unique("Busy day");
        for (int i = 0; i < 9; i++) {
            write(CREATOR, campaign + " post " + i, campaign, day.atTime(8 + i, 0).atOffset(ZoneOffset.UTC), "UTC");
        }
        String month = page(get("/calendar").param("view", "month").param("date", day.toString()).param("zone", "UTC")
                .param("campaign", campaign), creator);
        assertThat(month).contains(campaign + " post 0", campaign + " post 5", "+ 3 more", "view=day&amp;date=" + day)
                .doesNotContain(campaign + " post 6");
        String dayView = page(get("/calendar").param("view", "day").param("date", day.toString()).param("zone", "UTC")
                .param("campaign", campaign), creator);
        assertThat(dayView).contains(campaign + " post 8").doesNotContain("more</a>");

        // without a time: only the viewer's own (a manager sees everyone's), and the filter applies
        Post mine = write(CREATOR, unique("Unscheduled mine"), campaign, null, "UTC");
        Post theirs = write(CREATOR2, unique("Unscheduled theirs"), campaign, null, "UTC");
        Post otherCampaign = write(CREATOR, unique("Unscheduled elsewhere"), null, null, "UTC");
        String forCreator = page(get("/calendar").param("view", "week").param("campaign", campaign), creator);
        assertThat(forCreator).contains(mine.getTitle()).doesNotContain(theirs.getTitle(), otherCampaign.getTitle());
        String forManager = page(get("/calendar").param("view", "week").param("campaign", campaign).param("channel", "local")
                .param("region", "global"), login("manager"));
        assertThat(forManager).contains(mine.getTitle(), theirs.getTitle()).doesNotContain(otherCampaign.getTitle());
        assertThat(page(get("/calendar").param("view", "week").param("campaign", campaign).param("channel", "bluesky"), creator))
                .doesNotContain(mine.getTitle());
    }

    @Test
    void draggingAnApprovedPostAsItsAuthorSendsItBackToReview() throws Exception {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(12);
        Post post = write(CREATOR, unique("Drag me"), null, day.atTime(9, 0).atOffset(ZoneOffset.UTC), "UTC");
        approve(post);
        MockHttpSession creator = login("creator");

        MvcResult moved = mvc.perform(post("/calendar/move").session(creator).with(csrf())
                        .param("postId", post.getId()).param("date", day.plusDays(2).toString()).param("time", "11:15")
                        .param("zone", "Europe/Berlin").param("view", "week"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(moved.getResponse().getRedirectedUrl()).startsWith("/calendar?view=week&zone=Europe/Berlin&date=" + day.plusDays(2));
        assertThat((String) moved.getFlashMap().get("flashSuccess")).contains("went back to review");
        Post after = postRepository.findById(post.getId()).orElseThrow();
        assertThat(after.getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        assertThat(after.getScheduledAt().toInstant()).isEqualTo(day.plusDays(2).atTime(11, 15).atZone(ZoneId.of("Europe/Berlin")).toInstant());

        MvcResult past = mvc.perform(post("/calendar/move").session(creator).with(csrf())
                .param("postId", post.getId()).param("date", "2020-01-01").param("time", "09:00"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat((String) past.getFlashMap().get("flashError")).contains("future");
        mvc.perform(post("/calendar/move").session(login("creator2")).with(csrf())
                .param("postId", post.getId()).param("date", day.toString())).andExpect(status().isForbidden());
    }

    @Test
    void aReviewerPreApprovesAPeriodInOneActionAndEveryPostKeepsItsOwnRecord() throws Exception {
        LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(40);
        Post a = submitted(CREATOR, unique("Holiday A"), from.atTime(9, 0).atOffset(ZoneOffset.UTC));
        Post b = submitted(CREATOR2, unique("Holiday B"), from.plusDays(3).atTime(9, 0).atOffset(ZoneOffset.UTC));
        Post own = submitted(MANAGER, unique("Holiday own"), from.plusDays(4).atTime(9, 0).atOffset(ZoneOffset.UTC));
        Post outside = submitted(CREATOR, unique("After holidays"), from.plusDays(30).atTime(9, 0).atOffset(ZoneOffset.UTC));
        MockHttpSession manager = login("manager");

        String page = page(get("/calendar/approvals").param("from", from.toString()).param("to", from.plusDays(6).toString())
                .param("zone", "UTC"), manager);
        assertThat(page).contains(a.getTitle(), b.getTitle(), own.getTitle(), "you wrote it (four-eyes rule)")
                .doesNotContain(outside.getTitle());

        MvcResult done = mvc.perform(post("/calendar/approvals").session(manager).with(csrf())
                        .param("from", from.toString()).param("to", from.plusDays(6).toString()).param("zone", "UTC")
                        .param("comment", "holiday plan checked")
                        .param("taskId", reviewTask(a).getId(), reviewTask(b).getId(), reviewTask(own).getId()))
                .andExpect(status().isOk()).andReturn();
        assertThat(done.getResponse().getContentAsString()).contains("Approved 2 of 3 posts");
        assertThat(statusOf(a)).isEqualTo(PostStatus.SCHEDULED);
        assertThat(statusOf(b)).isEqualTo(PostStatus.SCHEDULED);
        assertThat(statusOf(own)).isEqualTo(PostStatus.IN_REVIEW);
        assertThat(statusOf(outside)).isEqualTo(PostStatus.IN_REVIEW);
        for (Post p : List.of(a, b)) {
            List<HistoricTaskInstance> reviews = historyService.createHistoricTaskInstanceQuery()
                    .processInstanceBusinessKey(p.getId()).taskDefinitionKey("review").finished().list();
            assertThat(reviews).as("one review record per post").hasSize(1);
            assertThat(reviews.get(0).getAssignee()).isEqualTo("manager");
            List<Comment> comments = taskService.getTaskComments(reviews.get(0).getId());
            assertThat(comments).extracting(Comment::getFullMessage)
                    .anySatisfy(m -> assertThat(m).contains("Pre-approved in one batch", "holiday plan checked"));
        }
    }

    @Test
    void anApprovedPostRepeatsWeeklyEachOccurrenceWithItsOwnInstance() throws Exception {
        OffsetDateTime first = LocalDate.now(ZoneOffset.UTC).plusDays(20).atTime(8, 0).atOffset(ZoneOffset.UTC);
        String title = unique("Weekly tip");
        Post template = write(CREATOR, title, null, first, "UTC");
        approve(template);
        MockHttpSession creator = login("creator");

        mvc.perform(post("/calendar/repeat/" + template.getId()).session(creator).with(csrf())
                .param("every", "1").param("unit", "WEEKS").param("until", "1999-01-01")).andExpect(status().isBadRequest());
        assertThat(postRepository.findAll().stream().filter(p -> p.getTitle().equals(title)).count()).isEqualTo(1);

        mvc.perform(post("/calendar/repeat/" + template.getId()).session(creator).with(csrf())
                        .param("every", "1").param("unit", "WEEKS").param("until", first.toLocalDate().plusWeeks(3).toString()))
                .andExpect(status().is3xxRedirection());
        List<Post> series = postRepository.findAll().stream().filter(p -> p.getTitle().equals(title)).toList();
        assertThat(series).hasSize(4);
        assertThat(series).extracting(Post::getSeriesId).containsOnly(postRepository.findById(template.getId()).orElseThrow().getSeriesId());
        assertThat(series.stream().filter(p -> !p.getId().equals(template.getId())))
                .allSatisfy(p -> {
                    assertThat(p.getStatus()).isEqualTo(PostStatus.IN_REVIEW);
                    assertThat(p.getProcessInstanceId()).isNotNull();
                })
                .extracting(p -> p.getScheduledAt().toInstant())
                .containsExactlyInAnyOrder(first.plusWeeks(1).toInstant(), first.plusWeeks(2).toInstant(), first.plusWeeks(3).toInstant());
        assertThat(series.stream().map(Post::getProcessInstanceId).distinct().count()).isEqualTo(4);
    }

    @Test
    void theCalendarApiRefusesBadInputWithProblemDetailsAndChangesNothing() throws Exception {
        MockHttpSession creator = login("creator");
        OffsetDateTime at = LocalDate.now(ZoneOffset.UTC).plusDays(9).atTime(9, 0).atOffset(ZoneOffset.UTC);
        Post post = write(CREATOR, unique("Api move"), null, at, "UTC");
        for (String body : List.of("{}", "{\"scheduledAt\":\"2001-01-01T09:00:00Z\"}", "{\"scheduledAt\":\"tomorrow\"}")) {
            mvc.perform(post("/api/posts/" + post.getId() + "/reschedule").session(creator).with(csrf())
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("application/problem+json")))
                    .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain("Exception"));
        }
        assertThat(postRepository.findById(post.getId()).orElseThrow().getScheduledAt().toInstant()).isEqualTo(at.toInstant());
        String moved = mvc.perform(post("/api/posts/" + post.getId() + "/reschedule").session(creator).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"scheduledAt\":\"" + at.plusDays(1) + "\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(moved).contains("\"status\":\"DRAFT\"", "\"stillApproved\":false");
        mvc.perform(post("/api/posts/" + post.getId() + "/repeat").session(creator).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"every\":1,\"unit\":\"months\",\"until\":\"2030-01-01\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/posts/" + post.getId() + "/repeat").session(creator).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"every\":1,\"unit\":\"weeks\",\"until\":\"2030-01-01\"}"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/calendar").param("date", "not-a-date").session(creator)).andExpect(status().isBadRequest());
        mvc.perform(post("/api/calendar/approvals").session(creator).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"taskIds\":[\"x\"],\"from\":\"2030-01-10\",\"to\":\"2030-01-01\"}")).andExpect(status().isBadRequest());
    }

    // ---------------------------------------------------------------- assets and the composer

    @Test
    void theAssetLibraryStoresFilesOnceSearchesAndCountsUsage() throws Exception {
        MockHttpSession creator = login("creator");
        String tag = "tag" + UUID.randomUUID().toString().substring(0, 6);
        byte[] png = png(0x33aa55);
        Long id = upload(creator, "bike.png", png, "A green bike", tag + ", bikes");
        assertThat(upload(creator, "same-again.png", png, null, null)).as("content addressed").isEqualTo(id);
        Asset asset = assets.findById(id).orElseThrow();
        assertThat(asset.getMimeType()).isEqualTo("image/png");
        assertThat(asset.getSizeBytes()).isEqualTo(png.length);

        mvc.perform(multipart("/assets").file(new MockMultipartFile("file", "notes.png", "image/png",
                        "just text".getBytes(StandardCharsets.UTF_8))).session(creator).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains("text/plain", "takes images"));

        assertThat(page(get("/assets").param("tag", tag), creator)).contains("bike.png", "used in 0 posts");
        mvc.perform(get("/assets/" + id + "/file").session(creator)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));

        Post post = composeWithMedia(creator, unique("With picture"), "local", id);
        assertThat(attachments.attached(post.getId())).containsEntry("local", List.of(id));
        assertThat(page(get("/assets/" + id), creator)).contains("used in 1 post", post.getTitle());
        List<MediaAttachment> media = variantMedia.forVariant(post.getId(), "local");
        assertThat(media).singleElement().satisfies(m -> {
            assertThat(m.bytes()).isEqualTo(png);
            assertThat(m.altText()).isEqualTo("A green bike");
            assertThat(m.mimeType()).isEqualTo("image/png");
        });
        assertThat(page(get("/posts/" + post.getId() + "/edit"), creator)).containsPattern("value=\"" + id + "\"[^>]*selected");

        mvc.perform(post("/assets/" + id).session(login("creator2")).with(csrf()).param("altText", "hijack"))
                .andExpect(status().isForbidden());
    }

    @Test
    void bytesAreStoredOnceByTheirHashOnDiskOrInTheDatabase(@TempDir Path dir) throws Exception {
        byte[] bytes = png(0x445566);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        DiskAssetStore disk = new DiskAssetStore(dir);
        disk.put(sha, bytes);
        disk.put(sha, bytes);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).singleElement()
                    .satisfies(f -> assertThat(f.getFileName().toString()).isEqualTo(sha));
        }
        assertThat(disk.get(sha)).get().isEqualTo(bytes);
        assertThat(disk.kind()).isEqualTo("disk");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> disk.get("../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);

        DbAssetStore db = new DbAssetStore(jdbc);
        db.put(sha, bytes);
        db.put(sha, bytes);
        assertThat(jdbc.queryForObject("select count(*) from asset_blob where sha256 = ?", Integer.class, sha)).isEqualTo(1);
        assertThat(db.get(sha)).get().isEqualTo(bytes);
        assertThat(db.get("0".repeat(64))).isEmpty();
    }

    @Test
    void theComposerRefusesExpiredAssetsAndImagesWithoutAltTextForBluesky() throws Exception {
        MockHttpSession creator = login("creator");
        if (!channels.existsById("studio-sky")) {
            channels.save(new Channel("studio-sky", "Studio Bluesky", "BLUESKY"));
        }
        Long noAlt = upload(creator, "no-alt.png", png(0x1122ee), null, null);
        String title = unique("Sky post");
        MvcResult refused = mvc.perform(post("/posts").session(creator).with(csrf())
                        .param("title", title).param("timeZone", "UTC")
                        .param("variants[0].channel", "studio-sky").param("variants[0].enabled", "true")
                        .param("variants[0].text", "Hello sky").param("variants[0].assetIds", noAlt.toString()))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat(refused.getResponse().getContentAsString()).contains("needs alt text for studio-sky");
        assertThat(postRepository.findAll().stream().noneMatch(p -> p.getTitle().equals(title))).isTrue();

        Long old = upload(creator, "old.png", png(0x998877), "Old campaign visual", null);
        mvc.perform(post("/assets/" + old).session(creator).with(csrf()).param("altText", "Old campaign visual")
                .param("expiresOn", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString())).andExpect(status().is3xxRedirection());
        MvcResult expired = mvc.perform(post("/posts").session(creator).with(csrf())
                        .param("title", title).param("timeZone", "UTC")
                        .param("variants[0].channel", "local").param("variants[0].enabled", "true")
                        .param("variants[0].text", "Old picture").param("variants[0].assetIds", old.toString()))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat(expired.getResponse().getContentAsString()).contains("expired on", "cannot be attached");
        assertThat(postRepository.findAll().stream().noneMatch(p -> p.getTitle().equals(title))).isTrue();
    }

    @Test
    void theComposerAsksTheServerForCountsHashtagsAndLinks() throws Exception {
        MockHttpSession creator = login("creator");
        String check = mvc.perform(post("/api/compose/check").session(creator).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"variants\":[{\"channel\":\"local\",\"text\":\"h\\u00e9llo \\ud83d\\udc4d\\ud83c\\udffd\"}]}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(check).contains("\"channel\":\"local\"", "\"count\":7", "\"limit\":5000", "\"unitLabel\":\"characters\"", "\"over\":false");
        mvc.perform(post("/api/compose/check").session(creator).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"variants\":[{\"text\":\"x\"}]}")).andExpect(status().isBadRequest());

        String tag = "#studio" + UUID.randomUUID().toString().substring(0, 6);
        Post tagged = write(CREATOR, unique("Tagged"), null, OffsetDateTime.now(ZoneOffset.UTC).plusDays(30), "UTC",
                "Spring is here " + tag);
        approve(tagged);
        String tags = mvc.perform(get("/api/compose/hashtags").param("q", tag.substring(1, 10)).session(creator))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tags).contains("\"tag\":\"" + tag + "\"", "\"uses\":1");

        assertThat(linkCheck(creator, "http://127.0.0.1:" + links.port() + "/fine")).contains("\"level\":\"ok\"", "\"status\":200");
        assertThat(linkCheck(creator, "http://127.0.0.1:" + links.port() + "/gone")).contains("\"level\":\"warning\"", "404");
        assertThat(linkCheck(creator, "ftp://example.com/file")).contains("\"level\":\"error\"", "http://");

        String composer = page(get("/posts/new").param("scheduledAt", "2030-05-01T09:00").param("timeZone", "Europe/Berlin")
                .param("channel", "local"), creator);
        assertThat(composer).contains("value=\"2030-05-01T09:00\"", "value=\"Europe/Berlin\"", "preview-card", "net-local",
                "media-select", "/js/composer.js");
    }

    // ---------------------------------------------------------------- saved replies, campaigns, CSV

    @Test
    void savedRepliesAreSharedPerTeamAndFillTheirPlaceholders() throws Exception {
        MockHttpSession creator = login("creator");
        String title = unique("Shipping question");
        mvc.perform(post("/replies").session(creator).with(csrf()).param("title", title).param("team", "creators")
                .param("kind", "TEMPLATE").param("body", "Hi {{name}}, see {{link}} for {{title}}."))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/replies").session(creator).with(csrf()).param("title", "x").param("team", "managers")
                .param("body", "not my team")).andExpect(status().isBadRequest());

        String found = mvc.perform(get("/api/replies").param("q", title.substring(0, 15)).session(creator))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(found).contains(title, "\"placeholders\":[\"name\",\"link\",\"title\"]");
        String id = found.replaceAll("(?s).*\"id\":(\\d+).*", "$1");
        String rendered = mvc.perform(post("/api/replies/" + id + "/render").session(creator).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"values\":{\"name\":\"Ana\",\"link\":\"https://x.example\"}}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(rendered).contains("Hi Ana, see https://x.example for {{title}}.", "\"missing\":[\"title\"]");
        assertThat(mvc.perform(get("/api/replies").param("q", title.substring(0, 15)).session(login("reviewer")))
                .andReturn().getResponse().getContentAsString()).doesNotContain(title);
        assertThat(page(get("/replies"), creator)).contains(title);
    }

    @Test
    void campaignsHaveAGoalDatesAndAnOwner() throws Exception {
        MockHttpSession creator = login("creator");
        String name = unique("Spring campaign");
        mvc.perform(post("/campaigns").session(creator).with(csrf()).param("name", name).param("type", "new")
                .param("goal", "500 sign-ups").param("startsOn", "2030-03-01").param("endsOn", "2030-03-31"))
                .andExpect(status().is3xxRedirection());
        var c = campaigns.findById(name).orElseThrow();
        assertThat(c.getGoal()).isEqualTo("500 sign-ups");
        assertThat(c.getOwner()).isEqualTo("creator");
        assertThat(c.getEndsOn()).isEqualTo(LocalDate.of(2030, 3, 31));
        assertThat(page(get("/campaigns"), creator)).contains(name, "500 sign-ups");
        mvc.perform(post("/campaigns").session(creator).with(csrf()).param("name", unique("Backwards"))
                .param("startsOn", "2030-03-01").param("endsOn", "2030-02-01")).andExpect(status().isBadRequest());
        mvc.perform(post("/campaigns").session(login("creator2")).with(csrf()).param("name", name).param("goal", "mine now"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aCsvWithOneBadRowImportsNothingAndNamesTheRow() throws Exception {
        MockHttpSession creator = login("creator");
        String a = unique("CSV one");
        String b = unique("CSV two");
        String bad = "title,scheduled_at,time_zone,text:local,link:local\n"
                + a + ",2030-06-01 09:00,Europe/Berlin,First from CSV,https://example.com/a\n"
                + b + ",not a date,Europe/Berlin,Second from CSV,\n"
                + unique("CSV three") + ",2030-06-03 09:00,UTC,,ftp://nope\n";
        MvcResult refused = mvc.perform(multipart("/posts/import").file(csv(bad)).session(creator).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn();
        assertThat(refused.getResponse().getContentAsString()).contains("Nothing was imported", "2 of 3 rows",
                "scheduled_at: &#39;not a date&#39;", "row-bad");
        assertThat(postRepository.findAll().stream().noneMatch(p -> p.getTitle().equals(a))).as("all or nothing").isTrue();

        String good = "title,campaign,scheduled_at,time_zone,text:local\n"
                + a + ",CSV campaign,2030-06-01 09:00,Europe/Berlin,First from CSV\n"
                + b + ",CSV campaign,2030-06-02 10:00,UTC,Second from CSV\n";
        MvcResult imported = mvc.perform(multipart("/posts/import").file(csv(good)).session(creator).with(csrf()))
                .andExpect(status().isOk()).andReturn();
        assertThat(imported.getResponse().getContentAsString()).contains("Imported all 2 posts");
        Post first = postRepository.findAll().stream().filter(p -> p.getTitle().equals(a)).findFirst().orElseThrow();
        assertThat(first.getScheduledAt().toInstant()).isEqualTo(OffsetDateTime.parse("2030-06-01T09:00:00+02:00").toInstant());
        assertThat(first.getStatus()).isEqualTo(PostStatus.DRAFT);

        String export = mvc.perform(get("/posts/export.csv").param("from", "2030-06-01").param("to", "2030-06-02")
                .param("zone", "UTC").session(creator)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(export).startsWith("id,status,author,title,campaign,region,scheduled_at,time_zone").contains(a, b,
                "2030-06-01 09:00,Europe/Berlin", "text:local");
        mvc.perform(multipart("/posts/import").file(csv("")).session(creator).with(csrf())).andExpect(status().isBadRequest());
        mvc.perform(get("/posts/import").session(login("reviewer"))).andExpect(status().isForbidden());
    }

    // ---------------------------------------------------------------- helpers

    private Post write(CurrentUser author, String title, String campaign, OffsetDateTime at, String zone) {
        return write(author, title, campaign, at, zone, "Text of " + title);
    }

    private Post write(CurrentUser author, String title, String campaign, OffsetDateTime at, String zone, String text) {
        return posts.create(author, new PostCommand(title, campaign, at, zone, List.of(new VariantContent("local", text, null))));
    }

    private Post submitted(CurrentUser author, String title, OffsetDateTime at) {
        Post p = write(author, title, null, at, "UTC");
        return posts.submit(author, p.getId());
    }

    private Task reviewTask(Post post) {
        return taskService.createTaskQuery().processInstanceBusinessKey(post.getId()).taskDefinitionKey("review").singleResult();
    }

    private void approve(Post post) {
        CurrentUser author = post.getAuthor().equals("creator2") ? CREATOR2 : post.getAuthor().equals("manager") ? MANAGER : CREATOR;
        posts.submit(author, post.getId());
        Task task = reviewTask(post);
        identityService.setAuthentication("reviewer", List.of("reviewers"));
        try {
            taskService.claim(task.getId(), "reviewer");
            taskService.complete(task.getId(), Map.of("decision", "approve"));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(statusOf(post)).isEqualTo(PostStatus.SCHEDULED);
    }

    private PostStatus statusOf(Post post) {
        return postRepository.findById(post.getId()).orElseThrow().getStatus();
    }

    private Post composeWithMedia(MockHttpSession session, String title, String channel, Long assetId) throws Exception {
        MvcResult created = mvc.perform(post("/posts").session(session).with(csrf())
                        .param("title", title).param("timeZone", "UTC")
                        .param("variants[0].channel", channel).param("variants[0].enabled", "true")
                        .param("variants[0].text", "Look at this").param("variants[0].assetIds", assetId.toString()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String id = created.getResponse().getRedirectedUrl().substring("/posts/".length());
        return postRepository.findById(id).orElseThrow();
    }

    private Long upload(MockHttpSession session, String name, byte[] bytes, String alt, String tags) throws Exception {
        MockHttpServletRequestBuilder request = multipart("/assets").file(new MockMultipartFile("file", name, "image/png", bytes))
                .session(session).with(csrf());
        if (alt != null) {
            request.param("altText", alt);
        }
        if (tags != null) {
            request.param("tags", tags);
        }
        MvcResult result = mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
        return Long.valueOf(result.getResponse().getRedirectedUrl().substring("/assets/".length()));
    }

    private String linkCheck(MockHttpSession session, String url) throws Exception {
        return mvc.perform(post("/api/compose/link-check").session(session).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"" + url + "\"}")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    static MockMultipartFile csv(String content) {
        return new MockMultipartFile("file", "posts.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] png(int rgb) throws Exception {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 3; y++) {
                image.setRGB(x, y, rgb + x * 7 + y * 13 + (int) (System.nanoTime() % 5));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private MockHttpSession login(String user) throws Exception {
        MvcResult result = mvc.perform(formLogin().user(user).password(user)).andExpect(authenticated().withUsername(user)).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private String page(MockHttpServletRequestBuilder request, MockHttpSession session) throws Exception {
        return mvc.perform(request.session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
