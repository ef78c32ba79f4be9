package io.greenlight.publishing.recall;

import io.greenlight.publishing.PublishingAuditRepository;
import io.greenlight.publishing.PublishingAudit;
import io.greenlight.publishing.Publisher;
import io.greenlight.publishing.PostWithdrawn;
import org.springframework.context.ApplicationEventPublisher;
import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.ChannelService;
import io.greenlight.post.Post;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostVariant;
import io.greenlight.post.VariantStatus;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ${postRecalls}}: "withdraw this post" after it was published (recall). The author or a manager asks, with a
 * reason; every published variant gets a {@link VariantRecall} and the {@value #PROCESS} process deletes it from each
 * network whose API allows it, and opens {@code remove-manually} for {@code managers} for the others. Audited in
 * {@code publishing_audit} (RECALL when asked, RECALLED when done).
 */
@Service("postRecalls")
public class PostRecalls {

    public static final String PROCESS = "post-recall";
    public static final String MANUAL_ERROR = "RECALL_MANUAL";
    public static final String CHANNELS = "recallChannels";

    private final PostRepository posts;
    private final VariantRecallRepository recalls;
    private final ChannelRepository channels;
    private final ChannelService channelService;
    private final Map<String, Publisher> publishers;
    private final PublishingAuditRepository audit;
    private final ApplicationEventPublisher events;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final TransactionTemplate ownTransaction;

    public PostRecalls(PostRepository posts, VariantRecallRepository recalls, ChannelRepository channels,
                       ChannelService channelService, List<Publisher> publishers, PublishingAuditRepository audit,
                       ApplicationEventPublisher events, RuntimeService runtime, SystemAccess system,
                       PlatformTransactionManager transactions) {
        this.posts = posts;
        this.recalls = recalls;
        this.channels = channels;
        this.channelService = channelService;
        this.publishers = publishers.stream().collect(Collectors.toMap(Publisher::network, Function.identity()));
        this.audit = audit;
        this.events = events;
        this.runtime = runtime;
        this.system = system;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Starts withdrawing every published variant of the post that is not withdrawn yet. */
    @Transactional
    public List<VariantRecall> request(CurrentUser user, String postId, String reason) {
        Post post = posts.findById(postId).orElseThrow(() -> UserFacingException.notFound("There is no post '" + postId + "'."));
        if (!post.mayBeChangedBy(user)) {
            throw UserFacingException.forbidden("Only the author or a manager can withdraw a published post.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw UserFacingException.invalid("reason: say why the post is withdrawn (1-1,000 characters); it is kept in the audit log.");
        }
        List<String> targets = post.getVariants().stream()
                .filter(v -> v.getStatus() == VariantStatus.PUBLISHED)
                .map(PostVariant::getChannel)
                .filter(c -> recalls.findByPostIdAndChannel(postId, c).isEmpty())
                .toList();
        if (targets.isEmpty()) {
            throw UserFacingException.conflict(recalls.findByPostIdOrderByChannelAsc(postId).isEmpty()
                    ? "Nothing of this post is published, so there is nothing to withdraw."
                    : "This post is already being withdrawn.");
        }
        OffsetDateTime now = EngineClock.now();
        targets.forEach(c -> recalls.save(new VariantRecall(postId, c, why, user.id(), now)));
        system.run(() -> runtime.startProcessInstanceByKey(PROCESS, postId, Variables.createVariables()
                .putValue("postId", postId).putValue("title", post.getTitle())
                .putValue(CHANNELS, new ArrayList<>(targets)).putValue("recallReason", why)
                .putValue("recallRequestedBy", user.id())));
        audit.save(new PublishingAudit("RECALL", user.id(), "\"" + post.getTitle() + "\" (" + postId + ") from "
                + String.join(", ", targets) + ": " + why, targets.size(), now));
        return recalls.findByPostIdOrderByChannelAsc(postId);
    }

    @Transactional(readOnly = true)
    public List<VariantRecall> forPost(String postId) {
        return recalls.findByPostIdOrderByChannelAsc(postId);
    }

    /**
     * The {@code recallVariant} step: deletes the variant through the network's API.
     *
     * @return false when the network cannot delete by API (a person must remove it)
     */
    public boolean deleteFromNetwork(String postId, String channelKey) {
        VariantRecall recall = recalls.findByPostIdAndChannel(postId, channelKey).orElse(null);
        if (recall == null || recall.isDone()) {
            return true;
        }
        Post post = posts.findById(postId).orElseThrow();
        PostVariant variant = post.variant(channelKey).orElse(null);
        Channel channel = channels.findById(channelKey).orElse(null);
        Publisher publisher = channel == null ? null : publishers.get(channel.getNetwork());
        if (variant == null || channel == null || publisher == null || !publisher.canDelete() || variant.getExternalId() == null) {
            recall.moveTo(VariantRecall.State.MANUAL, null, EngineClock.now());
            return false;
        }
        try {
            publisher.delete(channel, channelService.credentialsOf(channel), variant.getExternalId());
        } catch (RuntimeException e) {
            Long id = recall.getId();
            ownTransaction.executeWithoutResult(tx -> recalls.findById(id).ifPresent(r -> r.error(e.getMessage())));
            throw e;
        }
        recall.moveTo(VariantRecall.State.DELETED, "greenlight", EngineClock.now());
        return true;
    }

    /** The {@code confirmManualRecall} step: a manager removed it by hand. */
    public void removedManually(String postId, String channelKey, String by) {
        recalls.findByPostIdAndChannel(postId, channelKey)
                .ifPresent(r -> r.moveTo(VariantRecall.State.REMOVED_MANUALLY, by, EngineClock.now()));
    }

    /** The {@code finishRecall} step: audit and tell the author and {@code managers}. */
    public void finished(String postId, String requestedBy) {
        Post post = posts.findById(postId).orElse(null);
        List<VariantRecall> done = recalls.findByPostIdOrderByChannelAsc(postId);
        String title = post == null ? postId : post.getTitle();
        audit.save(new PublishingAudit("RECALLED", requestedBy == null ? "greenlight" : requestedBy,
                "\"" + title + "\" (" + postId + ") withdrawn: " + done.stream()
                        .map(r -> r.getChannel() + " " + r.getState().name().toLowerCase().replace('_', ' ')
                                + (r.getDoneBy() == null ? "" : " by " + r.getDoneBy()))
                        .collect(Collectors.joining(", ")), done.size(), EngineClock.now()));
        events.publishEvent(new PostWithdrawn(postId, title, post == null ? null : post.getAuthor(), done.size()));
    }
}
