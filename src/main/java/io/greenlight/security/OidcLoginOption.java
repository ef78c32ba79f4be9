package io.greenlight.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** What the sign-in page needs to know about single sign-on ({@code @oidcLoginOption} in login.html). */
@Component
@EnableConfigurationProperties(OidcProperties.class)
public class OidcLoginOption {

    private final OidcProperties properties;

    public OidcLoginOption(OidcProperties properties) {
        this.properties = properties;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    public String label() {
        return properties.buttonLabel();
    }

    public String path() {
        return "/oauth2/authorization/" + OidcLogin.REGISTRATION;
    }
}
