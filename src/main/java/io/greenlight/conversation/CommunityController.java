package io.greenlight.conversation;

import io.greenlight.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The community inbox for API clients and the page's polling (every 20 s). */
@RestController
@RequestMapping("/api/community")
class CommunityController {

    private final ConversationViews views;

    CommunityController(ConversationViews views) {
        this.views = views;
    }

    record Row(String id, String channel, String subject, String author, String priority, String status, String assignee,
               String receivedAt, String dueAt, boolean overdue, boolean escalated) {
    }

    @GetMapping("/summary")
    ConversationViews.Summary summary() {
        return views.summary(CurrentUser.get());
    }

    @GetMapping("/conversations")
    List<Row> conversations(@RequestParam(required = false) String channel, @RequestParam(required = false) String status,
                            @RequestParam(required = false) String priority, @RequestParam(required = false) Boolean mine,
                            @RequestParam(required = false) Boolean overdue) {
        var now = io.greenlight.engine.EngineClock.now();
        return views.list(CurrentUser.get(), InboxFilter.of(channel, status, priority, mine, overdue)).stream()
                .map(c -> new Row(c.getId(), c.getChannelKey(), c.getSubject(), c.getAuthorHandle(), c.getPriority(),
                        c.getStatus().name(), c.getAssignee(), String.valueOf(c.getReceivedAt()),
                        c.getDueAt() == null ? null : c.getDueAt().toString(), c.isOverdue(now), c.isEscalated()))
                .toList();
    }
}
