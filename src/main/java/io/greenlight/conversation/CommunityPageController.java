package io.greenlight.conversation;

import io.greenlight.channel.ChannelRepository;
import io.greenlight.engine.UserFacingException;
import io.greenlight.security.CurrentUser;
import io.greenlight.web.PageController;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.function.Consumer;

/** The community inbox pages: the filtered list and one conversation with its composer, approval and notes. */
@PageController
@RequestMapping("/community")
class CommunityPageController {

    private final ConversationViews views;
    private final ConversationActions actions;
    private final CrisisSignal crisis;
    private final ChannelRepository channels;

    CommunityPageController(ConversationViews views, ConversationActions actions, CrisisSignal crisis,
                            ChannelRepository channels) {
        this.views = views;
        this.actions = actions;
        this.crisis = crisis;
        this.channels = channels;
    }

    @GetMapping
    @Transactional(readOnly = true)
    String list(@RequestParam(required = false) String channel, @RequestParam(required = false) String status,
                @RequestParam(required = false) String priority, @RequestParam(required = false) Boolean mine,
                @RequestParam(required = false) Boolean overdue, Model model) {
        InboxFilter filter = InboxFilter.of(channel, status, priority, mine, overdue);
        model.addAttribute("filter", filter);
        model.addAttribute("conversations", views.list(CurrentUser.get(), filter));
        model.addAttribute("channels", channels.findAllByOrderByNameAsc());
        model.addAttribute("now", io.greenlight.engine.EngineClock.now());
        model.addAttribute("crisis", crisis.current().orElse(null));
        return "community/list";
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    String thread(@PathVariable String id, Model model) {
        model.addAttribute("t", views.thread(CurrentUser.get(), id));
        return "community/thread";
    }

    @PostMapping("/{id}/claim")
    String claim(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, "It is yours: answer it below.", u -> actions.claim(u, id));
    }

    @PostMapping("/{id}/reply")
    String reply(@PathVariable String id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return act(id, redirect, "Reply saved: it goes out now, or after approval where needed.", u -> actions.reply(u, id, text));
    }

    @PostMapping("/{id}/no-reply")
    String noReply(@PathVariable String id, RedirectAttributes redirect) {
        return act(id, redirect, "Closed: no reply needed.", u -> actions.noReply(u, id));
    }

    @PostMapping("/{id}/decide")
    String decide(@PathVariable String id, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        return act(id, redirect, "approve".equals(decision) ? "Approved: the reply goes out now." : "Sent back with your comment.",
                u -> actions.decide(u, id, decision, comment));
    }

    @PostMapping("/{id}/notes")
    String note(@PathVariable String id, @RequestParam(required = false) String text, RedirectAttributes redirect) {
        return act(id, redirect, "Note added.", u -> actions.note(u, id, text));
    }

    private String act(String id, RedirectAttributes redirect, String done, Consumer<CurrentUser> action) {
        try {
            action.accept(CurrentUser.get());
            redirect.addFlashAttribute("flashSuccess", done);
        } catch (UserFacingException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("flashError", e.getMessage());
            redirect.addFlashAttribute("flashErrors", e.errors());
            if (!views.exists(id)) {
                return "redirect:/community";
            }
        }
        return "redirect:/community/" + id;
    }
}
