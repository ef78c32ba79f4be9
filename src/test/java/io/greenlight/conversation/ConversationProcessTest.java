package io.greenlight.conversation;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

/** Every path of processes/conversation.bpmn and the rows of conversation-triage.dmn. */
class ConversationProcessTest extends ConversationTestSupport {

    @Autowired DecisionService decisions;
    @Autowired ReplySending sending;
    @Autowired io.greenlight.notify.MailContent mailContent;

    @Test
    void aCommentIsAnsweredWithoutApprovalAndTheReplyIsSentOnce() {
        Conversation c = receive("Does the sale include shoes?");
        ProcessInstance pi = instanceOf(c);
        assertThat(pi).isWaitingAt("respond").hasPassed("Activity_Triage", "Activity_ApplyTriage");
        assertThat(pi).task().hasCandidateGroup("community");
        Task respond = task(pi, "respond");
        assertThat(respond.getDueDate()).isEqualTo(new Date(now.getTime() + Duration.ofHours(24).toMillis()));
        assertThat(reload(c).getPriority()).isEqualTo("normal");
        assertThat(reload(c).getStatus()).isEqualTo(Conversation.Status.OPEN);

        answer(COMMUNITY_USER, pi, Map.of("outcome", "reply", "replyText", "Yes, shoes are 20% off too!"));
        assertThat(pi).isWaitingAt("Activity_SendReply");
        runJobs(pi);

        assertThat(pi).isEnded().hasPassed("Activity_SendReply", "Activity_CloseReplied", "Event_Replied")
                .hasNotPassed("approve-reply");
        Conversation done = reload(c);
        assertThat(done.getStatus()).isEqualTo(Conversation.Status.REPLIED);
        assertThat(done.getFirstResponder()).isEqualTo(COMMUNITY_USER);
        assertThat(done.getFirstResponseAt()).isNotNull();
        List<ConversationReply> sent = replies.findByConversationIdOrderByWrittenAtAsc(c.getId());
        assertThat(sent).singleElement().extracting(ConversationReply::getStatus).isEqualTo(ConversationReply.Status.SENT);
        // a second attempt (a retried job) sends nothing more
        sending.send(sent.get(0).getId());
        assertThat(items.countByConversationIdAndDirection(c.getId(), ConversationItem.Direction.OUT)).isEqualTo(1);
    }

    @Test
    void noReplyNeededClosesTheConversation() {
        Conversation c = receive("Love it, great colours!");
        ProcessInstance pi = instanceOf(c);
        answer(COMMUNITY_USER, pi, Map.of("outcome", "no-reply"));
        assertThat(pi).isEnded().hasPassed("Activity_CloseNoReply", "Event_ClosedNoReply").hasNotPassed("Activity_SendReply");
        assertThat(reload(c).getStatus()).isEqualTo(Conversation.Status.NO_REPLY);
        assertThat(reload(c).getClosedAt()).isNotNull();
        assertThat(replies.findByConversationIdOrderByWrittenAtAsc(c.getId())).isEmpty();
    }

    @Test
    void aSensitiveReplyIsApprovedBySomeoneElseBeforeItIsSent() {
        Conversation c = receive("My lawyer will hear about this broken blender");
        ProcessInstance pi = instanceOf(c);
        assertThat(reload(c).getPriority()).isEqualTo("urgent");
        assertThat(task(pi, "respond").getDueDate()).isEqualTo(new Date(now.getTime() + Duration.ofHours(2).toMillis()));
        answer(COMMUNITY_USER, pi, Map.of("outcome", "reply", "replyText", "We are sorry. Please DM us your order number."));
        assertThat(pi).isWaitingAt("approve-reply");
        assertThat(reload(c).getStatus()).isEqualTo(Conversation.Status.AWAITING_APPROVAL);
        Task approve = task(pi, "approve-reply");
        // four-eyes: the writer may neither claim nor decide, even as a manager
        assertThatThrownBy(() -> as(COMMUNITY_USER, List.of("community", "managers"), () -> {
            taskService.claim(approve.getId(), COMMUNITY_USER);
            return null;
        })).hasMessageContaining("Four-eyes");
        assertThatThrownBy(() -> as(COMMUNITY_USER, List.of("community", "managers"), () -> {
            taskService.complete(approve.getId(), Map.of("decision", "approve"));
            return null;
        })).hasMessageContaining("Four-eyes");
        assertThat(pi).isWaitingAt("approve-reply");

        as(MANAGER, List.of("managers"), () -> {
            taskService.claim(approve.getId(), MANAGER);
            taskService.complete(approve.getId(), Map.of("decision", "approve"));
            return null;
        });
        runJobs(pi);
        assertThat(pi).isEnded().hasPassed("approve-reply", "Activity_SendReply", "Event_Replied");
        ConversationReply reply = replies.findByConversationIdOrderByWrittenAtAsc(c.getId()).get(0);
        assertThat(reply.getApprovedBy()).isEqualTo(MANAGER);
        assertThat(reply.getStatus()).isEqualTo(ConversationReply.Status.SENT);
    }

    @Test
    void requestedChangesGoBackToTheTeamWithTheFeedback() {
        Conversation c = receive("A journalist here: is the recall true?");
        ProcessInstance pi = instanceOf(c);
        answer(COMMUNITY_USER, pi, Map.of("outcome", "reply", "replyText", "No comment."));
        Task approve = task(pi, "approve-reply");
        assertThatThrownBy(() -> as(MANAGER, List.of("managers"), () -> {
            taskService.complete(approve.getId(), Map.of("decision", "changes"));
            return null;
        })).hasMessageContaining("comment");
        as(MANAGER, List.of("managers"), () -> {
            taskService.complete(approve.getId(), Map.of("decision", "changes", "comment", "Point them to the press page."));
            return null;
        });
        assertThat(pi).isWaitingAt("respond").hasPassed("Gateway_ReplyApproved");
        assertThat(runtimeService.getVariable(pi.getId(), "feedback")).isEqualTo("Point them to the press page.");
        answer(COMMUNITY_USER2, pi, Map.of("outcome", "reply", "replyText", "Our statement: example.com/press"));
        Task again = task(pi, "approve-reply");
        as(MANAGER, List.of("managers"), () -> {
            taskService.complete(again.getId(), Map.of("decision", "approve"));
            return null;
        });
        runJobs(pi);
        assertThat(pi).isEnded().hasPassed("Event_Replied");
        assertThat(replies.findByConversationIdOrderByWrittenAtAsc(c.getId())).extracting(ConversationReply::getStatus)
                .containsExactly(ConversationReply.Status.CHANGES, ConversationReply.Status.SENT);
    }

    @Test
    void anOverdueAnswerRemindsTheTeamThenEscalatesToManagers() {
        Conversation c = receive("Where is my order?");
        ProcessInstance pi = instanceOf(c);
        // half-way: the reminder
        ClockUtil.setCurrentTime(new Date(now.getTime() + Duration.ofHours(12).plusMinutes(1).toMillis()));
        runJobs(pi);
        assertThat(pi).hasPassed("Activity_RemindResponders", "Event_ReminderSent").isWaitingAt("respond");
        assertThat(pi).hasNotPassed("Activity_EscalateConversation");
        assertThat(reload(c).isEscalated()).isFalse();
        // due: escalation to managers, the task stays with the team
        ClockUtil.setCurrentTime(new Date(now.getTime() + Duration.ofHours(24).plusMinutes(1).toMillis()));
        runJobs(pi);
        assertThat(pi).hasPassed("Activity_EscalateConversation", "Activity_TellManagers", "Event_ConversationEscalated")
                .isWaitingAt("respond");
        Task respond = task(pi, "respond");
        assertThat(taskService.getIdentityLinksForTask(respond.getId())).extracting(IdentityLink::getGroupId)
                .contains("community", "managers");
        assertThat(reload(c).isEscalated()).isTrue();
        assertThat(reload(c).isOverdue(io.greenlight.engine.EngineClock.now())).isTrue();
        assertThat(notifications.findAll()).anyMatch(n -> MANAGER.equals(n.getRecipient())
                && n.getMessage().contains("Overdue in the community inbox"));
        // the e-mail and the bell open the conversation, not a post page that does not exist
        io.greenlight.notify.Notification overdue = notifications.findAll().stream()
                .filter(n -> MANAGER.equals(n.getRecipient()) && n.getMessage().contains("Overdue") && c.getId().equals(n.getPostId()))
                .findFirst().orElseThrow();
        assertThat(mailContent.link(overdue.getPostId(), respond.getId())).endsWith("/community/" + c.getId());
        assertThat(mailContent.link("a-post-id", respond.getId())).endsWith("/inbox#task-" + respond.getId());
    }

    @Test
    void aReplyMustHaveTextWithinTheNetworksLimit() {
        Conversation c = receive("Hello?");
        ProcessInstance pi = instanceOf(c);
        assertThatThrownBy(() -> answer(COMMUNITY_USER, pi, Map.of("outcome", "reply", "replyText", "  ")))
                .hasMessageContaining("replyText");
        assertThatThrownBy(() -> answer(COMMUNITY_USER, pi, Map.of("outcome", "maybe")))
                .hasMessageContaining("outcome");
        assertThat(pi).isWaitingAt("respond");
        assertThat(replies.findByConversationIdOrderByWrittenAtAsc(c.getId())).isEmpty();
    }

    @Test
    void aSecondItemOfTheSameThreadJoinsTheConversationAndTheSameItemTwiceIsStoredOnce() {
        String root = "thread-" + System.nanoTime();
        InboundMessage first = new InboundMessage("local", root, null, root, null, null, "ann", "Ann", 0, "Is it vegan?",
                null, null, null, null, nowUtc());
        Conversation c = inbox.receive(first).orElseThrow();
        assertThat(inbox.receive(first)).isEmpty();
        inbox.receive(new InboundMessage("local", root + "-2", null, root, null, null, "ann", "Ann", 0, "Hello?", null,
                null, null, null, nowUtc())).orElseThrow();
        assertThat(items.findByConversationIdOrderByReceivedAtAscIdAsc(c.getId())).hasSize(2);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(c.getId()).count()).isEqualTo(1);
        // closed and written to again: a new round
        answer(COMMUNITY_USER, instanceOf(c), Map.of("outcome", "no-reply"));
        inbox.receive(new InboundMessage("local", root + "-3", null, root, null, null, "ann", "Ann", 0, "Anyone?", null,
                null, null, null, nowUtc())).orElseThrow();
        assertThat(instanceOf(c)).isWaitingAt("respond");
        assertThat(reload(c).isOpen()).isTrue();
    }

    @Test
    void theTriageTableRanksByKeywordsVipFollowersSentimentAndQuestions() {
        assertThat(triage("we will sue you", "negative", 0, false)).containsEntry("priority", "urgent")
                .containsEntry("approvalRequired", true).containsEntry("sla", "PT2H");
        assertThat(triage("hi there", "neutral", 0, true)).containsEntry("priority", "high").containsEntry("approvalRequired", true);
        assertThat(triage("hi there", "neutral", 25000, false)).containsEntry("priority", "high").containsEntry("sla", "PT4H");
        assertThat(triage("this is terrible", "negative", 10, false)).containsEntry("priority", "high")
                .containsEntry("sla", "PT8H").containsEntry("approvalRequired", false);
        assertThat(triage("when does it open?", "neutral", 10, false)).containsEntry("priority", "normal").containsEntry("sla", "PT24H");
        assertThat(triage("nice", "positive", 10, false)).containsEntry("priority", "low").containsEntry("team", "community");
    }

    @Test
    void implausibleItemsAreRefusedAndChangeNothing() {
        long before = items.count();
        for (String bad : List.of("nul\u0000inside", "", " ")) {
            assertThatThrownBy(() -> inbox.receive(new InboundMessage("local", "bad-" + System.nanoTime(), null, null, null,
                    null, "x", "x", 0, bad, null, null, null, null, nowUtc()))).isInstanceOf(io.greenlight.engine.UserFacingException.class);
        }
        assertThatThrownBy(() -> inbox.receive(new InboundMessage("nope", "x", null, null, null, null, "x", "x", 0, "hi",
                null, null, null, null, nowUtc()))).hasMessageContaining("no channel");
        assertThatThrownBy(() -> inbox.receive(new InboundMessage("local", "big", null, null, null, null, "x", "x", 0,
                "a".repeat(Inbox.MAX_TEXT + 1), null, null, null, null, nowUtc()))).hasMessageContaining("at most");
        assertThat(items.count()).isEqualTo(before);
    }

    @Test
    void theProcessStartsOnlyForAStoredConversation() {
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(ConversationProcess.PROCESS).count();
        assertThatThrownBy(() -> as("admin", List.of("camunda-admin", "managers"), () ->
                runtimeService.startProcessInstanceByKey(ConversationProcess.PROCESS, "made-up",
                        Map.of("text", "x", "sentiment", "neutral", "followers", 0, "vip", false))))
                .hasMessageContaining("community inbox");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ConversationProcess.PROCESS).count())
                .isEqualTo(before);
    }

    private Map<String, Object> triage(String text, String sentiment, int followers, boolean vip) {
        return decisions.evaluateDecisionTableByKey("conversation-triage", Variables.createVariables()
                .putValue("text", text).putValue("sentiment", sentiment).putValue("followers", followers).putValue("vip", vip))
                .getSingleResult().getEntryMap();
    }

    @SuppressWarnings("unused")
    private List<Job> jobs(ProcessInstance pi) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).list();
    }
}
