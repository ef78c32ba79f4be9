package io.greenlight.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.greenlight.security.LoopbackClient.headers;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in against a stub provider on loopback (WireMock serving discovery, JWKS and the token
 * endpoint; the id_token signed with Nimbus). The first sign-in creates the Camunda user with the token's groups mapped
 * to Greenlight groups; later sign-ins follow the provider's groups; the Camunda webapps sign-in follows; local users
 * keep working; a provider account can never take over a local user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "greenlight.oidc.enabled=true",
        "greenlight.oidc.client-id=greenlight",
        "greenlight.oidc.client-secret=test-secret",
        "greenlight.oidc.group-mapping.marketing-writers=creators",
        "greenlight.oidc.button-label=Sign in with Acme SSO"})
@ActiveProfiles("test")
class OidcLoginTest {

    static final WireMockServer ISSUER = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final RSAKey KEY = key("provider-key");
    static final String WHO = "/camunda/api/admin/auth/user/default";

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        if (!ISSUER.isRunning()) {
            ISSUER.start();
            String base = issuer();
            ISSUER.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                             "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                             "id_token_signing_alg_values_supported":["RS256"],
                             "token_endpoint_auth_methods_supported":["client_secret_basic"]}""".formatted(base))));
            ISSUER.stubFor(get(urlPathEqualTo("/jwks")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json").withBody(new JWKSet(KEY.toPublicJWK()).toString())));
        }
        registry.add("greenlight.oidc.issuer-uri", OidcLoginTest::issuer);
    }

    @AfterAll
    static void stopProvider() {
        ISSUER.stop();
    }

    static String issuer() {
        return "http://127.0.0.1:" + ISSUER.port();
    }

    @LocalServerPort int port;
    @Autowired IdentityService identity;

    @Test
    void theFirstSignInCreatesTheUserWithMappedGroupsAndSignsIntoTasklistToo() {
        String name = "Jane.Doe" + suffix();
        LoopbackClient browser = ssoSignIn(KEY, "sub-" + UUID.randomUUID(), name,
                List.of("marketing-writers", "reviewers", "not-a-greenlight-group"));
        String userId = name.toLowerCase().replace(".", "");

        LoopbackClient.Response home = browser.get("/posts", Map.of());
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as</span> <strong>" + userId + "</strong>");
        User user = identity.createUserQuery().userId(userId).singleResult();
        assertThat(user).isNotNull();
        assertThat(user.getEmail()).isEqualTo(userId + "@acme.example");
        assertThat(groups(userId)).containsExactlyInAnyOrder("creators", "reviewers");
        assertThat(identity.checkPassword(userId, "")).as("no local password").isFalse();
        assertThat(browser.get("/posts/new", Map.of()).status()).as("a creator may write").isEqualTo(200);

        LoopbackClient.Response who = browser.get(WHO, headers("Accept", "application/json"));
        assertThat(who.status()).as(who.body()).isEqualTo(200);
        assertThat(who.body()).contains("\"userId\":\"" + userId + "\"").contains("tasklist");

        LoopbackClient.Response out = browser.postForm("/logout", Map.of("_csrf", LoopbackClient.csrfToken(home.body())));
        assertThat(out.status()).isIn(204, 302);
        assertThat(browser.get(WHO, headers("Accept", "application/json")).status()).isNotEqualTo(200);
        assertThat(browser.get("/posts", Map.of()).status()).isIn(302, 401);
    }

    @Test
    void everySignInFollowsTheProvidersGroups() {
        String subject = "sub-" + UUID.randomUUID();
        String name = "sam" + suffix();
        ssoSignIn(KEY, subject, name, List.of("marketing-writers", "managers"));
        assertThat(groups(name)).containsExactlyInAnyOrder("creators", "managers");

        LoopbackClient again = ssoSignIn(KEY, subject, name, List.of("reviewers"));

        assertThat(groups(name)).containsExactly("reviewers");
        assertThat(again.get("/posts/new", Map.of()).status()).as("no longer a creator").isNotEqualTo(200);
    }

    @Test
    void localUsersKeepSigningInAndTheButtonIsOffered() {
        LoopbackClient anonymous = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response login = anonymous.get("/login", Map.of());
        assertThat(login.body()).contains("Sign in with Acme SSO").contains("/oauth2/authorization/oidc");

        LoopbackClient creator = LoopbackClient.signedIn(port, "creator");
        assertThat(creator.get("/posts/new", Map.of()).status()).isEqualTo(200);
        assertThat(creator.get(WHO, headers("Accept", "application/json")).body()).contains("\"userId\":\"creator\"");
    }

    @Test
    void aProviderAccountCannotTakeOverALocalUser() {
        Set<String> before = groups("admin");
        LoopbackClient.Response refused = ssoCallback(KEY, "sub-" + UUID.randomUUID(), "admin", List.of("camunda-admin"));

        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/login?sso=account_exists");
        assertThat(groups("admin")).isEqualTo(before);
    }

    @Test
    void anAccountWithoutAGreenlightGroupOrWithAForgedTokenIsNotSignedIn() {
        LoopbackClient.Response noGroup = ssoCallback(KEY, "sub-" + UUID.randomUUID(), "nogroup" + suffix(), List.of("strangers"));
        assertThat(noGroup.header("Location")).endsWith("/login?sso=no_group");

        String name = "forger" + suffix();
        LoopbackClient.Response forged = ssoCallback(key("attacker-key"), "sub-" + UUID.randomUUID(), name, List.of("managers"));
        assertThat(forged.status()).isEqualTo(302);
        assertThat(forged.header("Location")).contains("/login?sso=");
        assertThat(identity.createUserQuery().userId(name).count()).isZero();
    }

    // ---- the provider's side of the authorization code flow ----------------------------------------------------

    /** Signs in through the stub provider and returns the browser, signed in. */
    LoopbackClient ssoSignIn(RSAKey signingKey, String subject, String username, List<String> groups) {
        LoopbackClient browser = new LoopbackClient("127.0.0.1", port);
        LoopbackClient.Response callback = callback(browser, signingKey, subject, username, groups);
        assertThat(callback.status()).isEqualTo(302);
        assertThat(callback.header("Location")).as("signed in").doesNotContain("/login");
        return browser;
    }

    LoopbackClient.Response ssoCallback(RSAKey signingKey, String subject, String username, List<String> groups) {
        return callback(new LoopbackClient("127.0.0.1", port), signingKey, subject, username, groups);
    }

    /** Greenlight sends the browser to the provider; the provider (this test) answers with a code and an id_token. */
    LoopbackClient.Response callback(LoopbackClient browser, RSAKey signingKey, String subject, String username, List<String> groups) {
        LoopbackClient.Response start = browser.get("/oauth2/authorization/oidc", Map.of());
        assertThat(start.status()).isEqualTo(302);
        URI authorize = URI.create(start.header("Location"));
        assertThat(authorize.toString()).startsWith(issuer() + "/authorize");
        Map<String, String> query = query(authorize.getRawQuery());
        assertThat(query).containsEntry("client_id", "greenlight").containsEntry("response_type", "code");
        String code = "code-" + UUID.randomUUID();
        ISSUER.stubFor(post(urlPathEqualTo("/token")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"access_token":"at-%s","token_type":"Bearer","expires_in":300,"scope":"openid","id_token":"%s"}"""
                        .formatted(UUID.randomUUID(), idToken(signingKey, subject, username, groups, query.get("nonce"))))));
        LoopbackClient.Response back = browser.get("/login/oauth2/code/oidc?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8), Map.of());
        ISSUER.verify(postRequestedFor(urlPathEqualTo("/token")).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing(code)));
        return back;
    }

    static String idToken(RSAKey signingKey, String subject, String username, List<String> groups, String nonce) {
        try {
            Date now = new Date();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(subject).audience("greenlight")
                    .issueTime(now).expirationTime(new Date(now.getTime() + 300_000)).claim("nonce", nonce)
                    .claim("preferred_username", username).claim("email", username.toLowerCase().replace(".", "") + "@acme.example")
                    .claim("given_name", "Test").claim("family_name", username).claim("groups", groups).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey key(String id) {
        try {
            return new RSAKeyGenerator(2048).keyID(id).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    Set<String> groups(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).collect(Collectors.toSet());
    }

    static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    }
}
