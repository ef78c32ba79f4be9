package io.greenlight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One login: a user signed in to Greenlight's pages is signed in to Tasklist, Cockpit and Admin as well. The Camunda
 * webapps keep their sign-in in the HTTP session ({@link Authentications}); this filter, in the webapps' security
 * chain, puts the Spring Security user there (groups and app access computed by Camunda's own
 * {@link AuthenticationUtil}). Both live in one session, so signing out of our pages ends both; signing out in a
 * webapp is handled by {@link #webappLogout()} and ends our session too. Without a Greenlight session the webapps'
 * own login keeps working.
 */
public class WebappSingleSignOn extends OncePerRequestFilter {

    private static final Pattern LOGOUT = Pattern.compile("^/camunda/api/admin/auth/user/[^/]+/logout$");

    private final ProcessEngine engine;

    public WebappSingleSignOn(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUser user = CurrentUser.get();
        if (user != null) {
            HttpSession session = request.getSession();
            Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
            Authentication existing = auths.getAuthenticationForProcessEngine(engine.getName());
            if (existing == null || !user.id().equals(existing.getIdentityId())) {
                UserAuthentication created = AuthenticationUtil.createAuthentication(engine, user.id());
                if (created != null) {
                    created.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
                    auths.addOrReplace(created);
                    AuthenticationUtil.updateSession(session, auths);
                }
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The webapps' sign-out ({@code POST /camunda/api/admin/auth/user/{engine}/logout}) with the webapps' XSRF token
     * (header equal to the cookie, as Camunda's own check wants): handled by Spring Security's logout, which ends the
     * whole session — Greenlight's and the webapps' sign-in alike.
     */
    static RequestMatcher webappLogout() {
        return request -> {
            if (!"POST".equals(request.getMethod())) {
                return false;
            }
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!LOGOUT.matcher(path).matches()) {
                return false;
            }
            String header = request.getHeader("X-XSRF-TOKEN");
            String cookie = null;
            if (request.getCookies() != null) {
                for (Cookie c : request.getCookies()) {
                    if ("XSRF-TOKEN".equals(c.getName())) {
                        cookie = c.getValue();
                    }
                }
            }
            return header != null && cookie != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                    cookie.getBytes(StandardCharsets.UTF_8));
        };
    }
}
