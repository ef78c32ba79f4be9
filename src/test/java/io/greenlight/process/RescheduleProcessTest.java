package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostRescheduling;
import io.greenlight.post.PostStatus;
import io.greenlight.engine.UserFacingException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * Moving a post in the calendar. The rule lives in the diagram (message PostRescheduled on the wait, gateway
 * "Moved by a manager?"): a manager's move keeps the approval and waits for the new time, anyone else's goes back to
 * review. Before approval a move only changes the time.
 */
class RescheduleProcessTest extends ProcessTestSupport {

    static final String RESCHEDULED = "Event_Rescheduled";
    static final String WHO_MOVED = "Gateway_RescheduledByManager";

    @Autowired
    PostRescheduling rescheduling;

    ProcessInstance approved(Post post) {
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        org.assertj.core.api.Assertions.assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
        return instance;
    }

    @Test
    void aManagerMovesAnApprovedPostAndItWaitsForTheNewTime() {
        Post post = createPost(CREATOR, "Manager moves", nowUtc().plusDays(2));
        ProcessInstance instance = approved(post);
        OffsetDateTime later = nowUtc().plusDays(5);

        PostRescheduling.Moved moved = rescheduling.move(MANAGER, post.getId(), later);

        org.assertj.core.api.Assertions.assertThat(moved.stillApproved()).isTrue();
        assertThat(instance).hasPassed(RESCHEDULED, WHO_MOVED).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER)
                .variables().containsEntry("rescheduledBy", "manager").containsEntry("rescheduledByManager", true)
                .containsEntry("scheduledAtText", later.atZoneSameInstant(java.time.ZoneId.of(post.getTimeZone()))
                        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
                        + " (" + post.getTimeZone() + ")")
                // still what an approved post keeps: the move does not bring the review's content back
                .doesNotContainKey("content");
        Post after = reload(post);
        org.assertj.core.api.Assertions.assertThat(after.getStatus()).isEqualTo(PostStatus.SCHEDULED);
        org.assertj.core.api.Assertions.assertThat(after.getScheduledAt().toInstant()).isEqualTo(later.toInstant());
        Job timer = job(instance, PUBLISH_TIMER);
        assertThat(timer).hasDueDate(Date.from(later.toInstant()));
        org.assertj.core.api.Assertions.assertThat(historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId(REVIEW).count()).as("reviewed once, not again").isEqualTo(1);

        clockAt(plus(now, Duration.ofDays(5)));
        managementService.executeJob(timer.getId());
        jobs(instance, PUBLISH_TASK).forEach(j -> managementService.executeJob(j.getId()));
        assertThat(instance).isEnded();
        org.assertj.core.api.Assertions.assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
    }

    @Test
    void theAuthorMovesAnApprovedPostAndItGoesBackToReview() {
        Post post = createPost(CREATOR, "Author moves", nowUtc().plusDays(2));
        ProcessInstance instance = approved(post);
        OffsetDateTime later = nowUtc().plusDays(3);

        PostRescheduling.Moved moved = rescheduling.move(CREATOR, post.getId(), later);

        org.assertj.core.api.Assertions.assertThat(moved.stillApproved()).isFalse();
        org.assertj.core.api.Assertions.assertThat(moved.message()).contains("went back to review");
        assertThat(instance).hasPassed(RESCHEDULED, WHO_MOVED).isWaitingAtExactly(REVIEW_SCOPE, REVIEW)
                .variables().containsEntry("rescheduledBy", "creator").containsEntry("rescheduledByManager", false)
                .as("back in review, validation described the post again")
                .containsKeys("content", "valid", "campaignType", "region", "regions", "authorGroups");
        org.assertj.core.api.Assertions.assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
        org.assertj.core.api.Assertions.assertThat(job(instance, PUBLISH_TIMER)).as("the old timer is gone").isNull();

        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);

        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(job(instance, PUBLISH_TIMER)).hasDueDate(Date.from(later.toInstant()));
    }

    @Test
    void movingAPostBeforeApprovalOnlyChangesItsTime() {
        Post post = createPost(CREATOR, "Move in review", nowUtc().plusDays(2));
        ProcessInstance instance = submit(CREATOR, post);
        OffsetDateTime later = nowUtc().plusDays(4);

        PostRescheduling.Moved moved = rescheduling.move(CREATOR, post.getId(), later);

        org.assertj.core.api.Assertions.assertThat(moved.wasApproved()).isFalse();
        assertThat(instance).isWaitingAtExactly(REVIEW_SCOPE, REVIEW).hasNotPassed(RESCHEDULED)
                .variables().containsEntry("scheduledAtText",
                        later.atZoneSameInstant(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " (UTC)");
        org.assertj.core.api.Assertions.assertThat(reload(post).getScheduledAt().toInstant()).isEqualTo(later.toInstant());
    }

    @Test
    void movesThatAreNotAllowedChangeNothing() {
        Post post = createPost(CREATOR, "Refused moves", nowUtc().plusDays(2));
        ProcessInstance instance = approved(post);
        OffsetDateTime before = reload(post).getScheduledAt();

        assertThatThrownBy(() -> rescheduling.move(CREATOR2, post.getId(), nowUtc().plusDays(3)))
                .isInstanceOf(UserFacingException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((UserFacingException) e).status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> rescheduling.move(CREATOR, post.getId(), nowUtc().minusHours(1)))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("future")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((UserFacingException) e).status()).isEqualTo(HttpStatus.BAD_REQUEST));

        assertThat(instance).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER).hasNotPassed(RESCHEDULED);
        org.assertj.core.api.Assertions.assertThat(reload(post).getScheduledAt()).isEqualTo(before);
        org.assertj.core.api.Assertions.assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
    }
}
