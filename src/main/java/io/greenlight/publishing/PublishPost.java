package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.post.PostStatus;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import io.greenlight.process.EngineClock;
import io.greenlight.process.ProcessBindings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ${publishPost}}: publishes the post's variant for the channel in variable {@code channel}
 * (draw it as a multi-instance over {@code ${channels}}, async, so each channel is its own job).
 * A variant already published is skipped, so a retried job never posts twice. On the job's last failed
 * attempt the variant and the post are marked FAILED; the engine then raises an incident for Cockpit.
 */
@Component("publishPost")
public class PublishPost implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(PublishPost.class);

    private final PostProgress progress;
    private final ChannelRepository channels;
    private final Map<String, Publisher> publishers;
    private final PublishFailures failures;

    public PublishPost(PostProgress progress, ChannelRepository channels, List<Publisher> publishers,
                       PublishFailures failures) {
        this.progress = progress;
        this.channels = channels;
        this.publishers = publishers.stream().collect(Collectors.toMap(Publisher::network, Function.identity()));
        this.failures = failures;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String postId = execution.getProcessBusinessKey();
        String channelKey = String.valueOf(execution.getVariable(ProcessBindings.CHANNEL));
        Post post = progress.require(postId);
        PostVariant variant = post.variant(channelKey).orElseThrow(() -> new IllegalStateException(
                "Post " + postId + " has no text for channel '" + channelKey + "'"));
        if (variant.getStatus() == VariantStatus.PUBLISHED) {
            LOG.info("Post {} is already published on {}; nothing to do", postId, channelKey);
            finish(post);
            return;
        }
        // The post row is only written after the network answered: a failure is recorded in its own
        // transaction (PublishFailures), which must not wait for a lock held by this one.
        try {
            Channel channel = channels.findById(channelKey).orElseThrow(() -> new IllegalStateException(
                    "Channel '" + channelKey + "' no longer exists"));
            Publisher publisher = publishers.get(channel.getNetwork());
            if (publisher == null) {
                throw new IllegalStateException("No connector for network " + channel.getNetwork());
            }
            PublishResult result = publisher.publish(channel, post, variant);
            variant.markPublished(result.externalId(), result.url(), EngineClock.now());
            finish(post);
        } catch (RuntimeException e) {
            boolean lastAttempt = isLastAttempt(execution);
            LOG.warn("Publishing post {} to {} failed{}: {}", postId, channelKey,
                    lastAttempt ? " for the last time" : ", will retry", e.getMessage());
            failures.record(postId, channelKey, e.getMessage(), lastAttempt);
            throw e;
        }
    }

    /** PUBLISHED when every channel is out; a channel that failed its last retry keeps the post FAILED. */
    private static void finish(Post post) {
        PostStatus status = post.allVariantsPublished() ? PostStatus.PUBLISHED
                : post.getVariants().stream().anyMatch(v -> v.getStatus() == VariantStatus.FAILED) ? PostStatus.FAILED
                : PostStatus.PUBLISHING;
        post.moveTo(status, EngineClock.now());
    }

    /** The job's retries are decremented after this failure; at 1 left the engine creates an incident. */
    private static boolean isLastAttempt(DelegateExecution execution) {
        Job job = execution.getProcessEngineServices().getManagementService().createJobQuery()
                .executionId(execution.getId()).singleResult();
        return job == null || job.getRetries() <= 1;
    }
}
