package io.greenlight.conversation;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.greenlight.channel.ChannelService;
import io.greenlight.publishing.ConnectorFixtures;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.RestartedApp;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product owner's test: loopback stubs of Mastodon's and Bluesky's documented APIs; Greenlight polls them (a
 * mention that replies to our post; a Bluesky reply in our thread), each becomes a conversation with our original
 * post, a community member answers, and the replies go out exactly once through a restart in the middle: the networks
 * accept the first attempt but the answer arrives after the read timeout; after the restart Mastodon gets the same
 * Idempotency-Key again and Bluesky is asked with getRecord, so createRecord runs once. Polling again after the
 * restart continues from the stored cursors and stores nothing twice.
 */
class NetworkInboxRestartTest {

    static final CurrentUser MANAGER = new CurrentUser("manager", Set.of("managers", "reviewers"));
    static final String BRAND = "did:plc:brand123";
    static final String ROOT = "at://" + BRAND + "/app.bsky.feed.post/3kroot";
    static final String BOB_REPLY = "at://did:plc:bob/app.bsky.feed.post/3kreply";

    @TempDir
    Path dir;

    WireMockServer masto;
    WireMockServer bsky;
    Date now;

    @BeforeEach
    void start() {
        masto = ConnectorFixtures.startServer();
        bsky = ConnectorFixtures.startServer();
        now = Date.from(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toInstant());
        ClockUtil.setCurrentTime(now);
    }

    @AfterEach
    void stop() {
        masto.stop();
        bsky.stop();
        ClockUtil.reset();
    }

    private void stubMastodon() {
        masto.stubFor(get("/api/v2/instance").willReturn(okJson(
                "{\"domain\":\"social.example\",\"configuration\":{\"statuses\":{\"max_characters\":500,"
                        + "\"max_media_attachments\":4,\"characters_reserved_per_url\":23}}}")));
        String created = now.toInstant().minusSeconds(600).toString();
        masto.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("types[]", equalTo("mention"))
                .withQueryParam("since_id", absent()).withHeader("Authorization", equalTo("Bearer masto-token"))
                .willReturn(okJson("""
                        [{"id":"500","type":"mention","created_at":"%s",
                          "account":{"id":"77","username":"ann","acct":"ann@other.example","display_name":"Ann",
                                     "followers_count":50,"url":"https://other.example/@ann"},
                          "status":{"id":"9001","created_at":"%s","in_reply_to_id":"8000","visibility":"public",
                                    "uri":"https://other.example/users/ann/statuses/9001","url":"https://other.example/@ann/9001",
                                    "content":"<p><span class=\\"h-card\\">@brand</span> is the sale still on &amp; for shoes?</p>"}},
                         {"id":"499","type":"mention","created_at":"2020-01-01T00:00:00.000Z",
                          "account":{"id":"78","acct":"old","display_name":"Old","followers_count":1},
                          "status":{"id":"100","created_at":"2020-01-01T00:00:00.000Z","in_reply_to_id":null,
                                    "uri":"u","url":"https://other.example/@old/100","content":"<p>ancient</p>"}}]
                        """.formatted(created, created))
                        .withHeader("X-RateLimit-Remaining", "299").withHeader("X-RateLimit-Reset", created)));
        masto.stubFor(get(urlPathEqualTo("/api/v1/notifications")).withQueryParam("since_id", equalTo("500"))
                .willReturn(okJson("[]")));
        masto.stubFor(get("/api/v1/statuses/9001/context").willReturn(okJson("""
                {"ancestors":[{"id":"8000","content":"<p>Our spring sale: 20% off</p>","url":"https://social.example/@brand/8000",
                               "in_reply_to_id":null}],
                 "descendants":[]}""")));
        String status = "{\"id\":\"9100\",\"url\":\"https://social.example/@brand/9100\",\"uri\":\"https://social.example/users/brand/statuses/9100\"}";
        masto.stubFor(post("/api/v1/statuses").inScenario("reply").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(status).withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)).willSetStateTo("created"));
        masto.stubFor(post("/api/v1/statuses").inScenario("reply").whenScenarioStateIs("created").willReturn(okJson(status)));
    }

    private void stubBluesky() {
        String indexed = now.toInstant().minusSeconds(300).toString();
        bsky.stubFor(post("/xrpc/com.atproto.server.createSession").willReturn(okJson(
                "{\"accessJwt\":\"jwt\",\"refreshJwt\":\"r\",\"handle\":\"brand.bsky.social\",\"did\":\"" + BRAND + "\"}")));
        bsky.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.notification.listNotifications")).willReturn(okJson("""
                {"notifications":[
                  {"uri":"%s","cid":"bafyreply","reason":"reply","isRead":false,"indexedAt":"%s",
                   "author":{"did":"did:plc:bob","handle":"bob.bsky.social","displayName":"Bob"},
                   "record":{"$type":"app.bsky.feed.post","text":"Where can I buy it?","createdAt":"%s",
                             "reply":{"root":{"uri":"%s","cid":"bafyroot"},"parent":{"uri":"%s","cid":"bafyroot"}}}},
                  {"uri":"at://did:plc:carl/app.bsky.feed.like/1","cid":"c","reason":"like","isRead":false,"indexedAt":"%s",
                   "author":{"did":"did:plc:carl","handle":"carl.bsky.social"},"record":{"$type":"app.bsky.feed.like"}}
                ]}""".formatted(BOB_REPLY, indexed, indexed, ROOT, ROOT, indexed))));
        bsky.stubFor(get(urlPathEqualTo("/xrpc/app.bsky.feed.getPostThread")).withQueryParam("uri", equalTo(ROOT))
                .willReturn(okJson("""
                        {"thread":{"$type":"app.bsky.feed.defs#threadViewPost",
                          "post":{"uri":"%s","cid":"bafyroot","author":{"did":"%s","handle":"brand.bsky.social"},
                                  "record":{"$type":"app.bsky.feed.post","text":"Our spring sale on Bluesky"},
                                  "indexedAt":"%s"}}}""".formatted(ROOT, BRAND, indexed))));
        String created = "{\"uri\":\"at://" + BRAND + "/app.bsky.feed.post/RKEY\",\"cid\":\"bafynew\"}";
        bsky.stubFor(post("/xrpc/com.atproto.repo.createRecord").inScenario("bsky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(created).withFixedDelay(ConnectorFixtures.SLOWER_THAN_TIMEOUT)).willSetStateTo("created"));
        bsky.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.repo.getRecord")).inScenario("bsky").whenScenarioStateIs("created")
                .willReturn(okJson("{\"uri\":\"at://" + BRAND + "/app.bsky.feed.post/RKEY\",\"cid\":\"bafynew\",\"value\":{}}")));
        bsky.stubFor(get(urlPathEqualTo("/xrpc/com.atproto.repo.getRecord")).inScenario("bsky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"RecordNotFound\",\"message\":\"Could not locate record\"}")));
    }

    @Test
    void mentionsAndRepliesArePolledAnsweredAndSentExactlyOnceThroughARestart() {
        stubMastodon();
        stubBluesky();
        String url = RestartedApp.database(dir);
        String mastoConversation;
        String bskyConversation;
        try (ConfigurableApplicationContext first = start(url)) {
            ChannelService channels = first.getBean(ChannelService.class);
            channels.create(MANAGER, new ChannelService.ChannelCommand("masto", "Brand on Mastodon", "MASTODON",
                    masto.baseUrl(), null, "masto-token"));
            channels.create(MANAGER, new ChannelService.ChannelCommand("bsky", "Brand on Bluesky", "BLUESKY",
                    bsky.baseUrl(), "brand.bsky.social", "app-password"));
            InboundPolling polling = first.getBean(InboundPolling.class);
            assertThat(polling.pollAll()).as("the mention and the reply; not the like, not what is older than the backfill")
                    .isEqualTo(2);
            assertThat(polling.pollAll()).as("polled again: nothing new").isZero();

            ConversationRepository conversations = first.getBean(ConversationRepository.class);
            Conversation m = conversations.findByChannelKeyAndThreadKey("masto", "8000").orElseThrow();
            assertThat(m.getAuthorHandle()).isEqualTo("@ann@other.example");
            assertThat(m.getAuthorFollowers()).isEqualTo(50);
            assertThat(m.getOriginalText()).isEqualTo("Our spring sale: 20% off");
            assertThat(m.getReplyToId()).isEqualTo("9001");
            assertThat(first.getBean(ConversationItemRepository.class).findByConversationIdOrderByReceivedAtAscIdAsc(m.getId()))
                    .singleElement().extracting(ConversationItem::getText).isEqualTo("@brand is the sale still on & for shoes?");
            Conversation b = conversations.findByChannelKeyAndThreadKey("bsky", ROOT).orElseThrow();
            assertThat(b.getOriginalText()).isEqualTo("Our spring sale on Bluesky");
            assertThat(b.getAuthorHandle()).isEqualTo("@bob.bsky.social");
            mastoConversation = m.getId();
            bskyConversation = b.getId();

            answer(first, m, "Yes, until Sunday, shoes included!");
            answer(first, b, "In our shop: example.com/shop");
            List<String> failures = runJobs(first, m);
            failures.addAll(runJobs(first, b));
            assertThat(failures).as("both answers time out after the networks took them").hasSize(2);
            assertThat(first.getBean(ConversationReplyRepository.class).findByConversationIdOrderByWrittenAtAsc(m.getId()))
                    .singleElement().extracting(ConversationReply::getStatus).isEqualTo(ConversationReply.Status.SENDING);
        }
        assertThat(masto.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")))).hasSize(1);
        assertThat(bsky.findAll(postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.createRecord")))).hasSize(1);

        ClockUtil.setCurrentTime(new Date(now.getTime() + Duration.ofMinutes(2).toMillis()));
        try (ConfigurableApplicationContext second = start(url)) {
            ConversationRepository conversations = second.getBean(ConversationRepository.class);
            Conversation m = conversations.findById(mastoConversation).orElseThrow();
            Conversation b = conversations.findById(bskyConversation).orElseThrow();
            assertThat(runJobs(second, m)).isEmpty();
            assertThat(runJobs(second, b)).isEmpty();
            for (Conversation c : List.of(m, b)) {
                Conversation done = conversations.findById(c.getId()).orElseThrow();
                assertThat(done.getStatus()).isEqualTo(Conversation.Status.REPLIED);
                assertThat(done.getFirstResponder()).isEqualTo("cody");
                assertThat(second.getBean(ConversationItemRepository.class)
                        .countByConversationIdAndDirection(c.getId(), ConversationItem.Direction.OUT)).isEqualTo(1);
            }
            assertThat(second.getBean(ConversationReplyRepository.class).findByConversationIdOrderByWrittenAtAsc(m.getId()))
                    .singleElement().extracting(ConversationReply::getExternalId).isEqualTo("9100");
            assertThat(second.getBean(InboundPolling.class).pollAll()).as("after the restart: from the stored cursors").isZero();
        }

        List<LoggedRequest> statuses = masto.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")));
        assertThat(statuses).hasSize(2);
        assertThat(statuses.stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).singleElement()
                .asString().startsWith("gl-reply-");
        masto.verify(2, postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withRequestBody(matchingJsonPath("$.in_reply_to_id", equalTo("9001")))
                .withRequestBody(matchingJsonPath("$.status", equalTo("@ann@other.example Yes, until Sunday, shoes included!"))));
        assertThat(bsky.findAll(postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.createRecord")))).hasSize(1);
        bsky.verify(1, postRequestedFor(urlEqualTo("/xrpc/com.atproto.repo.createRecord"))
                .withRequestBody(matchingJsonPath("$.record.reply.root.uri", equalTo(ROOT)))
                .withRequestBody(matchingJsonPath("$.record.reply.parent.uri", equalTo(BOB_REPLY)))
                .withRequestBody(matchingJsonPath("$.record.reply.parent.cid", equalTo("bafyreply"))));
        bsky.verify(getRequestedFor(urlPathEqualTo("/xrpc/com.atproto.repo.getRecord")).withQueryParam("repo", equalTo(BRAND)));
    }

    private void answer(ConfigurableApplicationContext context, Conversation c, String text) {
        IdentityService identity = context.getBean(IdentityService.class);
        if (identity.createUserQuery().userId("cody").count() == 0) {
            var u = identity.newUser("cody");
            u.setPassword("cody");
            identity.saveUser(u);
            identity.createMembership("cody", "community");
        }
        TaskService tasks = context.getBean(TaskService.class);
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(c.getId()).singleResult();
        identity.setAuthentication("cody", List.of("community"));
        try {
            tasks.claim(task.getId(), "cody");
            tasks.complete(task.getId(), Map.of("outcome", "reply", "replyText", text));
        } finally {
            identity.clearAuthentication();
        }
    }

    private List<String> runJobs(ConfigurableApplicationContext context, Conversation c) {
        String instance = context.getBean(ConversationRepository.class).findById(c.getId()).orElseThrow().getProcessInstanceId();
        return RestartedApp.runDueJobs(context, instance, 5);
    }

    private ConfigurableApplicationContext start(String url) {
        return RestartedApp.start(url, dir, "inboxRestartTest", "--greenlight.publishing.read-timeout=PT0.8S");
    }
}
