package io.greenlight.publishing;

import io.greenlight.publishing.bluesky.Tid;
import io.greenlight.publishing.pause.PublishingPause;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ChannelService;
import io.greenlight.post.Post;
import io.greenlight.post.PostProgress;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.ProcessBindings;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ${publishPost}}: publishes the post's variant for the channel in variable {@code channel}
 * (draw it as a multi-instance over {@code ${channels}}, async, so each channel is its own job). Exactly once:
 * <ol>
 *   <li>the crisis pause is honoured first: while it is on, the BPMN error {@value #PAUSED_ERROR} is thrown;</li>
 *   <li>a variant already published is skipped;</li>
 *   <li>an intent (idempotency key per post, channel and content version) is committed <i>before</i> the call;</li>
 *   <li>the result is stored with the variant (and the post's status) in one transaction of its own, so no rollback
 *       of the job at the multi-instance join can lose it;</li>
 *   <li>when an earlier attempt may have gone out and the network cannot tell (no idempotency; Mastodon after its
 *       key expired), the network is not called again: the BPMN error {@value #UNKNOWN_ERROR} asks a manager.</li>
 * </ol>
 * Failures: {@code RETRY} retries with the diagram's back-off (not before a Retry-After); {@code REJECTED} stops at once
 * with an incident ({@link PublishRetryPlugin}); on the last attempt the variant and the post are FAILED.
 */
@Component("publishPost")
public class PublishPost implements JavaDelegate {

    public static final String PAUSED_ERROR = "PUBLISHING_PAUSED";
    public static final String UNKNOWN_ERROR = "PUBLICATION_UNKNOWN";
    public static final String UNCERTAIN_CHANNEL = "uncertainChannel";
    public static final String UNCERTAIN_REASON = "uncertainReason";
    public static final String UNCERTAIN_VERSION = "uncertainVersion";
    /** How long Mastodon keeps an Idempotency-Key. */
    static final Duration MASTODON_KEY_WINDOW = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(PublishPost.class);

    private final PostProgress progress;
    private final ChannelRepository channels;
    private final ChannelService channelService;
    private final Map<String, Publisher> publishers;
    private final PublishFailures failures;
    private final PublishLedger ledger;
    private final PublishingPause pause;
    /** Rewrites links to counted short links ({@code io.greenlight.insights.LinkShortener}). */
    private io.greenlight.insights.LinkShortener links;

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setLinkShortener(io.greenlight.insights.LinkShortener links) {
        this.links = links;
    }
    private final VariantMedia media;
    private final PublishingRateLimits rateLimits;

    public PublishPost(PostProgress progress, ChannelRepository channels, ChannelService channelService,
                       List<Publisher> publishers, PublishFailures failures, PublishLedger ledger,
                       PublishingPause pause, List<VariantMedia> media,
                       PublishingRateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.progress = progress;
        this.channels = channels;
        this.channelService = channelService;
        this.publishers = publishers.stream().collect(Collectors.toMap(Publisher::network, Function.identity()));
        this.failures = failures;
        this.ledger = ledger;
        this.pause = pause;
        // the asset library's bean when there is one, else no attachments
        this.media = media.stream().filter(m -> !(m instanceof NoVariantMedia)).findFirst().orElse(new NoVariantMedia());
    }

    @Override
    public void execute(DelegateExecution execution) {
        String postId = execution.getProcessBusinessKey();
        String channelKey = String.valueOf(execution.getVariable(ProcessBindings.CHANNEL));
        if (pause.isActive()) {
            LOG.info("Publishing is paused: post {} waits for channel {}", postId, channelKey);
            throw new BpmnError(PAUSED_ERROR, "Publishing is paused");
        }
        Post post = progress.require(postId);
        PostVariant variant = post.variant(channelKey).orElseThrow(() -> new IllegalStateException(
                "Post " + postId + " has no text for channel '" + channelKey + "'"));
        if (variant.getStatus() == VariantStatus.PUBLISHED) {
            LOG.info("Post {} is already published on {}; nothing to do", postId, channelKey);
            ledger.settle(postId);
            return;
        }
        Channel channel = channels.findById(channelKey).orElseThrow(() -> new IllegalStateException(
                "Channel '" + channelKey + "' no longer exists"));
        Publisher publisher = publishers.get(channel.getNetwork());
        if (publisher == null) {
            throw new IllegalStateException("No connector for network " + channel.getNetwork());
        }
        if (!channel.isEnabled()) {
            String message = "Channel '" + channelKey + "' (" + channel.getNetwork() + ") is switched off: switch it on "
                    + "on the channels page, then retry, or remove it from the post";
            failures.record(postId, channelKey, message, true);
            throw PublishException.rejected(message);
        }
        int version = post.getApprovedVersion() != null ? post.getApprovedVersion() : post.getContentVersion();
        Optional<OffsetDateTime> slot = rateLimits.nextSlot(channel, PublishLedger.idempotencyKey(postId, channelKey, version));
        if (slot.isPresent()) {
            String message = "Waiting for the next " + channel.getNetwork() + " slot of " + channel.getName()
                    + " (the network's publishing limit is used up): goes out at " + slot.get();
            failures.record(postId, channelKey, message, false);
            LOG.info("Post {} on {}: {}", postId, channelKey, message);
            throw PublishException.waitForSlot(message, Duration.between(EngineClock.now(), slot.get()));
        }
        PublishLedger.Attempt attempt = ledger.begin(postId, channelKey, version, true);
        boolean unresolved = attempt.earlierAttemptUnresolved();
        if (unresolved && mustAskFirst(publisher, attempt)) {
            String reason = "An earlier attempt to publish to " + channel.getName() + " (" + channel.getNetwork()
                    + ") may have gone out, and the network cannot tell us. Check the account and confirm with the URL, or retry.";
            askManager(execution, attempt, channelKey, version, reason);
        }
        PublishResult result;
        try {
            // Links go out as Greenlight short links (/r/{code}) unless the post opted out
            PostVariant sent = links == null ? variant : links.forPublishing(postId, variant);
            // what the connector saves between attempts (media containers) lives on the intent
            PublishProgress progress = PublishProgress.of(attempt.networkState(), state -> ledger.remember(attempt.key(), state));
            result = publisher.publish(new PublishRequest(channel, channelService.credentialsOf(channel), post, sent,
                    attempt.key(), Tid.of(attempt.firstAttemptAt().toInstant(), attempt.key()), unresolved,
                    attempt.firstAttemptAt(), media.forVariant(postId, channelKey), progress));
        } catch (RuntimeException e) {
            PublishException failure = PublishException.in(e);
            PublishException.Kind kind = failure == null ? PublishException.Kind.RETRY : failure.kind();
            if (kind == PublishException.Kind.UNKNOWN) {
                if (publisher.idempotency() == Publisher.Idempotency.NONE) {
                    askManager(execution, attempt, channelKey, version, e.getMessage());
                }
                // idempotent network: the intent stays SENDING, the retry reuses the key / looks the post up
            } else {
                ledger.outcome(attempt.key(), PublishIntent.State.NOT_SENT, e.getMessage());
            }
            // waiting for a slot of the network's publishing limit spends no retry, so it is never the last attempt
            boolean lastAttempt = kind == PublishException.Kind.REJECTED
                    || (!(failure != null && failure.waitsForSlot()) && isLastAttempt(execution));
            LOG.warn("Publishing post {} to {} failed{}: {}", postId, channelKey,
                    lastAttempt ? " for the last time" : ", will retry", e.getMessage());
            failures.record(postId, channelKey, e.getMessage(), lastAttempt);
            throw e;
        }
        ledger.published(attempt.key(), postId, channelKey, result);
    }

    private static boolean mustAskFirst(Publisher publisher, PublishLedger.Attempt attempt) {
        return switch (publisher.idempotency()) {
            case NONE -> true;
            case KEY_FOR_AN_HOUR -> attempt.firstAttemptAt().plus(MASTODON_KEY_WINDOW).isBefore(EngineClock.now());
            case LOOKUP -> false;
        };
    }

    private void askManager(DelegateExecution execution, PublishLedger.Attempt attempt, String channelKey, int version,
                            String reason) {
        ledger.outcome(attempt.key(), PublishIntent.State.UNKNOWN, reason);
        failures.waitingForCheck(execution.getProcessBusinessKey(), channelKey, reason);
        execution.getProcessInstance().setVariable(UNCERTAIN_CHANNEL, channelKey);
        execution.getProcessInstance().setVariable(UNCERTAIN_VERSION, version);
        execution.getProcessInstance().setVariable(UNCERTAIN_REASON, reason);
        LOG.warn("Post {} on {}: outcome unknown, a manager checks: {}", execution.getProcessBusinessKey(), channelKey, reason);
        throw new BpmnError(UNKNOWN_ERROR, reason);
    }

    /** The job's retries are decremented after this failure; at 1 left the engine creates an incident. */
    private static boolean isLastAttempt(DelegateExecution execution) {
        Job job = execution.getProcessEngineServices().getManagementService().createJobQuery()
                .executionId(execution.getId()).singleResult();
        return job == null || job.getRetries() <= 1;
    }
}
