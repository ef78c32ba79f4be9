package io.greenlight.compose;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ContentRules;
import io.greenlight.channel.Violation;
import io.greenlight.post.PostAttachments;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the composer asks while an author types: each channel's count in its network's unit and limit as the server
 * counts them (the same rules that decide at submit), media problems, hashtag suggestions and link checks.
 */
@RestController
@RequestMapping("/api/compose")
@Tag(name = "Composer", description = "Live counts, media checks, hashtag suggestions and link checks while writing")
public class ComposeController {

    static final int MAX_TEXT = 70_000;
    /** As stored (post_variant.link is varchar(2000)). */
    static final int MAX_LINK = 2000;

    private final ContentRules rules;
    private final ChannelRepository channels;
    private final PostAttachments media;
    private final HashtagHistory hashtags;
    private final LinkCheck links;

    public ComposeController(ContentRules rules, ChannelRepository channels, PostAttachments media,
                             HashtagHistory hashtags, LinkCheck links) {
        this.rules = rules;
        this.channels = channels;
        this.media = media;
        this.hashtags = hashtags;
        this.links = links;
    }

    public record Draft(String postId, List<DraftVariant> variants) {
    }

    public record DraftVariant(String channel, String text, String link, List<Long> assetIds) {
    }

    public record ChannelCheck(String channel, String network, int count, Integer limit, String unit, String unitLabel,
                               boolean over, List<String> problems) {
    }

    public record LinkBody(String url) {
    }

    @PostMapping("/check")
    @Operation(summary = "Count and check each channel's draft text and media as the server does at submit")
    public List<ChannelCheck> check(@RequestBody Draft draft) {
        requireComposer();
        if (draft == null || draft.variants() == null) {
            throw UserFacingException.invalid("Send variants: [{channel, text, link, assetIds}].");
        }
        if (draft.variants().size() > 20) {
            throw UserFacingException.invalid("variants: at most 20 channels.");
        }
        if (draft.postId() != null && draft.postId().length() > 36) {
            throw UserFacingException.invalid("postId: there is no post '" + draft.postId().substring(0, 36) + "…'.");
        }
        List<ChannelCheck> out = new ArrayList<>();
        for (DraftVariant v : draft.variants()) {
            if (v == null || v.channel() == null || v.channel().isBlank()) {
                throw UserFacingException.invalid("variants: every variant needs a channel.");
            }
            if (v.channel().length() > 64) {
                throw UserFacingException.invalid("variants: there is no channel '" + v.channel().substring(0, 64) + "…'.");
            }
            if (v.link() != null && v.link().length() > MAX_LINK) {
                throw UserFacingException.invalid("variants: the link for '" + v.channel() + "' is longer than 2,000 characters; shorten it.");
            }
            String text = v.text() == null ? "" : v.text();
            if (text.length() > MAX_TEXT) {
                throw UserFacingException.invalid("variants: the text for '" + v.channel() + "' is far too long.");
            }
            Optional<Channel> channel = channels.findById(v.channel());
            // the channel's own counting, as the network receives the text (the same as POST /api/channels/count)
            ContentRules.ChannelCount measured = rules.measure(v.channel(), text, v.link());
            List<String> problems = new ArrayList<>(measured.violations().stream()
                    .filter(x -> !"text".equals(x.rule())).map(Violation::message).toList());
            Map<String, List<Long>> wanted = new LinkedHashMap<>();
            wanted.put(v.channel(), v.assetIds() == null ? List.of() : v.assetIds());
            if (channel.isPresent()) {
                problems.addAll(media.problems(draft.postId(), wanted));
            }
            Integer limit = measured.limit();
            boolean overBytes = measured.bytes() != null && measured.maxBytes() != null && measured.bytes() > measured.maxBytes();
            out.add(new ChannelCheck(v.channel(), measured.network(), measured.used(), limit, measured.unit(),
                    measured.unitLabel(), (limit != null && measured.used() > limit) || overBytes, problems));
        }
        return out;
    }

    @GetMapping("/hashtags")
    @Operation(summary = "Hashtags from our approved and published posts, most used first")
    public List<HashtagHistory.Hashtag> hashtags(@RequestParam(required = false) String q,
                                                 @RequestParam(required = false) String channel,
                                                 @RequestParam(defaultValue = "8") int limit) {
        if (q != null && q.length() > 60) {
            throw UserFacingException.invalid("q: at most 60 characters.");
        }
        return hashtags.suggest(q, channel, limit);
    }

    @PostMapping("/link-check")
    @Operation(summary = "Check a link: syntax always, a HEAD request when the server allows it (broken links warn)")
    public LinkCheck.Result linkCheck(@RequestBody LinkBody body) {
        requireComposer(); // the server makes the request: only for people who write posts
        if (body == null || body.url() == null) {
            throw UserFacingException.invalid("Send {\"url\": \"https://…\"}.");
        }
        if (body.url().length() > MAX_LINK) {
            throw UserFacingException.invalid("url: at most 2,000 characters.");
        }
        return links.check(body.url());
    }

    private static void requireComposer() {
        if (!CurrentUser.get().canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' write posts.");
        }
    }
}
