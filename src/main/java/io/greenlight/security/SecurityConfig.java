package io.greenlight.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three doors, one set of users (Camunda's identity service):
 * <ol>
 *   <li>{@code /engine-rest/**}: HTTP Basic only, stateless, so a browser session can never be used to forge calls;</li>
 *   <li>{@code /camunda/**}: the Camunda webapps, which run their own login and XSRF protection;</li>
 *   <li>everything else: our pages (form login, CSRF-protected) and {@code /api/**} (session or Basic;
 *       Basic calls carry no session cookie and need no CSRF token).</li>
 * </ol>
 * In each, the engine's current authentication is set per request ({@link EngineAuthenticationFilter}).
 */
@Configuration
public class SecurityConfig {

    /**
     * Our pages load scripts, styles and images from this server only and have no inline script or style; the
     * Camunda webapps send their own policy (Camunda's header-security filter), so /camunda is left to them.
     */
    static final String PAGES_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final ObjectMapper json;

    public SecurityConfig(ObjectMapper json) {
        this.json = json;
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRest(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
                                   IdentityService identity) throws Exception {
        onlyThisChainsProviders(http);
        http.securityMatcher(under("/engine-rest"))
                .authenticationProvider(provider)
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .httpBasic(b -> b.realmName("Greenlight engine").authenticationEntryPoint(problem("Sign in with HTTP Basic (your Greenlight user and password).")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(c -> c.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
                .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebapps(HttpSecurity http, ProcessEngine engine) throws Exception {
        http.securityMatcher(under("/camunda"))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .headers(h -> h.frameOptions(f -> f.sameOrigin()))
                // one login: our session signs the user in to the webapps, their sign-out ends our session too
                .addFilterAfter(new WebappSingleSignOn(engine), AuthorizationFilter.class)
                .logout(l -> l.logoutRequestMatcher(WebappSingleSignOn.webappLogout())
                        .logoutSuccessHandler((request, response, auth) -> response.setStatus(HttpServletResponse.SC_OK)));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain application(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
                                    IdentityService identity,
                                    ObjectProvider<ClientRegistrationRepository> oidcRegistrations,
                                    ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> oidcUsers) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        RequestMatcher basicApiCall = request -> api.matches(request)
                && request.getHeader("Authorization") != null
                && request.getHeader("Authorization").regionMatches(true, 0, "Basic ", 0, 6);
        onlyThisChainsProviders(http);
        http.authenticationProvider(provider)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/feed", "/api/feed", "/css/**", "/js/**", "/favicon.ico",
                                "/error", "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**").permitAll()
                        // The external approver's page; the signed link in its address is the credential
                        .requestMatchers("/external/review/*").permitAll()
                        // Greenlight's short links in published posts (counts the click, stores nothing personal)
                        .requestMatchers("/r/*").permitAll()
                        // an invited user's one-time link to choose a password (io.greenlight.team.Invites)
                        .requestMatchers("/invite/*/*").permitAll()
                        // the images and videos of posts published to the public local feed (checked per file)
                        .requestMatchers("/feed/media/**").permitAll()
                        // media that Instagram and Threads fetch while publishing: the signed, expiring link is the credential
                        .requestMatchers("/media/signed/*/*/*").permitAll()
                        // the public comment form under the local feed's entries, and signed inbound webhooks of other
                        // tools (the HMAC signature with the channel's secret is the credential; io.greenlight.conversation)
                        .requestMatchers("/feed/comments", "/api/inbound/*").permitAll()
                        // metrics and every other actuator endpoint: administrators only
                        .requestMatchers("/actuator/**").hasAuthority(CurrentUser.AUTHORITY_PREFIX + Groups.ADMIN)
                        .anyRequest().authenticated())
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(PAGES_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false)
                        .failureHandler(LoginThrottleFilter.formFailureHandler("/login?error")).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .httpBasic(b -> b.authenticationEntryPoint(problem("Sign in first (session or HTTP Basic).")))
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(problem("Sign in first (session or HTTP Basic)."), api)
                        .defaultAccessDeniedHandlerFor((req, res, ex) -> {
                            // CSRF runs before sign-in is required: a call without any credentials is a 401, not a 403
                            if (!signedIn()) {
                                problem("Sign in first (session or HTTP Basic).").commence(req, res, null);
                            } else {
                                writeProblem(res, HttpStatus.FORBIDDEN,
                                        "Your session's security token is missing or expired. Reload the page and try again.");
                            }
                        }, api)
                        // Pages get Spring's plain 403 (rendered by error.html). Without this second mapping Spring
                        // Security would use the single /api handler above for every request, pages included.
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .csrf(c -> c.ignoringRequestMatchers(basicApiCall, request -> request.getRequestURI()
                        .startsWith(request.getContextPath() + "/api/inbound/")))
                .addFilterAfter(new EngineAuthenticationFilter(identity), AuthorizationFilter.class);
        // OpenID Connect sign-in next to the local one, only with greenlight.oidc.enabled=true (OidcLogin)
        ClientRegistrationRepository registrations = oidcRegistrations.getIfAvailable();
        if (registrations != null) {
            http.oauth2Login(o -> o.loginPage("/login").clientRegistrationRepository(registrations)
                    .userInfoEndpoint(u -> u.oidcUserService(oidcUsers.getObject()))
                    .defaultSuccessUrl("/", false)
                    .failureHandler((request, response, ex) -> response.sendRedirect(request.getContextPath() + "/login?sso="
                            + (ex instanceof OAuth2AuthenticationException o2 ? o2.getError().getErrorCode() : "failed"))));
        }
        return http.build();
    }

    private static boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }

    /** Matches on the raw URI: these paths belong to Camunda's own servlets, not to Spring MVC. */
    /**
     * Without this, Spring Security hands a refused sign-in on to the global authentication manager, which holds the
     * same provider bean again: every wrong password was checked (and counted by the engine) twice.
     */
    private static void onlyThisChainsProviders(HttpSecurity http) {
        http.getSharedObject(AuthenticationManagerBuilder.class).parentAuthenticationManager(null);
    }

    private static RequestMatcher under(String prefix) {
        return request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.equals(prefix) || path.startsWith(prefix + "/");
        };
    }

    private AuthenticationEntryPoint problem(String message) {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Greenlight\"");
            writeProblem(response, HttpStatus.UNAUTHORIZED, message);
        };
    }

    private void writeProblem(HttpServletResponse response, HttpStatus status, String message) throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, message));
    }
}
