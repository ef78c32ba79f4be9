package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import io.greenlight.post.Post;
import io.greenlight.post.PostVariant;

/**
 * A connector to one network. Implementations must be idempotent for the same post and channel: the engine
 * runs a job at least once, so a retry after a crash must not publish twice.
 */
public interface Publisher {

    /** The network this connector serves, as in {@code network_rule.network}. */
    String network();

    PublishResult publish(Channel channel, Post post, PostVariant variant);
}
