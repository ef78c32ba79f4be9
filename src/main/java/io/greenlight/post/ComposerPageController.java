package io.greenlight.post;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelLimits;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ContentRules;
import io.greenlight.channel.CountUnit;
import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The composer: write a new post or edit one, with live counts per channel and the library's media. */
@PageController
@RequestMapping("/posts")
public class ComposerPageController {

    private final PostService posts;
    private final ChannelRepository channels;
    private final ContentRules rules;
    // library files attached per channel (io.greenlight.asset)
    private final PostAttachments media;
    private final PostPageActions actions;

    public ComposerPageController(PostService posts, ChannelRepository channels, ContentRules rules, PostAttachments media,
                                  PostPageActions actions) {
        this.posts = posts;
        this.channels = channels;
        this.rules = rules;
        this.media = media;
        this.actions = actions;
    }

    /** A channel as the composer shows it, with the limits the live counter needs. */
    public record ChannelOption(String key, String name, String network, boolean enabled, String unit, Integer maxLength,
                                String unitLabel) {
    }

    @GetMapping("/new")
    @Transactional(readOnly = true)
    public String compose(@RequestParam(required = false) String scheduledAt, @RequestParam(required = false) String timeZone,
                          @RequestParam(required = false) String channel, Model model) {
        requireComposer();
        List<ChannelOption> options = options(List.of());
        PostForm form = PostForm.blank(options.stream().filter(ChannelOption::enabled).map(ChannelOption::key).toList());
        form.prefill(scheduledAt, timeZone, channel);
        return form(model, form, null, options);
    }

    @PostMapping
    public String create(@ModelAttribute("form") PostForm form, @RequestParam(required = false) String then,
                         Model model, HttpServletResponse response, RedirectAttributes redirect) {
        requireComposer();
        Post post;
        try {
            media.requireAttachable(null, form.media());
            post = posts.create(CurrentUser.get(), form.toCommand());
            media.attach(post.getId(), form.media());
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return invalid(e, form, null, model, response);
        }
        if ("submit".equals(then)) {
            return actions.submit(post.getId(), redirect);
        }
        redirect.addFlashAttribute("flashSuccess", "Draft saved. Submit it for review when it is ready.");
        return "redirect:/posts/" + post.getId();
    }

    @GetMapping("/{id}/edit")
    @Transactional(readOnly = true)
    public String edit(@PathVariable String id, Model model, RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        Post post = posts.get(id);
        post.requireMayChange(user, "edit");
        if (!PostStatus.EDITABLE.contains(post.getStatus())) {
            redirect.addFlashAttribute("flashError", "A post that is " + PostService.label(post.getStatus())
                    + " cannot be edited." + (PostStatus.WITHDRAWABLE.contains(post.getStatus()) ? " Withdraw it first." : ""));
            return "redirect:/posts/" + id;
        }
        List<ChannelOption> options = options(post.channels());
        PostForm form = PostForm.of(post, options.stream().filter(ChannelOption::enabled).map(ChannelOption::key).toList());
        form.media(media.attached(post.getId()));
        return form(model, form, post, options);
    }

    @PostMapping("/{id}")
    public String update(@PathVariable String id, @ModelAttribute("form") PostForm form,
                         @RequestParam(required = false) String then, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        Post existing = posts.get(id);
        PostStatus before = existing.getStatus();
        Post post;
        try {
            media.requireAttachable(id, form.media());
            post = posts.update(user, id, form.toCommand());
            media.attach(post.getId(), form.media());
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return invalid(e, form, existing, model, response);
        }
        if ("submit".equals(then) && post.getStatus() == PostStatus.DRAFT) {
            return actions.submit(id, redirect);
        }
        if ("submit".equals(then) && post.getStatus() == PostStatus.CHANGES_REQUESTED) {
            return actions.resubmit(id, redirect);
        }
        redirect.addFlashAttribute("flashSuccess", before == PostStatus.SCHEDULED
                ? "Saved. The post was approved for other content, so it went back to review."
                : "Saved.");
        return "redirect:/posts/" + id;
    }

    private String invalid(UserFacingException e, PostForm form, Post post, Model model, HttpServletResponse response) {
        List<String> errors = e.errors().isEmpty() ? List.of(e.getMessage()) : e.errors();
        List<ChannelOption> options = options(post == null ? List.of() : post.channels());
        form.offer(options.stream().filter(ChannelOption::enabled).map(ChannelOption::key).toList());
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("flashError", errors.size() == 1 ? "The post was not saved." : "The post was not saved: it has "
                + errors.size() + " problems.");
        model.addAttribute("flashErrors", errors);
        return form(model, form, post, options);
    }

    private String form(Model model, PostForm form, Post post, List<ChannelOption> options) {
        form.getVariants().removeIf(v -> v == null || v.getChannel() == null || v.getChannel().isBlank());
        Map<String, ChannelOption> byKey = new LinkedHashMap<>();
        options.forEach(o -> byKey.put(o.key(), o));
        List<String> unknown = new ArrayList<>();
        for (PostForm.VariantForm v : form.getVariants()) {
            if (v.getChannel() != null && !byKey.containsKey(v.getChannel())) {
                unknown.add(v.getChannel());
            }
        }
        unknown.forEach(k -> byKey.put(k, new ChannelOption(k, k, "?", false, CountUnit.GRAPHEMES.name(), null,
                CountUnit.GRAPHEMES.label())));
        model.addAttribute("form", form);
        model.addAttribute("post", post);
        model.addAttribute("channels", byKey);
        model.addAttribute("counts", counts(form));
        model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
        return "posts/form";
    }

    private List<Integer> counts(PostForm form) {
        return form.getVariants().stream()
                .map(v -> v.getChannel() == null ? 0 : rules.count(v.getChannel(), v.getText())).toList();
    }

    /** Enabled channels, plus those the post already uses even if switched off since. */
    private List<ChannelOption> options(List<String> used) {
        List<ChannelOption> options = new ArrayList<>();
        for (Channel c : channels.findAllByOrderByNameAsc()) {
            if (c.isEnabled() || used.contains(c.getKey())) {
                Optional<ChannelLimits> limits = rules.limitsOf(c);
                String unit = limits.map(ChannelLimits::unit).orElse(CountUnit.GRAPHEMES.name());
                options.add(new ChannelOption(c.getKey(), c.getName(), c.getNetwork(), c.isEnabled(), unit,
                        limits.map(ChannelLimits::maxLength).orElse(null), CountUnit.valueOf(unit).label()));
            }
        }
        return options;
    }

    private static void requireComposer() {
        if (!CurrentUser.get().canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' can write posts.");
        }
    }
}
