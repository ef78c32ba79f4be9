package io.greenlight.channel;

import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/**
 * The channels page ({@code /channels}, managers and admins): list, add, edit, switch off and on, paste a token
 * (write-only: a stored token is never shown), and "connect account" for OAuth 2.0 networks, whose callback
 * ({@code /channels/oauth/callback}) stores the tokens sealed. Shows when each token expires.
 */
@PageController
public class ChannelPageController {

    static final String PENDING = "greenlight.oauth.pending";

    private final ChannelRepository channels;
    private final NetworkRuleRepository rules;
    private final ChannelService service;
    private final OAuthConnections oauth;
    private final OAuthProperties properties;

    public ChannelPageController(ChannelRepository channels, NetworkRuleRepository rules, ChannelService service,
                                 OAuthConnections oauth, OAuthProperties properties) {
        this.channels = channels;
        this.rules = rules;
        this.service = service;
        this.oauth = oauth;
        this.properties = properties;
    }

    /** A channel as the page shows it. */
    public record Row(Channel channel, boolean oauth, boolean connectable, boolean expired, boolean expiresSoon) {
    }

    @GetMapping("/channels")
    @Transactional(readOnly = true)
    public String page(Model model) {
        manager();
        java.time.OffsetDateTime now = io.greenlight.engine.EngineClock.now();
        List<Row> rows = channels.findAllByOrderByNameAsc().stream().map(c -> new Row(c, oauth.usesOAuth(c.getNetwork()),
                oauth.canConnect(c),
                c.getTokenExpiresAt() != null && !c.getTokenExpiresAt().isAfter(now),
                c.getTokenExpiresAt() != null && c.getTokenExpiresAt().isAfter(now)
                        && c.getTokenExpiresAt().isBefore(now.plus(properties.warnBefore())))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("networks", rules.findAll().stream().map(NetworkRule::getNetwork).sorted().toList());
        return "channels";
    }

    @PostMapping("/channels")
    public String add(@RequestParam(required = false) String key, @RequestParam(required = false) String name,
                      @RequestParam(required = false) String network, @RequestParam(required = false) String baseUrl,
                      @RequestParam(required = false) String account, @RequestParam(required = false) String credentials,
                      RedirectAttributes redirect) {
        Channel channel = service.create(manager(), new ChannelService.ChannelCommand(key, name, network, baseUrl, account, credentials));
        redirect.addFlashAttribute("flashSuccess", "Channel \"" + channel.getName() + "\" added"
                + (oauth.canConnect(channel) && !channel.hasCredentials() ? ": connect its account to publish." : "."));
        return "redirect:/channels";
    }

    @PostMapping("/channels/{key}")
    public String edit(@PathVariable String key, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String baseUrl, @RequestParam(required = false) String account,
                       @RequestParam(required = false) Boolean enabled, RedirectAttributes redirect) {
        Channel channel = service.update(manager(), key, new ChannelService.ChannelEdit(name, baseUrl, account, enabled));
        redirect.addFlashAttribute("flashSuccess", "Channel \"" + channel.getName() + "\" saved"
                + (channel.isEnabled() ? "." : "; it is switched off and will not publish."));
        return "redirect:/channels";
    }

    @PostMapping("/channels/{key}/credentials")
    public String credentials(@PathVariable String key, @RequestParam(required = false) String credentials,
                              RedirectAttributes redirect) {
        Channel channel = service.rotate(manager(), key, credentials);
        redirect.addFlashAttribute("flashSuccess", "New credentials stored for \"" + channel.getName() + "\".");
        return "redirect:/channels";
    }

    /**
     * Starts "connect account": remembers state (and the PKCE verifier) in the session, sends the browser to the
     * network. A link, not a form: the pages' CSP ({@code form-action 'self'}) would block a form's redirect to the
     * network; nothing changes until the callback, which must match the state kept in this session.
     */
    @GetMapping("/channels/{key}/connect")
    public String connect(@PathVariable String key, HttpServletRequest request, RedirectAttributes redirect) {
        CurrentUser user = manager();
        try {
            OAuthConnections.Authorization authorization = oauth.start(user, key, callbackUrl());
            request.getSession().setAttribute(PENDING, authorization.pending());
            return "redirect:" + authorization.url();
        } catch (UserFacingException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/channels";
        }
    }

    @GetMapping("/channels/oauth/callback")
    public String callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
                           @RequestParam(required = false) String error,
                           @RequestParam(name = "error_description", required = false) String errorDescription,
                           HttpSession session, RedirectAttributes redirect) {
        CurrentUser user = manager();
        Object pending = session.getAttribute(PENDING);
        session.removeAttribute(PENDING);
        if (error != null) {
            redirect.addFlashAttribute("flashError", "The account was not connected: " + error
                    + (errorDescription == null ? "" : " (" + errorDescription + ")") + ".");
            return "redirect:/channels";
        }
        Channel channel;
        try {
            channel = oauth.complete(user, pending instanceof OAuthConnections.Pending p ? p : null, state, code);
        } catch (UserFacingException e) {
            redirect.addFlashAttribute("flashError", "The account was not connected: " + e.getMessage());
            return "redirect:/channels";
        }
        redirect.addFlashAttribute("flashSuccess", "\"" + channel.getName() + "\" is connected to its " + channel.getNetwork()
                + " account" + (channel.getTokenExpiresAt() == null ? "." : "; the token is renewed automatically."));
        return "redirect:/channels";
    }

    private String callbackUrl() {
        String base = properties.redirectBaseUrl();
        if (base == null || base.isBlank()) {
            base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/channels/oauth/callback";
    }

    private static CurrentUser manager() {
        CurrentUser user = CurrentUser.get();
        if (user == null || !user.isManager()) {
            throw UserFacingException.forbidden("Only managers can configure channels.");
        }
        return user;
    }
}
