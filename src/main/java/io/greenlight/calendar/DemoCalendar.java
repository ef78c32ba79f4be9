package io.greenlight.calendar;

import io.greenlight.post.CampaignService;
import io.greenlight.post.Post;
import io.greenlight.post.PostCommand;
import io.greenlight.post.PostRepository;
import io.greenlight.post.PostService;
import io.greenlight.post.VariantContent;
import io.greenlight.engine.EngineClock;
import io.greenlight.engine.ProcessBindings;
import io.greenlight.reply.SavedReplies;
import io.greenlight.security.CurrentUser;
import io.greenlight.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo's calendar ({@code greenlight.demo-calendar=true}, set by the {@code demo} profile of
 * {@code ./mvnw spring-boot:run}): on a fresh database, a campaign, a template and next week's posts in every state
 * (draft, in review, approved) through the normal services, so the calendar is not empty on first sight.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "greenlight.demo-calendar", havingValue = "true")
public class DemoCalendar implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCalendar.class);

    private final PostService posts;
    private final PostRepository repository;
    private final CampaignService campaigns;
    private final SavedReplies replies;
    private final TaskService tasks;
    private final IdentityService identity;

    public DemoCalendar(PostService posts, PostRepository repository, CampaignService campaigns, SavedReplies replies,
                        TaskService tasks, IdentityService identity) {
        this.posts = posts;
        this.repository = repository;
        this.campaigns = campaigns;
        this.replies = replies;
        this.tasks = tasks;
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (repository.count() > 0) {
            return;
        }
        CurrentUser creator = new CurrentUser("creator", Set.of(Groups.CREATORS));
        CurrentUser creator2 = new CurrentUser("creator2", Set.of(Groups.CREATORS));
        LocalDate monday = EngineClock.now().toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        campaigns.save(creator, new CampaignService.Plan("Winter launch", "new", "500 newsletter sign-ups",
                monday, monday.plusWeeks(3), "creator"));
        replies.create(creator, new SavedReplies.Command("Product announcement",
                "New: {{title}}! Read all about it: {{link}}", Groups.CREATORS, "template"));
        post(creator, "Monday tip: three ways to use the new app", "Winter launch", at(monday, 9), false, false);
        post(creator, "Launch teaser", "Winter launch", at(monday.plusDays(1), 12), true, false);
        post(creator2, "Behind the scenes at the studio", null, at(monday.plusDays(2), 9), true, true);
        post(creator2, "Weekend reading list", null, null, false, false);
        LOG.warn("Demo calendar: four posts for the week of {} (greenlight.demo-calendar=true)", monday);
    }

    private static OffsetDateTime at(LocalDate day, int hour) {
        return day.atTime(LocalTime.of(hour, 0)).atOffset(ZoneOffset.UTC);
    }

    private void post(CurrentUser author, String title, String campaign, OffsetDateTime at, boolean submit, boolean approve) {
        Post post = posts.create(author, new PostCommand(title, campaign, at, "UTC",
                List.of(new VariantContent("local", title + " #winter", null))));
        if (submit) {
            posts.submit(author, post.getId());
        }
        if (approve) {
            Task review = tasks.createTaskQuery().processInstanceBusinessKey(post.getId()).initializeFormKeys().list().stream()
                    .filter(t -> t.getCamundaFormRef() != null && ProcessBindings.REVIEW_FORM.equals(t.getCamundaFormRef().getKey()))
                    .findFirst().orElse(null);
            if (review == null) {
                return;
            }
            identity.setAuthentication("reviewer", List.of(Groups.REVIEWERS));
            try {
                tasks.claim(review.getId(), "reviewer");
                tasks.complete(review.getId(), Map.of("decision", "approve"));
            } finally {
                identity.clearAuthentication();
            }
        }
    }
}
