package io.greenlight.post;

import io.greenlight.channel.ChannelRepository;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The post page: the post with its actions (submit, withdraw, resubmit), timeline and versions. */
@PageController
@RequestMapping("/posts")
public class PostPageController {

    private final PostService posts;
    private final PostViews views;
    private final PostTimeline timeline;
    private final ChannelRepository channels;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final RevisionTasks revisions;
    private final PostPageActions actions;

    public PostPageController(PostService posts, PostViews views, PostTimeline timeline, ChannelRepository channels,
                              RuntimeService runtime, SystemAccess system, RevisionTasks revisions, PostPageActions actions) {
        this.posts = posts;
        this.views = views;
        this.timeline = timeline;
        this.channels = channels;
        this.runtime = runtime;
        this.system = system;
        this.revisions = revisions;
        this.actions = actions;
    }

    /** One read-only transaction for the whole page: its queries see one snapshot and cost one commit, not one each. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
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

    @PostMapping("/{id}/submit")
    public String submit(@PathVariable String id, RedirectAttributes redirect) {
        return actions.submit(id, redirect);
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
        return actions.resubmit(id, redirect);
    }

    private Map<String, String> channelNames() {
        Map<String, String> names = new LinkedHashMap<>();
        channels.findAllByOrderByNameAsc().forEach(c -> names.put(c.getKey(), c.getName()));
        return names;
    }
}
