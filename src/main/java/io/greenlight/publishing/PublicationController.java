package io.greenlight.publishing;

import io.greenlight.publishing.metrics.PostMetrics;
import io.greenlight.post.PostService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

/** Per post: what each network was sent (intent state, key, attempts) and the engagement read since. */
@RestController
@RequestMapping("/api/posts/{id}")
public class PublicationController {

    private final PostService posts;
    private final PublishIntentRepository intents;
    private final PostMetrics metrics;

    public PublicationController(PostService posts, PublishIntentRepository intents, PostMetrics metrics) {
        this.posts = posts;
        this.intents = intents;
        this.metrics = metrics;
    }

    public record PublicationView(String channel, int contentVersion, String state, int attempts, String externalId,
                                  String externalUrl, String lastError, OffsetDateTime updatedAt) {
    }

    public record MetricView(String channel, String reading, Integer likes, Integer reposts, Integer replies,
                             OffsetDateTime readAt) {
    }

    @GetMapping("/publications")
    public List<PublicationView> publications(@PathVariable String id) {
        posts.get(id);
        return intents.findByPostIdOrderByIdAsc(id).stream()
                .map(i -> new PublicationView(i.getChannel(), i.getContentVersion(), i.getState().name(), i.getAttempts(),
                        i.getExternalId(), i.getExternalUrl(), i.getLastError(), i.getUpdatedAt()))
                .toList();
    }

    @GetMapping("/metrics")
    public List<MetricView> metrics(@PathVariable String id) {
        posts.get(id);
        return metrics.forPost(id).stream()
                .map(m -> new MetricView(m.getChannel(), m.getReading(), m.getLikes(), m.getReposts(), m.getReplies(), m.getReadAt()))
                .toList();
    }
}
