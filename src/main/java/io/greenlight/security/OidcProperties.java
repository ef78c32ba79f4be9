package io.greenlight.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * OpenID Connect sign-in ({@code greenlight.oidc.*}, see docs/security.md and README). Off unless {@code enabled}.
 *
 * @param enabled            turn single sign-on on (local users keep working either way)
 * @param issuerUri          the provider's issuer; its {@code /.well-known/openid-configuration} is read at start-up
 * @param clientId           the client registered at the provider (redirect URI {@code <base>/login/oauth2/code/oidc})
 * @param clientSecret       its secret (from the environment: {@code GREENLIGHT_OIDC_CLIENT_SECRET})
 * @param scopes             requested scopes (default {@code openid, profile, email})
 * @param usernameClaim      the claim that names the user (default {@code preferred_username}); the Camunda user id is
 *                           made of its letters and digits
 * @param groupsClaim        the claim with the user's groups (default {@code groups})
 * @param groupMapping       provider group → Greenlight group; a provider group without a mapping counts when a
 *                           Greenlight group of the same id exists
 * @param linkExistingUsers  let a provider account sign in as an existing local user of the same id (default false:
 *                           refused, so a provider account can never take over a local account)
 * @param buttonLabel        the sign-in page's button
 */
@ConfigurationProperties("greenlight.oidc")
public record OidcProperties(boolean enabled, String issuerUri, String clientId, String clientSecret, List<String> scopes,
                             String usernameClaim, String groupsClaim, Map<String, String> groupMapping,
                             boolean linkExistingUsers, String buttonLabel) {

    public OidcProperties {
        scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile", "email") : List.copyOf(scopes);
        usernameClaim = blank(usernameClaim) ? "preferred_username" : usernameClaim.strip();
        groupsClaim = blank(groupsClaim) ? "groups" : groupsClaim.strip();
        groupMapping = groupMapping == null ? Map.of() : Map.copyOf(groupMapping);
        buttonLabel = blank(buttonLabel) ? "Sign in with single sign-on" : buttonLabel.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
