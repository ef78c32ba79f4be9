package io.greenlight.post;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelLimits;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ContentRules;
import io.greenlight.channel.CountUnit;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import io.greenlight.engine.UserFacingException;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The author's pages: my posts, compose and edit, and the post page with its actions, timeline and versions. */
@PageController
@RequestMapping("/posts")
public class PostPageController {

    static final int PAGE_SIZE = 20;

    private final PostService posts;
    private final PostViews views;
    private final PostTimeline timeline;
    private final ChannelRepository channels;
    private final ContentRules rules;
    private final RuntimeService runtime;
    private final SystemAccess system;
    // library files attached per channel (io.greenlight.asset)
    private final PostAttachments media;
    private final RevisionTasks revisions;

    public PostPageController(PostService posts, PostViews views, PostTimeline timeline,
                              ChannelRepository channels, ContentRules rules, RuntimeService runtime, SystemAccess system,
                              PostAttachments media, RevisionTasks revisions) {
        this.media = media;
        this.revisions = revisions;
        this.posts = posts;
        this.views = views;
        this.timeline = timeline;
        this.channels = channels;
        this.rules = rules;
        this.runtime = runtime;
        this.system = system;
    }

    /** A channel as the composer shows it, with the limits the live counter needs. */
    public record ChannelOption(String key, String name, String network, boolean enabled, String unit, Integer maxLength,
                                String unitLabel) {
    }

    @GetMapping
    public String list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "mine") String scope,
                       @RequestParam(defaultValue = "0") int page, Model model) {
        CurrentUser user = CurrentUser.get();
        PostStatus filter = Arrays.stream(PostStatus.values())
                .filter(s -> status != null && s.name().equalsIgnoreCase(status.strip())).findFirst().orElse(null);
        boolean all = "all".equals(scope);
        Page<Post> result = posts.list(filter, all ? null : user.id(), page, PAGE_SIZE);
        model.addAttribute("posts", views.summaries(result.getContent()));
        model.addAttribute("page", result);
        model.addAttribute("statuses", PostStatus.values());
        model.addAttribute("status", filter);
        model.addAttribute("scope", all ? "all" : "mine");
        return "posts/list";
    }

    @GetMapping("/new")
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
            requireValidMedia(null, form);
            post = posts.create(CurrentUser.get(), form.toCommand());
            media.attach(post.getId(), form.media());
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return invalid(e, form, null, model, response);
        }
        if ("submit".equals(then)) {
            return submitted(post.getId(), redirect);
        }
        redirect.addFlashAttribute("flashSuccess", "Draft saved. Submit it for review when it is ready.");
        return "redirect:/posts/" + post.getId();
    }

    @GetMapping("/{id}")
    public String show(@PathVariable String id, Model model) {
        CurrentUser user = CurrentUser.get();
        Post post = posts.get(id);
        PostView view = views.of(post);
        boolean mayAct = post.mayBeChangedBy(user);
        boolean running = post.getProcessInstanceId() != null && system.call(() ->
                runtime.createProcessInstanceQuery().processInstanceId(post.getProcessInstanceId()).count() > 0);
        model.addAttribute("post", view);
        model.addAttribute("channelNames", channelNames());
        model.addAttribute("canEdit", mayAct && PostStatus.EDITABLE.contains(post.getStatus()));
        model.addAttribute("canSubmit", mayAct && post.getStatus() == PostStatus.DRAFT);
        model.addAttribute("canWithdraw", mayAct && PostStatus.WITHDRAWABLE.contains(post.getStatus()));
        model.addAttribute("canResubmit", mayAct && post.getStatus() == PostStatus.CHANGES_REQUESTED
                && revisions.openRevision(user, post).isPresent());
        model.addAttribute("running", running);
        model.addAttribute("cockpitUrl", running
                ? "/camunda/app/cockpit/default/#/process-instance/" + post.getProcessInstanceId() + "/runtime" : null);
        model.addAttribute("timeline", timeline.of(post));
        model.addAttribute("versions", timeline.versions(post));
        return "posts/show";
    }

    @GetMapping("/{id}/edit")
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

    /** Issue 6: media problems (expired, too many, alt text for Bluesky …) refuse the save like text problems do. */
    private void requireValidMedia(String postId, PostForm form) {
        List<String> problems = media.problems(postId, form.media());
        if (!problems.isEmpty()) {
            throw UserFacingException.invalid(problems.size() == 1 ? problems.get(0)
                    : "The media have " + problems.size() + " problems.", problems);
        }
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
            requireValidMedia(id, form);
            post = posts.update(user, id, form.toCommand());
            media.attach(post.getId(), form.media());
        } catch (UserFacingException e) {
            if (e.status() != HttpStatus.BAD_REQUEST) {
                throw e;
            }
            return invalid(e, form, existing, model, response);
        }
        if ("submit".equals(then) && post.getStatus() == PostStatus.DRAFT) {
            return submitted(id, redirect);
        }
        if ("submit".equals(then) && post.getStatus() == PostStatus.CHANGES_REQUESTED) {
            return resubmit(id, redirect);
        }
        redirect.addFlashAttribute("flashSuccess", before == PostStatus.SCHEDULED
                ? "Saved. The post was approved for other content, so it went back to review."
                : "Saved.");
        return "redirect:/posts/" + id;
    }

    @PostMapping("/{id}/submit")
    public String submit(@PathVariable String id, RedirectAttributes redirect) {
        return submitted(id, redirect);
    }

    @PostMapping("/{id}/withdraw")
    public String withdraw(@PathVariable String id, RedirectAttributes redirect) {
        posts.withdraw(CurrentUser.get(), id);
        redirect.addFlashAttribute("flashSuccess", "Withdrawn. The post is a draft again; its approval process has ended.");
        return "redirect:/posts/" + id;
    }

    /** Completes the open revision task of the post: the author's answer to "changes requested". */
    @PostMapping("/{id}/resubmit")
    public String resubmit(@PathVariable String id, RedirectAttributes redirect) {
        CurrentUser user = CurrentUser.get();
        Post post = posts.get(id);
        post.requireMayChange(user, "resubmit");
        String taskId = revisions.openRevision(user, post).orElseThrow(() -> UserFacingException.conflict(
                "There is no open revision of this post that you can resubmit."));
        revisions.resubmit(user, taskId);
        redirect.addFlashAttribute("flashSuccess", "Resubmitted for review.");
        return "redirect:/posts/" + id;
    }

    private String submitted(String id, RedirectAttributes redirect) {
        posts.submit(CurrentUser.get(), id);
        redirect.addFlashAttribute("flashSuccess", "Submitted for review. Reviewers have been given a task.");
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

    private Map<String, String> channelNames() {
        Map<String, String> names = new LinkedHashMap<>();
        channels.findAllByOrderByNameAsc().forEach(c -> names.put(c.getKey(), c.getName()));
        return names;
    }

    private static void requireComposer() {
        if (!CurrentUser.get().canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' can write posts.");
        }
    }
}
