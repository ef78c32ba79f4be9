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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Signs users in against Camunda's identity service, so one password works in our pages and the webapps. The password
 * check, the account's state and the user's groups are read in one transaction: an API client that signs every request
 * with HTTP Basic costs one commit for it, not four. Not a read-only one: the engine stores a failed attempt on the
 * user, so the refusal is thrown after the transaction has committed.
 */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;
    private final io.greenlight.security.UserAccounts accounts;
    private final TransactionTemplate transaction;

    public CamundaIdentityAuthenticationProvider(IdentityService identity, io.greenlight.security.UserAccounts accounts,
                                                 PlatformTransactionManager transactions) {
        this.identity = identity;
        this.accounts = accounts;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || user.length() > 64 || credentials == null) {
            throw new BadCredentialsException("Unknown user or wrong password.");
        }
        SignIn signIn = transaction.execute(status -> signIn(user, credentials.toString()));
        if (!signIn.passwordRight()) {
            throw new BadCredentialsException("Unknown user or wrong password.");
        }
        if (!signIn.active()) {
            // Offboarded (their password was also replaced, so this is a second line of defence)
            throw new org.springframework.security.authentication.DisabledException("This account is deactivated.");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, signIn.authorities());
    }

    private SignIn signIn(String user, String password) {
        if (!identity.checkPassword(user, password)) {
            return new SignIn(false, false, List.of());
        }
        if (accounts != null && !accounts.isActive(user)) {
            return new SignIn(true, false, List.of());
        }
        return new SignIn(true, true, identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .map(g -> new SimpleGrantedAuthority(CurrentUser.AUTHORITY_PREFIX + g))
                .toList());
    }

    /** What the sign-in found; the authorities only when the password was right and the account is active. */
    private record SignIn(boolean passwordRight, boolean active, List<SimpleGrantedAuthority> authorities) {
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
