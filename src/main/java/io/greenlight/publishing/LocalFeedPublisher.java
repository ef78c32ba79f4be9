package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;
import io.greenlight.process.EngineClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The offline {@code LOCAL} network: publishes into Greenlight's own public feed ({@code /feed},
 * {@code GET /api/feed}). (post, channel) is unique, so a retried job finds its earlier entry instead of
 * posting twice.
 */
@Component
public class LocalFeedPublisher implements Publisher {

    private final FeedEntryRepository feed;
    private final String baseUrl;

    public LocalFeedPublisher(FeedEntryRepository feed, @Value("${greenlight.base-url}") String baseUrl) {
        this.feed = feed;
        this.baseUrl = baseUrl;
    }

    @Override
    public String network() {
        return "LOCAL";
    }

    @Override
    public PublishResult publish(Channel channel, Post post, PostVariant variant) {
        FeedEntry entry = feed.findByPostIdAndChannel(post.getId(), channel.getKey())
                .orElseGet(() -> feed.save(new FeedEntry(post.getId(), channel.getKey(), post.getTitle(),
                        variant.getText(), variant.getLink(), post.getAuthor(), EngineClock.now())));
        return new PublishResult("feed-" + entry.getId(), baseUrl + "/feed#entry-" + entry.getId());
    }
}
