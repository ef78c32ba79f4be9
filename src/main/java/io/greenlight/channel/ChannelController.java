package io.greenlight.channel;

import io.greenlight.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import io.greenlight.engine.UserFacingException;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

/** Channels: everyone reads them (without credentials), managers add them and rotate their credentials. */
@RestController
@RequestMapping("/api/channels")
public class ChannelController {

    private final ChannelRepository channels;
    private final ContentRules rules;
    private final ChannelService service;
    private final OAuthConnections oauth;

    public ChannelController(ChannelRepository channels, ContentRules rules, ChannelService service, OAuthConnections oauth) {
        this.channels = channels;
        this.rules = rules;
        this.service = service;
        this.oauth = oauth;
    }

    /**
     * What a client sees of a channel: never the credentials or tokens, only whether there are some, since when, and
     * (OAuth 2.0 networks) when the access token expires and who connected the account.
     */
    public record ChannelView(String key, String name, String network, boolean enabled, ChannelLimits limits,
                              String baseUrl, String account, boolean hasCredentials, OffsetDateTime credentialsUpdatedAt,
                              boolean oauth, boolean connectable, OffsetDateTime tokenExpiresAt, boolean refreshable,
                              String connectedBy, OffsetDateTime connectedAt) {
    }

    /** One text (and link) measured for several channels, or one text per channel ({@code variants}). */
    public record CountRequest(String text, String link, List<String> channels, List<VariantText> variants) {
    }

    public record VariantText(String channel, String text, String link) {
    }

    public record CountResponse(List<ContentRules.ChannelCount> channels) {
    }

    public record CredentialsBody(String credentials) {
    }

    @GetMapping
    public List<ChannelView> list() {
        return channels.findAllByOrderByNameAsc().stream().map(this::view).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ChannelView create(@RequestBody ChannelService.ChannelCommand command) {
        return view(service.create(CurrentUser.get(), command));
    }

    /**
     * The composer's live count: for each channel the unit its network counts in, how much of the limit the text uses
     * as the network will receive it (link appended where the connector appends it) and the rules it breaks.
     */
    @PostMapping("/count")
    public CountResponse count(@RequestBody CountRequest request) {
        if (request == null) {
            throw UserFacingException.invalid("Send {\"text\", \"link\"?, \"channels\": [...]} or {\"variants\": [{\"channel\", \"text\", \"link\"?}]}.");
        }
        if (request.variants() != null && !request.variants().isEmpty()
                && (request.text() != null || request.link() != null || request.channels() != null)) {
            throw UserFacingException.invalid("Send either text, link and channels, or variants — not both.");
        }
        List<VariantText> variants = request.variants() != null && !request.variants().isEmpty() ? request.variants()
                : request.channels() == null ? List.of()
                : request.channels().stream().map(c -> new VariantText(c, request.text(), request.link())).toList();
        if (variants.isEmpty()) {
            throw UserFacingException.invalid("channels: name at least one channel (GET /api/channels lists them).");
        }
        if (variants.size() > 50) {
            throw UserFacingException.invalid("channels: at most 50 at a time.");
        }
        List<String> errors = new java.util.ArrayList<>();
        for (VariantText v : variants) {
            if (v == null || v.channel() == null || v.channel().isBlank()) {
                errors.add("channel: every entry needs a channel key.");
            } else if (v.channel().length() > 64) {
                errors.add("channel: there is no channel '" + v.channel().substring(0, 64) + "…'.");
            } else if ((v.text() != null && v.text().length() > 100_000) || (v.link() != null && v.link().length() > 2000)) {
                errors.add(v.channel() + ": the text (100,000) or link (2,000) is too long to count.");
            }
        }
        if (!errors.isEmpty()) {
            throw UserFacingException.invalid(errors.get(0), errors);
        }
        return new CountResponse(variants.stream().map(v -> rules.measure(v.channel(), v.text(), v.link())).toList());
    }

    /** Edits a channel (name, account, server) or switches it off and on ({@code enabled}). */
    @PatchMapping("/{key}")
    public ChannelView edit(@PathVariable String key, @RequestBody ChannelService.ChannelEdit edit) {
        return view(service.update(CurrentUser.get(), key, edit));
    }

    @PutMapping("/{key}/credentials")
    public ChannelView rotate(@PathVariable String key, @RequestBody CredentialsBody body) {
        return view(service.rotate(CurrentUser.get(), key, body == null ? null : body.credentials()));
    }

    private ChannelView view(Channel c) {
        return new ChannelView(c.getKey(), c.getName(), c.getNetwork(), c.isEnabled(), rules.limitsOf(c).orElse(null),
                c.getBaseUrl(), c.getAccount(), c.hasCredentials(), c.getCredentialsUpdatedAt(),
                oauth.usesOAuth(c.getNetwork()), oauth.canConnect(c), c.getTokenExpiresAt(), c.hasRefreshToken(),
                c.getConnectedBy(), c.getConnectedAt());
    }
}
