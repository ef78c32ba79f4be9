package io.greenlight.post;

import io.greenlight.channel.ChannelDraftRights;
import io.greenlight.channel.ContentRules;
import io.greenlight.channel.Violation;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.engine.SystemAccess;
import io.greenlight.security.CurrentUser;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/** Everything an author or manager does to a post; the process does the rest. */
@Service
@Transactional
public class PostService {

    private final PostRepository posts;
    private final PostVersionRepository versions;
    private final ContentRules rules;
    private final RuntimeService runtime;
    private final SystemAccess system;
    private final PostCommandCheck commandCheck;
    private final CampaignRepository campaigns;
    // Further checks of a post (media per network, io.greenlight.asset)
    private List<PostCheck> checks = List.of();

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setChecks(List<PostCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    private final ChannelDraftRights draftRights;

    // the library files attached per channel (io.greenlight.asset): part of what a version records and hashes
    private org.springframework.beans.factory.ObjectProvider<PostAttachments> attachments;

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setAttachments(org.springframework.beans.factory.ObjectProvider<PostAttachments> attachments) {
        this.attachments = attachments;
    }

    private void requireMayDraft(CurrentUser user, PostCommand command) {
        if (command != null && command.variants() != null) {
            draftRights.requireMayDraft(user, command.variants().stream().filter(java.util.Objects::nonNull)
                    .map(VariantContent::channel).filter(java.util.Objects::nonNull).toList());
        }
    }

    public PostService(PostRepository posts, PostVersionRepository versions, ContentRules rules,
                       RuntimeService runtime, SystemAccess system,
                       PostCommandCheck commandCheck,
                       CampaignRepository campaigns, ChannelDraftRights draftRights) {
        this.campaigns = campaigns;
        this.draftRights = draftRights;
        this.posts = posts;
        this.versions = versions;
        this.rules = rules;
        this.runtime = runtime;
        this.system = system;
        this.commandCheck = commandCheck;
    }

    @Transactional(readOnly = true)
    public Post get(String id) {
        if (id == null || id.length() > 64) {
            throw UserFacingException.notFound("There is no post with id '" + id + "'.");
        }
        return posts.findById(id).orElseThrow(() -> UserFacingException.notFound("There is no post with id '" + id + "'."));
    }

    /** A page of posts, newest change first, with the total count of the filter (the API's list). */
    @Transactional(readOnly = true)
    public Page<Post> list(PostStatus status, String author, int page, int size) {
        PageRequest request = newestChangeFirst(page, size);
        if (status != null && author != null) {
            return posts.findByAuthorAndStatus(author, status, request);
        }
        if (status != null) {
            return posts.findByStatus(status, request);
        }
        if (author != null) {
            return posts.findByAuthor(author, request);
        }
        return posts.findAll(request);
    }

    /**
     * A page of posts, newest change first, and whether there are more: no count, so a view reads the page (and one
     * row more) through an index in the filter's order, however many posts the author has (My posts).
     */
    @Transactional(readOnly = true)
    public Slice<Post> slice(PostStatus status, String author, int page, int size) {
        PageRequest request = newestChangeFirst(page, size);
        if (status != null && author != null) {
            return posts.findSliceByAuthorAndStatus(author, status, request);
        }
        if (status != null) {
            return posts.findSliceByStatus(status, request);
        }
        if (author != null) {
            return posts.findSliceByAuthor(author, request);
        }
        return posts.findSliceOfAll(request);
    }

    /**
     * Newest change first; the id breaks ties (bulk imports share a time), so a post is on exactly one page. The page
     * number is capped so its offset fits the database's (an int): a page that far back is simply empty.
     */
    private static PageRequest newestChangeFirst(int page, int size) {
        int pageSize = Math.min(Math.max(size, 1), 100);
        return PageRequest.of(Math.min(Math.max(page, 0), Integer.MAX_VALUE / pageSize - 1), pageSize,
                Sort.by(Sort.Direction.DESC, "updatedAt").and(Sort.by(Sort.Direction.DESC, "id")));
    }

    public Post create(CurrentUser user, PostCommand command) {
        if (!user.canCompose()) {
            throw UserFacingException.forbidden("Only members of 'creators' or 'managers' can write posts.");
        }
        requireMayDraft(user, command);
        Post post = new Post(user.id(), EngineClock.now());
        apply(post, command);
        return posts.save(post);
    }

    public Post update(CurrentUser user, String id, PostCommand command) {
        Post post = get(id);
        post.requireMayChange(user, "edit");
        if (!PostStatus.EDITABLE.contains(post.getStatus())) {
            throw UserFacingException.conflict("A post that is " + label(post.getStatus())
                    + " cannot be edited." + (PostStatus.WITHDRAWABLE.contains(post.getStatus())
                    ? " Withdraw it first." : ""));
        }
        boolean wasScheduled = post.getStatus() == PostStatus.SCHEDULED;
        requireMayDraft(user, command);
        apply(post, command);
        if (wasScheduled) {
            // Editing an approved post sends it back to review: the approval was for other content.
            endInstance(post, "Edited after approval by " + user.id());
            startReview(post, user);
        }
        return post;
    }

    public Post submit(CurrentUser user, String id) {
        Post post = get(id);
        post.requireMayChange(user, "submit");
        if (post.getStatus() != PostStatus.DRAFT) {
            throw UserFacingException.conflict("Only a draft can be submitted; this post is " + label(post.getStatus()) + ".");
        }
        startReview(post, user);
        return post;
    }

    public Post withdraw(CurrentUser user, String id) {
        Post post = get(id);
        post.requireMayChange(user, "withdraw");
        if (!PostStatus.WITHDRAWABLE.contains(post.getStatus())) {
            throw UserFacingException.conflict("A post that is " + label(post.getStatus()) + " cannot be withdrawn.");
        }
        endInstance(post, "Withdrawn by " + user.id());
        post.withdrawn(EngineClock.now());
        return post;
    }

    /** Called when the author completes the revision task: a resubmit snapshots changed content. */
    public void resubmitted(String postId, String userId) {
        Post post = get(postId);
        snapshot(post, userId);
        post.moveTo(PostStatus.IN_REVIEW, EngineClock.now());
    }

    @Transactional(readOnly = true)
    public List<PostVersion> versions(String postId) {
        return versions.findByPostIdOrderByNumberAsc(postId);
    }

    /** Content rules for the current variants of a post, as the validatePost step applies them. */
    @Transactional(readOnly = true)
    public List<Violation> check(Post post) {
        List<Violation> found = new ArrayList<>();
        if (post.getVariants().isEmpty()) {
            found.add(new Violation("", "variants", 1, 0, "The post has no channel to publish to."));
        }
        post.getVariants().forEach(v -> found.addAll(rules.check(v.getChannel(), v.getText(), v.getLink())));
        checks.forEach(c -> found.addAll(c.check(post)));
        return found;
    }

    private void startReview(Post post, CurrentUser user) {
        snapshot(post, user.id());
        post.moveTo(PostStatus.IN_REVIEW, EngineClock.now());
        post.startingProcess();
        ProcessInstance instance = SubmitGuard.run(() -> system.call(() ->
                runtime.startProcessInstanceByKey(ProcessBindings.POST_PROCESS, post.getId(), PostVariables.of(post))));
        post.startedProcess(instance.getId());
    }

    private void endInstance(Post post, String reason) {
        String instanceId = post.getProcessInstanceId();
        if (instanceId == null) {
            return;
        }
        system.run(() -> {
            if (runtime.createProcessInstanceQuery().processInstanceId(instanceId).count() > 0) {
                runtime.deleteProcessInstance(instanceId, reason);
            }
        });
    }

    private void snapshot(Post post, String userId) {
        String content = post.renderContent() + mediaLines(post);
        String hash = contentHash(post);
        List<PostVersion> existing = versions.findByPostIdOrderByNumberAsc(post.getId());
        if (!existing.isEmpty() && existing.get(existing.size() - 1).getContentHash().equals(hash)) {
            return;
        }
        post.nextContentVersion();
        versions.save(new PostVersion(post.getId(), post.getContentVersion(), post.getTitle(), content, hash, userId,
                EngineClock.now()));
    }

    /**
     * The hash a version of the post is recorded with: its title, its text and its media. Equal to
     * {@link Post#contentHash()} for a post without media.
     */
    public String contentHash(Post post) {
        String media = mediaLines(post);
        return media.isEmpty() ? post.contentHash()
                : org.apache.commons.codec.digest.DigestUtils.sha256Hex(post.getTitle() + "\n" + post.renderContent() + media);
    }

    /**
     * The attached media ids per channel, appended to a version's content (and so to its hash and diff). Empty for a
     * post without media: its content and hash stay exactly what they were before media were recorded.
     */
    String mediaLines(Post post) {
        PostAttachments library = attachments == null ? null : attachments.getIfAvailable();
        java.util.Map<String, List<Long>> attached = library == null ? java.util.Map.of() : library.attached(post.getId());
        StringBuilder lines = new StringBuilder();
        for (String channel : post.channels()) {
            List<Long> ids = attached.getOrDefault(channel, List.of());
            if (!ids.isEmpty()) {
                lines.append("\n\nMedia [").append(channel).append("]: ")
                        .append(String.join(", ", ids.stream().map(id -> "asset " + id).toList()));
            }
        }
        return lines.toString();
    }

    private void apply(Post post, PostCommand c) {
        PostCommandCheck.Checked checked = commandCheck.check(c);
        String campaign = checked.campaign();
        String campaignType = checked.campaignType();
        post.edit(checked.title(), campaign, checked.scheduledAt(), checked.zone(), checked.variants(), EngineClock.now());
        post.routingFacts(c.region(), Boolean.TRUE.equals(c.paidPromotion()), Boolean.TRUE.equals(c.priceHealthClaims()),
                Boolean.TRUE.equals(c.crisis()));
        if (campaign != null) {
            Campaign known = campaigns.findById(campaign).orElse(null);
            if (known == null) {
                campaigns.save(new Campaign(campaign, campaignType == null ? Campaign.NEW : campaignType, EngineClock.now()));
            } else if (campaignType != null && !campaignType.equals(known.getType())) {
                known.setType(campaignType);
            }
        }
    }

    static String label(PostStatus status) {
        return status.name().toLowerCase().replace('_', ' ');
    }
}
