package io.greenlight.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sets the engine's current authentication (user and groups) for the request, so Camunda's authorizations
 * and Greenlight's listeners see who acts — on our pages, /api and /engine-rest alike.
 * <p>
 * /engine-rest finds its engine in Camunda's static registry ({@link ProcessEngines}), not in this Spring
 * context. With one application per JVM that is the same engine; where several contexts share a JVM (the test
 * suite's cached contexts) it may be another instance, whose identity service keeps its own thread-local
 * authentication — so the authentication is set on both, never silently missing.
 */
public class EngineAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identity;

    public EngineAuthenticationFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUser user = CurrentUser.get();
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        Set<IdentityService> services = new LinkedHashSet<>();
        services.add(identity);
        ProcessEngine restEngine = ProcessEngines.getProcessEngines().get(ProcessEngines.NAME_DEFAULT);
        if (restEngine != null) {
            services.add(restEngine.getIdentityService());
        }
        List<String> groups = new ArrayList<>(user.groups());
        services.forEach(s -> s.setAuthentication(user.id(), groups));
        try {
            chain.doFilter(request, response);
        } finally {
            services.forEach(IdentityService::clearAuthentication);
        }
    }
}
