package io.greenlight.process;

import io.greenlight.post.Post;
import io.greenlight.post.PostStatus;
import io.greenlight.security.CurrentUser;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/**
 * The recipes of processes/README.md, each applied exactly as written to the shipped
 * {@code processes/post-approval.bpmn} (read with Camunda's model API, changed, deployed as Modeler deploys: its own
 * deployment name, resource {@code post-approval.bpmn}, no forms), then a post driven through it. Each test deletes
 * its deployment with its instances afterwards, so the shipped drawing is the latest version again for the other
 * tests of this context.
 */
class OwnerRecipesProcessTest extends ProcessTestSupport {

    static final String NAME = "owner-recipes-test";

    @AfterEach
    void undeploy() {
        deleteDeployments(NAME);
    }

    // ---- drawing on the shipped file, as Modeler does ---------------------------------------------------------------

    static BpmnModelInstance shipped() {
        return Bpmn.readModelFromFile(new File("processes/post-approval.bpmn"));
    }

    void deploy(BpmnModelInstance model) {
        Bpmn.validateModel(model);
        repositoryService.createDeployment().name(NAME).source("Camunda Modeler")
                .addModelInstance("post-approval.bpmn", model).deploy();
    }

    @SuppressWarnings("unchecked")
    static <T extends ModelElementInstance> T element(BpmnModelInstance model, String id) {
        T found = (T) model.getModelElementById(id);
        assertThat(found).as("the shipped diagram has %s", id).isNotNull();
        return found;
    }

    /** A new element drawn in the same place (top level or subprocess page) as {@code beside}. */
    static <T extends FlowNode> T drawBeside(BpmnModelInstance model, FlowNode beside, Class<T> type, String id, String name) {
        T node = model.newInstance(type);
        node.setId(id);
        node.setName(name);
        beside.getParentElement().addChildElement(node);
        return node;
    }

    static SequenceFlow connect(BpmnModelInstance model, String id, FlowNode from, FlowNode to, String condition) {
        SequenceFlow flow = model.newInstance(SequenceFlow.class);
        flow.setId(id);
        from.getParentElement().addChildElement(flow);
        flow.setSource(from);
        flow.setTarget(to);
        from.getOutgoing().add(flow);
        to.getIncoming().add(flow);
        if (condition != null) {
            ConditionExpression expression = model.newInstance(ConditionExpression.class);
            expression.setTextContent(condition);
            flow.setConditionExpression(expression);
        }
        return flow;
    }

    /** Lets an existing arrow end at another element (dragging its end point in Modeler). */
    static void reconnectEnd(SequenceFlow flow, FlowNode to) {
        flow.getTarget().getIncoming().remove(flow);
        flow.setTarget(to);
        to.getIncoming().add(flow);
    }

    /** Sets (or adds) an input parameter on the <em>Inputs</em> tab of a task. */
    static void input(BpmnModelInstance model, BaseElement task, String name, String value) {
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            task.setExtensionElements(extensions);
        }
        CamundaInputOutput io = extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
                .findFirst().orElse(null);
        if (io == null) {
            io = model.newInstance(CamundaInputOutput.class);
            extensions.addChildElement(io);
        }
        CamundaInputParameter parameter = io.getCamundaInputParameters().stream()
                .filter(p -> name.equals(p.getCamundaName())).findFirst().orElse(null);
        if (parameter == null) {
            parameter = model.newInstance(CamundaInputParameter.class);
            parameter.setCamundaName(name);
            io.addChildElement(parameter);
        }
        parameter.setTextContent(value);
    }

    static void timerDate(BpmnModelInstance model, String boundaryEventId, String expression) {
        ModelElementInstance event = element(model, boundaryEventId);
        TimeDate date = event.getModelInstance().getModelElementsByType(TimeDate.class).stream()
                .filter(d -> d.getParentElement().getParentElement() == event).findFirst().orElseThrow();
        date.setTextContent(expression);
    }

    // ---- recipe 1: an extra review stage ----------------------------------------------------------------------------

    static final CurrentUser BRAND = new CurrentUser("recipesbrand", java.util.Set.of("brand"));

    /** Review page: a user task {@code review-brand} after <em>Decision?</em> approve, and <em>Brand decision?</em>. */
    static BpmnModelInstance withBrandStage() {
        BpmnModelInstance model = shipped();
        UserTask review = element(model, REVIEW);
        FlowNode decideStages = element(model, "Activity_DecideStages");
        UserTask brand = drawBeside(model, review, UserTask.class, "review-brand", "Brand review");
        brand.setCamundaFormRef("review-post");
        brand.setCamundaFormRefBinding("latest");
        brand.setCamundaCandidateGroups("brand");
        brand.setCamundaDueDate("${deadlines.reviewDue(execution)}");
        ExclusiveGateway gateway = drawBeside(model, review, ExclusiveGateway.class, "Gateway_BrandDecision", "Brand decision?");
        reconnectEnd(element(model, "Flow_Approved"), brand);
        connect(model, "Flow_BrandReviewed", brand, gateway, null);
        connect(model, "Flow_BrandApproved", gateway, decideStages, "${decision == 'approve'}");
        connect(model, "Flow_BrandChanges", gateway, element(model, "Gateway_JoinRevision"), "${decision == 'changes'}");
        connect(model, "Flow_BrandRejected", gateway, element(model, "Gateway_JoinRejection"), "${decision == 'reject'}");
        return model;
    }

    @Test
    void anExtraBrandStageAfterTheFirstReview() {
        deploy(withBrandStage());
        user(BRAND);

        Post post = createPost(CREATOR, "Brand stage", null);
        ProcessInstance instance = submit(CREATOR, post);
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        assertThat(instance).isWaitingAtExactly(REVIEW_SCOPE, "review-brand");
        Task brand = openTask(instance, "review-brand");
        assertThat(candidateGroups(brand)).containsExactly("brand");
        assertThat(brand.getCamundaFormRef().getKey()).isEqualTo("review-post");
        assertThat(brand.getDueDate()).as("reviewDue: the default SLA of 24 h").isEqualTo(plus(now, java.time.Duration.ofHours(24)));
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.IN_REVIEW);

        decide(BRAND, brand, "approve", null);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(runtimeService.getVariable(instance.getId(), "decision_review-brand"))
                .as("a drawn stage's decision is kept under its task id").isEqualTo("approve");
        assertThat(runtimeService.getVariable(instance.getId(), "decidedBy_review-brand")).isEqualTo(BRAND.id());

        // brand asks for changes: the author revises, and the next round goes through both reviews again
        Post other = createPost(CREATOR, "Brand changes", null);
        ProcessInstance second = submit(CREATOR, other);
        decide(REVIEWER, openTask(second, REVIEW), "approve", null);
        decide(BRAND, openTask(second, "review-brand"), "changes", "Use the new logo");
        assertThat(reload(other).getStatus()).isEqualTo(PostStatus.CHANGES_REQUESTED);
        assertThat(runtimeService.getVariable(second.getId(), "feedback")).isEqualTo("Use the new logo");
        assertThat(openTask(second, REVISE)).isNotNull();
    }

    // ---- recipe 2: the review SLA to 48 h -------------------------------------------------------------------------

    @Test
    void theReviewSlaIs48Hours() {
        BpmnModelInstance model = shipped();
        UserTask review = element(model, REVIEW);
        review.setCamundaDueDate("${deadlines.reviewDue(execution, 'PT48H')}");
        timerDate(model, "Event_ReviewDeadline", "${deadlines.reviewDue(execution, 'PT48H')}");
        timerDate(model, "Event_ReviewReminder", "${deadlines.reminder(execution, 'PT48H')}");
        deploy(model);

        Post post = createPost(CREATOR, "Slow SLA", null);
        ProcessInstance instance = submit(CREATOR, post);
        java.util.Date due = plus(now, java.time.Duration.ofHours(48));
        assertThat(openTask(instance, REVIEW).getDueDate()).isEqualTo(due);
        assertThat(job(instance, "Event_ReviewDeadline").getDuedate()).isEqualTo(due);
        assertThat(job(instance, "Event_ReviewReminder").getDuedate()).as("half-way")
                .isEqualTo(plus(now, java.time.Duration.ofHours(24)));

        clockAt(plus(now, java.time.Duration.ofHours(25)));
        assertThat(candidateGroups(openTask(instance, REVIEW))).as("not escalated after 24 h").containsExactly("reviewers");
        clockAt(plus(due, java.time.Duration.ofSeconds(1)));
        managementService.executeJob(job(instance, "Event_ReviewDeadline").getId());
        assertThat(candidateGroups(openTask(instance, REVIEW))).containsExactlyInAnyOrder("reviewers", "managers");
    }

    // ---- recipe 3: a second reminder --------------------------------------------------------------------------------

    @Test
    void aSecondReminderAnHourBeforeTheDueDate() {
        BpmnModelInstance model = shipped();
        UserTask review = element(model, REVIEW);
        BoundaryEvent lastCall = drawBeside(model, review, BoundaryEvent.class, "Event_ReviewLastCall", "Review due in an hour");
        lastCall.setAttachedTo(review);
        lastCall.setCancelActivity(false);
        TimerEventDefinition timer = model.newInstance(TimerEventDefinition.class);
        TimeDate date = model.newInstance(TimeDate.class);
        date.setTextContent("${deadlines.before(execution, 'PT1H')}");
        timer.setTimeDate(date);
        lastCall.getEventDefinitions().add(timer);
        ServiceTask remind = drawBeside(model, review, ServiceTask.class, "Activity_RemindLastCall", "Remind reviewers again");
        remind.setCamundaDelegateExpression("${notify}");
        input(model, remind, "recipients", "candidates");
        input(model, remind, "message", "Last call: \"${title}\" is due in an hour.");
        input(model, remind, "template", "reminder");
        input(model, remind, "channels", "in-app, email");
        EndEvent sent = drawBeside(model, review, EndEvent.class, "Event_LastCallSent", "Second reminder sent");
        connect(model, "Flow_ToLastCall", lastCall, remind, null);
        connect(model, "Flow_LastCallSent", remind, sent, null);
        deploy(model);

        Post post = createPost(CREATOR, "Last call", null);
        ProcessInstance instance = submit(CREATOR, post);
        java.util.Date at = plus(now, java.time.Duration.ofHours(23));
        assertThat(job(instance, "Event_ReviewLastCall").getDuedate()).as("an hour before the 24 h due date").isEqualTo(at);
        assertThat(job(instance, "Event_ReviewReminder")).as("the first reminder stays").isNotNull();

        clockAt(plus(at, java.time.Duration.ofSeconds(1)));
        managementService.executeJob(job(instance, "Event_ReviewLastCall").getId());
        assertThat(instance).hasPassed("Activity_RemindLastCall", "Event_LastCallSent").isWaitingAt(REVIEW);
        assertThat(recipients(notificationsAbout(post, "Last call: "))).isEqualTo(sorted("reviewer", "manager"));
    }

    // ---- recipe 4: notify someone on publish ------------------------------------------------------------------------

    @Test
    void managersAreToldWhenAPostIsPublished() {
        BpmnModelInstance model = shipped();
        FlowNode published = element(model, "Event_PostPublished");
        ServiceTask tell = drawBeside(model, published, ServiceTask.class, "Activity_TellPublished", "Tell managers it is live");
        tell.setCamundaDelegateExpression("${notify}");
        input(model, tell, "recipients", "group:managers");
        input(model, tell, "message", "Now live: \"${title}\"");
        input(model, tell, "template", "published");
        input(model, tell, "channels", "in-app");
        reconnectEnd(element(model, "Flow_Published"), tell);
        connect(model, "Flow_ToldPublished", tell, published, null);
        deploy(model);

        Post post = createPost(CREATOR, "Tell on publish", null);
        ProcessInstance instance = submit(CREATOR, post);
        assertThat(notificationsAbout(post, "Now live: ")).isEmpty();
        decide(REVIEWER, openTask(instance, REVIEW), "approve", null);
        approveAndPublish(instance);

        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(instance).hasPassed("Activity_TellPublished", "Event_PostPublished").isEnded();
        assertThat(recipients(notificationsAbout(post, "Now live: "))).contains("admin", "manager")
                .doesNotContain(CREATOR.id());
        assertThat(notificationsAbout(post, "Now live: ").get(0).getMessage())
                .isEqualTo("Now live: \"" + reload(post).getTitle() + "\"");
    }

    // ---- recipe 5: escalation target --------------------------------------------------------------------------------

    static final CurrentUser LEAD = new CurrentUser("recipeslead", java.util.Set.of("social-leads"));

    @Test
    void anOverdueReviewEscalatesToAnotherGroup() {
        BpmnModelInstance model = shipped();
        ServiceTask involve = element(model, "Activity_InvolveManagers");
        involve.setName("Make social leads candidates");
        input(model, involve, "groups", "social-leads");
        ServiceTask tell = element(model, "Activity_NotifyManagers");
        tell.setName("Tell social leads");
        input(model, tell, "recipients", "group:social-leads");
        deploy(model);
        assertThat(identityService.createGroupQuery().groupId("social-leads").count())
                .as("the deployment created the group it names").isEqualTo(1);
        user(LEAD);

        Post post = createPost(CREATOR, "Escalate elsewhere", null);
        ProcessInstance instance = submit(CREATOR, post);
        clockAt(plus(now, java.time.Duration.ofHours(24).plusSeconds(1)));
        managementService.executeJob(job(instance, "Event_ReviewDeadline").getId());

        Task escalated = openTask(instance, REVIEW);
        assertThat(candidateGroups(escalated)).containsExactlyInAnyOrder("reviewers", "social-leads");
        assertThat(recipients(notificationsAbout(post, "Overdue: "))).containsExactly(LEAD.id());
        decide(LEAD, escalated, "approve", null);
        assertThat(reload(post).getStatus()).isEqualTo(PostStatus.SCHEDULED);
    }

    // ---- recipe 6: skipping review for a channel --------------------------------------------------------------------

    @Test
    void postsOnlyForTheLocalFeedSkipTheReview() {
        BpmnModelInstance model = shipped();
        UserTask review = element(model, REVIEW);
        ExclusiveGateway needed = drawBeside(model, review, ExclusiveGateway.class, "Gateway_ReviewNeeded", "Review needed?");
        reconnectEnd(element(model, "Flow_ContentValid"), needed);
        connect(model, "Flow_NoReviewNeeded", needed, element(model, "Event_ReviewApproved"),
                "${channels.contains('local') && channels.size() == 1}").setName("local feed only");
        needed.setDefault(connect(model, "Flow_ReviewNeeded", needed, review, null));
        deploy(model);

        Post local = createPost(CREATOR, "Local only", null);
        ProcessInstance skipped = submit(CREATOR, local);
        assertThat(skipped).hasNotPassed(REVIEW).isWaitingAtExactly(PUBLISH_SCOPE, WAIT_FOR_TIME, PUBLISH_TIMER);
        assertThat(reload(local).getStatus()).isEqualTo(PostStatus.SCHEDULED);

        failingNetwork();
        channel("recipes-other", FAILING_NETWORK, null);
        Post both = createPost(CREATOR, "Local and more", null, variant(LOCAL, "Hello"), variant("recipes-other", "Hello"));
        ProcessInstance reviewed = submit(CREATOR, both);
        assertThat(reviewed).isWaitingAtExactly(REVIEW_SCOPE, REVIEW);
        assertThat(reload(both).getStatus()).isEqualTo(PostStatus.IN_REVIEW);
    }

    void user(CurrentUser u) {
        for (String g : u.groups()) {
            if (identityService.createGroupQuery().groupId(g).count() == 0) {
                identityService.saveGroup(identityService.newGroup(g));
            }
        }
        if (identityService.createUserQuery().userId(u.id()).count() == 0) {
            User user = identityService.newUser(u.id());
            user.setPassword(u.id());
            identityService.saveUser(user);
            u.groups().forEach(g -> identityService.createMembership(u.id(), g));
        }
    }

    void approveAndPublish(ProcessInstance instance) {
        managementService.executeJob(job(instance, PUBLISH_TIMER).getId());
        jobs(instance, PUBLISH_TASK).forEach(j -> managementService.executeJob(j.getId()));
    }
}
