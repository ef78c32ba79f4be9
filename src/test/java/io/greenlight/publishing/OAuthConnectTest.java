package io.greenlight.publishing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.greenlight.channel.Channel;
import io.greenlight.channel.OAuthConnections;
import io.greenlight.channel.OAuthProperties;
import io.greenlight.security.SecretBox;
import io.greenlight.notify.NotificationRepository;
import io.greenlight.notify.Notifications;
import io.greenlight.engine.UserFacingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.util.UriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * "Connect account" against a stub authorization server on loopback, following RFC 6749/7636 and the networks' docs:
 * X's authorization-code flow with PKCE (S256) and rotating refresh tokens, LinkedIn's code exchange with the client
 * secret in the body, Facebook's code → long-lived user token → Page token, Instagram's through the same Meta app to the
 * Page linked to the Instagram account, Threads' code → long-lived token that refreshes itself. Tokens are sealed on the channel, never
 * returned by the API, refreshed before they expire, and managers are warned about one that cannot be refreshed.
 * (The running app has no OAuth app configured; this test wires the service to the stub with its own settings.)
 */
class OAuthConnectTest extends PublishingTestSupport {

    static final String REDIRECT = "https://greenlight.example/channels/oauth/callback";

    @Autowired SecretBox secrets;
    @Autowired org.springframework.context.ApplicationEventPublisher events;
    @Autowired NotificationRepository notificationRepository;
    @Autowired PlatformTransactionManager transactions;
    @Autowired JdbcTemplate jdbc;
    @Autowired jakarta.persistence.EntityManager entityManager;
    @Autowired io.greenlight.engine.HttpClients httpClients;
    @Autowired java.util.List<io.greenlight.channel.OAuthNetwork> oauthNetworks;

    WireMockServer auth;
    OAuthConnections oauth;

    @BeforeEach
    void startAuthorizationServer() {
        auth = ConnectorFixtures.startServer();
        OAuthProperties properties = new OAuthProperties(Map.of(
                "x", new OAuthProperties.Client("x-client", "x-secret", auth.baseUrl() + "/i/oauth2/authorize",
                        auth.baseUrl() + "/2/oauth2/token", null),
                "linkedin", new OAuthProperties.Client("li-client", "li-secret", auth.baseUrl() + "/oauth/v2/authorization",
                        auth.baseUrl() + "/oauth/v2/accessToken", null),
                "facebook", new OAuthProperties.Client("fb-app", "fb-secret", auth.baseUrl() + "/v21.0/dialog/oauth",
                        auth.baseUrl() + "/v21.0/oauth/access_token", null),
                // Instagram has no app of its own here: it connects with Facebook's Meta app
                "threads", new OAuthProperties.Client("th-app", "th-secret", auth.baseUrl() + "/oauth/authorize",
                        auth.baseUrl() + "/oauth/access_token", null)),
                null, Duration.ofMinutes(10), Duration.ofDays(7));
        oauth = new OAuthConnections(channelRepository, secrets, properties, oauthNetworks, events, transactions,
                entityManager, httpClients);
    }

    @AfterEach
    void stopAuthorizationServer() {
        auth.stop();
    }

    private static Map<String, String> query(String url) {
        return UriComponentsBuilder.fromUriString(url).build().getQueryParams().toSingleValueMap();
    }

    @Test
    void xConnectsWithPkceAndTheTokensAreSealedAndNeverShown() throws Exception {
        Channel x = channel("X", null, "@brand", null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, x.getKey(), REDIRECT);

        Map<String, String> q = query(authorization.url());
        assertThat(authorization.url()).startsWith(auth.baseUrl() + "/i/oauth2/authorize?");
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "x-client")
                .containsEntry("code_challenge_method", "S256").containsKey("state");
        assertThat(java.net.URLDecoder.decode(q.get("redirect_uri"), StandardCharsets.UTF_8)).isEqualTo(REDIRECT);
        assertThat(java.net.URLDecoder.decode(q.get("scope"), StandardCharsets.UTF_8)).contains("tweet.write").contains("offline.access");
        String verifier = authorization.pending().codeVerifier();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertThat(q.get("code_challenge")).isEqualTo(challenge);

        auth.stubFor(post("/2/oauth2/token")
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString("x-client:x-secret".getBytes())))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=the-code"))
                .withRequestBody(containing("code_verifier=" + verifier))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"x-access-1\","
                        + "\"scope\":\"tweet.write offline.access\",\"refresh_token\":\"x-refresh-1\"}")));

        Channel connected = oauth.complete(MANAGER, authorization.pending(), q.get("state"), "the-code");

        assertThat(connected.getTokenExpiresAt()).isEqualTo(io.greenlight.engine.EngineClock.now().plusSeconds(7200));
        assertThat(connected.getConnectedBy()).isEqualTo("manager");
        assertThat(channelService.credentialsOf(channelRepository.findById(x.getKey()).orElseThrow())).isEqualTo("x-access-1");
        Map<String, Object> row = jdbc.queryForMap("select credentials_enc, refresh_token_enc from channel where channel_key = ?", x.getKey());
        assertThat(row.values()).allSatisfy(v -> assertThat(String.valueOf(v)).startsWith("v1:").doesNotContain("x-access-1")
                .doesNotContain("x-refresh-1"));
        Reply list = call("manager", "GET", "/api/channels", null);
        assertThat(list.body()).contains(x.getKey()).doesNotContain("x-access-1").doesNotContain("x-refresh-1")
                .doesNotContain(String.valueOf(row.get("credentials_enc")));
        assertThat(call("manager", "GET", "/channels", null).body()).contains(x.getKey()).contains("Token expires")
                .doesNotContain("x-access-1").doesNotContain("x-refresh-1");
    }

    @Test
    void aCallbackThatDoesNotMatchTheStartedConnectionIsRefused() {
        Channel x = channel("X", null, null, null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, x.getKey(), REDIRECT);

        UserFacingException wrongState = catchThrowableOfType(
                () -> oauth.complete(MANAGER, authorization.pending(), "forged-state", "code"), UserFacingException.class);
        assertThat(wrongState.getMessage()).contains("does not belong");
        assertThat(catchThrowableOfType(() -> oauth.complete(MANAGER, null, "s", "code"), UserFacingException.class)).isNotNull();
        // another manager cannot finish a connection somebody else started
        io.greenlight.security.CurrentUser admin = new io.greenlight.security.CurrentUser("admin", java.util.Set.of("camunda-admin", "managers"));
        assertThat(catchThrowableOfType(() -> oauth.complete(admin, authorization.pending(),
                query(authorization.url()).get("state"), "code"), UserFacingException.class)).isNotNull();
        // too late
        clockAt(plus(Duration.ofMinutes(16)));
        assertThat(catchThrowableOfType(() -> oauth.complete(MANAGER, authorization.pending(),
                query(authorization.url()).get("state"), "code"), UserFacingException.class).getMessage()).contains("too long");
        // and creators cannot start one
        assertThat(catchThrowableOfType(() -> oauth.start(CREATOR, x.getKey(), REDIRECT), UserFacingException.class)
                .status().value()).isEqualTo(403);
        auth.verify(0, postRequestedFor(urlEqualTo("/2/oauth2/token")));
        assertThat(channelRepository.findById(x.getKey()).orElseThrow().hasCredentials()).isFalse();
    }

    @Test
    void aRefusedCodeIsA400NamingTheNetworksError() {
        Channel x = channel("X", null, null, null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, x.getKey(), REDIRECT);
        auth.stubFor(post("/2/oauth2/token").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the authorization code was invalid.\"}")));

        UserFacingException e = catchThrowableOfType(() -> oauth.complete(MANAGER, authorization.pending(),
                query(authorization.url()).get("state"), "stale"), UserFacingException.class);

        assertThat(e.status().value()).isEqualTo(400);
        assertThat(e.getMessage()).contains("X refused").contains("authorization code was invalid");
    }

    @Test
    void anExpiringTokenIsRefreshedBeforePublishingAndTheRotatedRefreshTokenIsKept() {
        Channel x = connectX("x-access-1", "x-refresh-1", 7200);
        auth.stubFor(post("/2/oauth2/token").inScenario("rotate").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("grant_type=refresh_token")).withRequestBody(containing("refresh_token=x-refresh-1"))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"x-access-2\",\"refresh_token\":\"x-refresh-2\"}"))
                .willSetStateTo("rotated"));
        auth.stubFor(post("/2/oauth2/token").inScenario("rotate").whenScenarioStateIs("rotated")
                .withRequestBody(containing("refresh_token=x-refresh-2"))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":7200,\"access_token\":\"x-access-3\",\"refresh_token\":\"x-refresh-3\"}")));

        // an hour later nothing is due
        clockAt(plus(Duration.ofHours(1)));
        assertThat(oauth.refreshIfDue(x.getKey())).isFalse();
        // 5 minutes before it expires: refreshed, then again with the rotated refresh token
        clockAt(plus(Duration.ofMinutes(55)));
        assertThat(oauth.refreshIfDue(x.getKey())).isTrue();
        assertThat(channelService.credentialsOf(channelRepository.findById(x.getKey()).orElseThrow())).isEqualTo("x-access-2");
        clockAt(plus(Duration.ofMinutes(115)));
        assertThat(oauth.refreshIfDue(x.getKey())).isTrue();
        assertThat(channelService.credentialsOf(channelRepository.findById(x.getKey()).orElseThrow())).isEqualTo("x-access-3");
        auth.verify(2, postRequestedFor(urlEqualTo("/2/oauth2/token")).withRequestBody(containing("grant_type=refresh_token")));
    }

    @Test
    void managersAreWarnedOnceAboutATokenThatCannotBeRefreshed() {
        Channel li = channel("LINKEDIN", null, "urn:li:organization:5515715", null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, li.getKey(), REDIRECT);
        assertThat(query(authorization.url())).doesNotContainKey("code_challenge");
        auth.stubFor(post("/oauth/v2/accessToken").withRequestBody(containing("client_secret=li-secret"))
                .withRequestBody(containing("redirect_uri=" + java.net.URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                .willReturn(okJson("{\"access_token\":\"li-access\",\"expires_in\":5184000,\"scope\":\"w_organization_social\"}")));
        oauth.complete(MANAGER, authorization.pending(), query(authorization.url()).get("state"), "li-code");
        long before = warningsFor(li);

        // 60 days: nothing to say for 52 days, then one warning, not two
        clockAt(plus(Duration.ofDays(50)));
        oauth.checkTokens();
        assertThat(warningsFor(li)).isEqualTo(before);
        clockAt(plus(Duration.ofDays(4)));
        assertThat(oauth.expiringSoon()).extracting(OAuthConnections.ExpiringToken::channelKey).contains(li.getKey());
        oauth.checkTokens();
        oauth.checkTokens();
        assertThat(warningsFor(li)).isEqualTo(before + 1);
        assertThat(notificationRepository.findAll().stream().filter(n -> n.getMessage().contains("(" + li.getKey() + ")"))
                .map(n -> n.getRecipient()).toList()).contains("manager");
    }

    @Test
    void facebookStoresThePagesOwnToken() {
        Channel fb = channel("FACEBOOK", auth.baseUrl(), "102938475610", null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, fb.getKey(), REDIRECT);
        assertThat(java.net.URLDecoder.decode(query(authorization.url()).get("scope"), StandardCharsets.UTF_8))
                .isEqualTo("pages_show_list,pages_manage_posts,pages_read_engagement");
        auth.stubFor(get(urlPathEqualTo("/v21.0/oauth/access_token")).withQueryParam("code", equalTo("fb-code"))
                .withQueryParam("client_secret", equalTo("fb-secret"))
                .willReturn(okJson("{\"access_token\":\"user-short\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
        auth.stubFor(get(urlPathEqualTo("/v21.0/oauth/access_token")).withQueryParam("grant_type", equalTo("fb_exchange_token"))
                .withQueryParam("fb_exchange_token", equalTo("user-short"))
                .willReturn(okJson("{\"access_token\":\"user-long\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
        auth.stubFor(get(urlPathEqualTo("/v21.0/102938475610")).withQueryParam("fields", equalTo("access_token"))
                .withHeader("Authorization", equalTo("Bearer user-long"))
                .willReturn(okJson("{\"access_token\":\"page-token\",\"id\":\"102938475610\"}")));

        Channel connected = oauth.complete(MANAGER, authorization.pending(), query(authorization.url()).get("state"), "fb-code");

        assertThat(channelService.credentialsOf(channelRepository.findById(fb.getKey()).orElseThrow())).isEqualTo("page-token");
        assertThat(connected.getTokenExpiresAt()).as("Page tokens do not expire").isNull();
        auth.verify(1, getRequestedFor(urlPathEqualTo("/v21.0/102938475610")));
    }

    private void facebookLoginGives(String longLivedUserToken) {
        auth.stubFor(get(urlPathEqualTo("/v21.0/oauth/access_token")).withQueryParam("code", equalTo("ig-code"))
                .withQueryParam("client_id", equalTo("fb-app")).withQueryParam("client_secret", equalTo("fb-secret"))
                .willReturn(okJson("{\"access_token\":\"ig-user-short\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
        auth.stubFor(get(urlPathEqualTo("/v21.0/oauth/access_token")).withQueryParam("grant_type", equalTo("fb_exchange_token"))
                .withQueryParam("fb_exchange_token", equalTo("ig-user-short"))
                .willReturn(okJson("{\"access_token\":\"" + longLivedUserToken + "\",\"token_type\":\"bearer\",\"expires_in\":5183944}")));
    }

    @Test
    void instagramConnectsWithFacebooksAppAndStoresTheTokenOfThePageLinkedToTheAccount() {
        Channel ig = channel("INSTAGRAM", auth.baseUrl(), null, null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, ig.getKey(), REDIRECT);
        Map<String, String> q = query(authorization.url());
        assertThat(authorization.url()).as("Facebook Login, the Meta app of the Page connections")
                .startsWith(auth.baseUrl() + "/v21.0/dialog/oauth?");
        assertThat(q).containsEntry("client_id", "fb-app");
        assertThat(java.net.URLDecoder.decode(q.get("scope"), StandardCharsets.UTF_8))
                .isEqualTo("instagram_basic,instagram_content_publish,instagram_manage_insights,pages_show_list,pages_read_engagement");
        facebookLoginGives("ig-user-long");
        auth.stubFor(get(urlPathEqualTo("/v24.0/me/accounts"))
                .withQueryParam("fields", equalTo("id,name,access_token,instagram_business_account"))
                .withHeader("Authorization", equalTo("Bearer ig-user-long"))
                .willReturn(okJson("""
                        {"data":[
                          {"id":"134895793791914","name":"Brand","access_token":"page-token-brand",
                           "instagram_business_account":{"id":"17841405822304914"}},
                          {"id":"134895793791999","name":"Side project","access_token":"page-token-side"}],
                         "paging":{"cursors":{"before":"QVFI","after":"QVFJ"}}}""")));

        Channel connected = oauth.complete(MANAGER, authorization.pending(), q.get("state"), "ig-code");

        Channel stored = channelRepository.findById(ig.getKey()).orElseThrow();
        assertThat(channelService.credentialsOf(stored)).isEqualTo("page-token-brand");
        assertThat(stored.getAccount()).as("the Instagram account's id, which the connector publishes to")
                .isEqualTo("17841405822304914");
        assertThat(connected.getTokenExpiresAt()).as("Page tokens do not expire").isNull();
        assertThat(stored.hasRefreshToken()).isFalse();
    }

    @Test
    void instagramWithSeveralLinkedPagesAsksWhichAccountTheChannelIsFor() {
        Channel ig = channel("INSTAGRAM", auth.baseUrl(), null, null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, ig.getKey(), REDIRECT);
        facebookLoginGives("ig-user-long-2");
        auth.stubFor(get(urlPathEqualTo("/v24.0/me/accounts")).willReturn(okJson("""
                {"data":[
                  {"id":"134895793791914","name":"Brand","access_token":"t1","instagram_business_account":{"id":"17841405822304914"}},
                  {"id":"134895793791915","name":"Outlet","access_token":"t2","instagram_business_account":{"id":"17841405822304915"}}]}""")));

        UserFacingException e = catchThrowableOfType(() -> oauth.complete(MANAGER, authorization.pending(),
                query(authorization.url()).get("state"), "ig-code"), UserFacingException.class);

        assertThat(e.getMessage()).contains("Several").contains("17841405822304914 (Page Brand)").contains("17841405822304915 (Page Outlet)");
        assertThat(channelRepository.findById(ig.getKey()).orElseThrow().hasCredentials()).isFalse();

        // the manager names the Page (or the Instagram account) as the channel's account and connects again
        channelService.update(MANAGER, ig.getKey(), new io.greenlight.channel.ChannelService.ChannelEdit(null, null, "134895793791915", null));
        OAuthConnections.Authorization again = oauth.start(MANAGER, ig.getKey(), REDIRECT);
        oauth.complete(MANAGER, again.pending(), query(again.url()).get("state"), "ig-code");
        Channel stored = channelRepository.findById(ig.getKey()).orElseThrow();
        assertThat(channelService.credentialsOf(stored)).isEqualTo("t2");
        assertThat(stored.getAccount()).isEqualTo("17841405822304915");
    }

    @Test
    void threadsConnectsAndItsLongLivedTokenIsRefreshedWithItselfBeforeItExpires() {
        Channel th = channel("THREADS", null, null, null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, th.getKey(), REDIRECT);
        Map<String, String> q = query(authorization.url());
        assertThat(authorization.url()).startsWith(auth.baseUrl() + "/oauth/authorize?");
        assertThat(q).containsEntry("client_id", "th-app").containsEntry("response_type", "code");
        assertThat(java.net.URLDecoder.decode(q.get("scope"), StandardCharsets.UTF_8))
                .isEqualTo("threads_basic,threads_content_publish,threads_manage_insights,threads_delete");
        auth.stubFor(post("/oauth/access_token").withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=th-code")).withRequestBody(containing("client_id=th-app"))
                .withRequestBody(containing("client_secret=th-secret"))
                .withRequestBody(containing("redirect_uri=" + java.net.URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                .willReturn(okJson("{\"access_token\":\"th-short\",\"user_id\":26000000000000001}")));
        auth.stubFor(get(urlPathEqualTo("/access_token")).withQueryParam("grant_type", equalTo("th_exchange_token"))
                .withQueryParam("client_secret", equalTo("th-secret")).withQueryParam("access_token", equalTo("th-short"))
                .willReturn(okJson("{\"access_token\":\"th-long-1\",\"token_type\":\"bearer\",\"expires_in\":5184000}")));

        Channel connected = oauth.complete(MANAGER, authorization.pending(), q.get("state"), "th-code");

        Channel stored = channelRepository.findById(th.getKey()).orElseThrow();
        assertThat(stored.getAccount()).isEqualTo("26000000000000001");
        assertThat(channelService.credentialsOf(stored)).isEqualTo("th-long-1");
        assertThat(connected.getTokenExpiresAt()).isEqualTo(io.greenlight.engine.EngineClock.now().plusSeconds(5184000));
        assertThat(stored.hasRefreshToken()).as("a long-lived Threads token refreshes itself").isTrue();
        Map<String, Object> row = jdbc.queryForMap("select credentials_enc, refresh_token_enc from channel where channel_key = ?", th.getKey());
        assertThat(row.values()).allSatisfy(v -> assertThat(String.valueOf(v)).startsWith("v1:").doesNotContain("th-long-1"));

        auth.stubFor(get(urlPathEqualTo("/refresh_access_token")).inScenario("th").whenScenarioStateIs(Scenario.STARTED)
                .withQueryParam("grant_type", equalTo("th_refresh_token")).withQueryParam("access_token", equalTo("th-long-1"))
                .willReturn(okJson("{\"access_token\":\"th-long-2\",\"token_type\":\"bearer\",\"expires_in\":5184000}"))
                .willSetStateTo("refreshed"));
        auth.stubFor(get(urlPathEqualTo("/refresh_access_token")).inScenario("th").whenScenarioStateIs("refreshed")
                .withQueryParam("access_token", equalTo("th-long-2"))
                .willReturn(okJson("{\"access_token\":\"th-long-3\",\"token_type\":\"bearer\",\"expires_in\":5184000}")));
        // 60 days: not due while more than 30 are left, and never a warning to managers
        clockAt(plus(Duration.ofDays(29)));
        assertThat(oauth.refreshIfDue(th.getKey())).isFalse();
        clockAt(plus(Duration.ofDays(2)));
        assertThat(oauth.expiringSoon()).extracting(OAuthConnections.ExpiringToken::channelKey).doesNotContain(th.getKey());
        assertThat(oauth.refreshIfDue(th.getKey())).isTrue();
        Channel refreshed = channelRepository.findById(th.getKey()).orElseThrow();
        assertThat(channelService.credentialsOf(refreshed)).isEqualTo("th-long-2");
        assertThat(refreshed.getTokenExpiresAt()).isEqualTo(io.greenlight.engine.EngineClock.now().plusSeconds(5184000));
        // and the next time with the refreshed token
        clockAt(plus(Duration.ofDays(31)));
        oauth.checkTokens();
        assertThat(channelService.credentialsOf(channelRepository.findById(th.getKey()).orElseThrow())).isEqualTo("th-long-3");
        auth.verify(2, getRequestedFor(urlPathEqualTo("/refresh_access_token")));
    }

    @Test
    void withoutAConfiguredAppThePageSaysSoAndNothingChanges() {
        Channel x = channel("X", null, null, null);
        Reply page = call("manager", "GET", "/channels", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("No OAuth app is configured");
        assertThat(call("creator", "GET", "/channels", null).status()).isEqualTo(403);
        Reply connect = call("manager", "GET", "/channels/" + x.getKey() + "/connect", null);
        assertThat(connect.status()).as("back to the channels page with the reason").isIn(200, 302);
        Reply callback = call("manager", "GET", "/channels/oauth/callback?code=c&state=s", null);
        assertThat(callback.status()).as("back to the channels page with the reason").isEqualTo(302);
        assertThat(channelRepository.findById(x.getKey()).orElseThrow().hasCredentials()).isFalse();
    }

    private Channel connectX(String access, String refresh, int expiresIn) {
        Channel x = channel("X", null, null, null);
        OAuthConnections.Authorization authorization = oauth.start(MANAGER, x.getKey(), REDIRECT);
        auth.stubFor(post("/2/oauth2/token").withRequestBody(containing("grant_type=authorization_code"))
                .willReturn(okJson("{\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + ",\"access_token\":\"" + access
                        + "\",\"refresh_token\":\"" + refresh + "\"}")));
        oauth.complete(MANAGER, authorization.pending(), query(authorization.url()).get("state"), "code");
        return x;
    }

    private long warningsFor(Channel channel) {
        return notificationRepository.findAll().stream().filter(n -> "manager".equals(n.getRecipient())
                && n.getMessage().contains("(" + channel.getKey() + ")")).count();
    }
}
