package io.greenlight.post;

import io.greenlight.channel.ChannelLimits;
import io.greenlight.channel.ContentRules;
import io.greenlight.engine.SystemAccess;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** Builds {@link PostView}s: the post, its counts per channel and the stages it currently waits in. */
@Component
public class PostViews {

    private final ContentRules rules;
    private final TaskService tasks;
    private final SystemAccess system;

    public PostViews(ContentRules rules, TaskService tasks, SystemAccess system) {
        this.rules = rules;
        this.tasks = tasks;
        this.system = system;
    }

    public PostView of(Post post) {
        return of(post, true);
    }

    public PostView summary(Post post) {
        return of(post, false);
    }

    /**
     * A page of summaries in one read-only transaction: the channel and network rules each variant is counted
     * with are read once per page (the persistence context keeps them), not twice per post in a transaction each.
     */
    @Transactional(readOnly = true)
    public List<PostView> summaries(List<Post> posts) {
        return posts.stream().map(this::summary).toList();
    }

    private PostView of(Post post, boolean withStages) {
        List<PostView.VariantView> variants = post.getVariants().stream().map(v -> {
            Optional<ChannelLimits> limits = rules.limitsOf(v.getChannel());
            return new PostView.VariantView(v.getChannel(), v.getText(), v.getLink(), rules.count(v.getChannel(), v.getText()),
                    limits.map(ChannelLimits::maxLength).orElse(null), limits.map(ChannelLimits::unit).orElse(null),
                    v.getStatus().name(), v.getExternalId(), v.getExternalUrl(), v.getPublishedAt(), v.getLastError());
        }).toList();
        return new PostView(post.getId(), post.getTitle(), post.getAuthor(), post.getCampaign(), post.getScheduledAt(),
                post.getTimeZone(), post.getStatus(), post.getContentVersion(), post.getApprovedVersion(),
                post.getApprovedAt(), post.getProcessInstanceId(), variants,
                withStages ? stages(post) : List.of(), post.getCreatedAt(), post.getUpdatedAt(),
                post.getRegion(), post.isPaidPromotion(), post.isPriceHealthClaims(), post.isCrisis());
    }

    public List<PostView.StageView> stages(Post post) {
        if (post.getProcessInstanceId() == null) {
            return List.of();
        }
        return system.call(() -> tasks.createTaskQuery().processInstanceId(post.getProcessInstanceId())
                .orderByTaskCreateTime().asc().list().stream()
                .map(t -> new PostView.StageView(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
                        candidateGroups(t), t.getDueDate()))
                .toList());
    }

    private List<String> candidateGroups(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }
}
