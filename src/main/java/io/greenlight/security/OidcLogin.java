package io.greenlight.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/**
 * OpenID Connect sign-in, only with {@code greenlight.oidc.enabled=true}: one client registration ({@code oidc}) read
 * from the provider's discovery document at start-up, and a user service that signs the identity in as a Camunda
 * user ({@link OidcAccounts}) with its Greenlight groups as authorities — so {@link CurrentUser}, the engine's
 * authentication and the webapps' single sign-on ({@link WebappSingleSignOn}) work as for a local user.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "greenlight.oidc.enabled", havingValue = "true")
public class OidcLogin {

    public static final String REGISTRATION = "oidc";

    @Bean
    ClientRegistrationRepository oidcClientRegistrations(OidcProperties properties) {
        if (properties.issuerUri() == null || properties.issuerUri().isBlank() || properties.clientId() == null
                || properties.clientId().isBlank()) {
            throw new IllegalStateException("greenlight.oidc.enabled=true needs greenlight.oidc.issuer-uri and greenlight.oidc.client-id");
        }
        ClientRegistration registration = ClientRegistrations.fromIssuerLocation(properties.issuerUri())
                .registrationId(REGISTRATION)
                .clientName(properties.buttonLabel())
                .clientId(properties.clientId())
                .clientSecret(properties.clientSecret())
                .scope(properties.scopes())
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .build();
        return new InMemoryClientRegistrationRepository(registration);
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> greenlightOidcUserService(OidcAccounts accounts) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser oidc = delegate.loadUser(request);
            CurrentUser user = accounts.signIn(oidc);
            List<SimpleGrantedAuthority> authorities = user.groups().stream()
                    .map(g -> new SimpleGrantedAuthority(CurrentUser.AUTHORITY_PREFIX + g)).toList();
            return new SignedInOidcUser(authorities, oidc, user.id());
        };
    }

    /** The provider's identity, named by its Camunda user id (what {@link CurrentUser} and the engine use). */
    static final class SignedInOidcUser extends DefaultOidcUser {

        private final String userId;

        SignedInOidcUser(List<SimpleGrantedAuthority> authorities, OidcUser oidc, String userId) {
            super(authorities, oidc.getIdToken(), oidc.getUserInfo());
            this.userId = userId;
        }

        @Override
        public String getName() {
            return userId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SignedInOidcUser other && other.userId.equals(userId) && super.equals(o);
        }

        @Override
        public int hashCode() {
            return userId.hashCode();
        }
    }
}
