package io.greenlight.team;

import io.greenlight.security.UserAccounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;

/**
 * Ends what a deactivated user still holds: a Greenlight session (pages, /api) is invalidated and answered with
 * 401 (API, /engine-rest) or a redirect to the sign-in page; a Camunda webapp sign-in kept in the session is removed.
 * Runs after Spring Security on every request (a servlet filter bean), so sign-ins that happened before the
 * deactivation stop working on the next request. New sign-ins are refused by
 * {@link io.greenlight.security.CamundaIdentityAuthenticationProvider} and, for the webapps' own login, by the
 * scrambled password ({@link Offboarding}).
 */
@Component
public class DeactivatedSessions extends OncePerRequestFilter {

    private final UserAccounts accounts;

    public DeactivatedSessions(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUser user = CurrentUser.get();
        if (user != null && !accounts.isActive(user.id())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/api/") || path.startsWith("/engine-rest")) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/problem+json");
                response.getWriter().write("{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"This account is deactivated.\"}");
            } else {
                response.sendRedirect(request.getContextPath() + "/login?deactivated");
            }
            return;
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            Authentications auths = AuthenticationUtil.getAuthsFromSession(session);
            for (Authentication auth : new ArrayList<>(auths.getAuthentications())) {
                if (auth.getIdentityId() != null && !accounts.isActive(auth.getIdentityId())) {
                    auths.removeByEngineName(auth.getProcessEngineName());
                    AuthenticationUtil.updateSession(session, auths);
                }
            }
        }
        chain.doFilter(request, response);
    }
}
