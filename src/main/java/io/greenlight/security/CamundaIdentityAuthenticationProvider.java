package io.greenlight.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import java.util.List;

/** Signs users in against Camunda's identity service, so one password works in our pages and the webapps. */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final io.greenlight.security.UserAccounts accounts;

    public CamundaIdentityAuthenticationProvider(IdentityService identity, io.greenlight.security.UserAccounts accounts) {
        this.identity = identity;
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || user.length() > 64 || credentials == null) {
            throw new BadCredentialsException("Unknown user or wrong password.");
        }
        if (!identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("Unknown user or wrong password.");
        }
        if (accounts != null && !accounts.isActive(user)) {
            // Offboarded (their password was also replaced, so this is a second line of defence)
            throw new org.springframework.security.authentication.DisabledException("This account is deactivated.");
        }
        List<SimpleGrantedAuthority> authorities = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .map(g -> new SimpleGrantedAuthority(CurrentUser.AUTHORITY_PREFIX + g))
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
