package io.greenlight.publishing.local;

import org.springframework.data.domain.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

/** The public feed of the offline `local` channel, as JSON. */
@RestController
@RequestMapping("/api/feed")
class FeedController {

    private final FeedEntryRepository feed;

    public FeedController(FeedEntryRepository feed) {
        this.feed = feed;
    }

    public record FeedItem(long id, String postId, String channel, String title, String text, String link, String author,
                           OffsetDateTime publishedAt) {
    }

    @GetMapping
    public List<FeedItem> latest(@RequestParam(defaultValue = "50") int limit) {
        return feed.findAllByOrderByPublishedAtDesc(PageRequest.of(0, Math.min(Math.max(limit, 1), 200))).stream()
                .map(e -> new FeedItem(e.getId(), e.getPostId(), e.getChannel(), e.getTitle(), e.getText(), e.getLink(),
                        e.getAuthor(), e.getPublishedAt()))
                .toList();
    }
}
