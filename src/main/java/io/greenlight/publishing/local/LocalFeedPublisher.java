package io.greenlight.publishing.local;

import io.greenlight.publishing.Publisher;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishResult;
import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;
import io.greenlight.engine.EngineClock;
import io.greenlight.web.PublicAddress;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The offline {@code LOCAL} network: publishes into Greenlight's own public feed ({@code /feed},
 * {@code GET /api/feed}). (post, channel) is unique, so a retried job finds its earlier entry instead of
 * posting twice.
 * <p>
 * The entry is written in its own transaction, like a real network's post: it is durable before
 * {@code publishPost} records the variant as published (in a transaction of its own). Written inside the job's
 * transaction, a job that then rolled back (node killed, optimistic-locking conflict) would leave the variant
 * PUBLISHED with no feed entry, and the retry would skip it (found by the two-node test).
 */
@Component
class LocalFeedPublisher implements Publisher {

    private final FeedEntryRepository feed;
    private final PublicAddress address;
    private TransactionTemplate ownTransaction;

    @org.springframework.beans.factory.annotation.Autowired
    void setTransactionManager(PlatformTransactionManager transactions) {
        ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public LocalFeedPublisher(FeedEntryRepository feed, PublicAddress address) {
        this.feed = feed;
        this.address = address;
    }

    @Override
    public String network() {
        return "LOCAL";
    }

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        Post post = request.post();
        PostVariant variant = request.variant();
        FeedEntry entry = ownTransaction.execute(tx -> feed.findByPostIdAndChannel(post.getId(), channel.getKey())
                .orElseGet(() -> feed.save(new FeedEntry(post.getId(), channel.getKey(), post.getTitle(),
                        variant.getText(), variant.getLink(), post.getAuthor(), EngineClock.now()))));
        return new PublishResult("feed-" + entry.getId(), address.link("/feed#entry-" + entry.getId()));
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    /** Removes the post from the public feed. */
    @Override
    public void delete(Channel channel, String credentials, String externalId) {
        if (externalId == null || !externalId.startsWith("feed-")) {
            return;
        }
        long id = Long.parseLong(externalId.substring("feed-".length()));
        ownTransaction.executeWithoutResult(tx -> feed.findById(id).ifPresent(feed::delete));
    }
}
