package io.greenlight.conversation;

import io.greenlight.engine.UserFacingException;
import io.greenlight.notify.NotificationRepository;
import io.greenlight.post.Post;
import io.greenlight.reply.SavedReplies;
import io.greenlight.security.CurrentUser;
import io.greenlight.testing.ApiTestSupport;
import io.greenlight.testing.EngineUser;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The community inbox end to end on the offline {@code local} channel: a feed comment becomes a conversation, the
 * page lists and shows it with our post, a community member claims and answers it, the reply shows on the feed;
 * notes tell whoever is @mentioned; people outside the team are refused.
 */
class CommunityInboxTest extends ApiTestSupport {

    static final CurrentUser CODY = new CurrentUser("cody", Set.of("community"));
    static final CurrentUser CLEO = new CurrentUser("cleo", Set.of("community"));

    @Autowired FeedComments comments;
    @Autowired ConversationViews views;
    @Autowired ConversationActions actions;
    @Autowired ConversationRepository conversations;
    @Autowired io.greenlight.post.PostRepository postRepository;
    @Autowired SavedReplies savedReplies;
    @Autowired NotificationRepository notifications;
    @Autowired io.greenlight.notify.NotificationLinks links;
    @Autowired IdentityService identity;

    @BeforeEach
    void people() {
        for (String id : List.of("cody", "cleo")) {
            EngineUser.ensure(identity, id, "community");
        }
    }

    private Conversation comment(Post post, String text) {
        String key = UUID.randomUUID().toString();
        comments.comment(post.getId(), key, "Jonas Fan", text);
        return conversations.findByChannelKeyAndThreadKey("local", "comment-" + key).orElseThrow();
    }

    /** A post published on the local feed (reviewed and approved as usual). */
    private Post post() {
        String postId = submittedPost(CREATOR, unique("Spring sale"), "Spring sale: 20% off everything").path("id").asText();
        String reviewId = stage(REVIEWER, postId, "review").path("taskId").asText();
        http.post(REVIEWER, "/api/tasks/" + reviewId + "/complete", io.greenlight.testing.Http.json(
                java.util.Map.of("decision", "approve"))).expect(204);
        runDueJobs(getPost(CREATOR, postId).path("processInstanceId").asText());
        return postRepository.findById(postId).orElseThrow();
    }

    @Test
    void aFeedCommentIsAnsweredFromTheInboxAndTheReplyShowsOnTheFeed() {
        Post post = post();
        Conversation c = comment(post, "Does the sale include shoes?");
        assertThat(c.getPostId()).isEqualTo(post.getId());
        assertThat(c.getOriginalText()).isEqualTo("Spring sale: 20% off everything");

        String list = http.get("cody", "/community").expect(200).body();
        assertThat(list).contains("Does the sale include shoes?").contains("Community inbox");
        // the channel filter offers the channels by name and keeps the one chosen
        String onLocal = http.get("cody", "/community?channel=local").expect(200).body();
        assertThat(onLocal).contains("Does the sale include shoes?").containsPattern("<option value=\"local\" selected=\"selected\">");
        assertThat(http.get("cody", "/community?channel=no-such-channel").expect(200).body())
                .doesNotContain("Does the sale include shoes?");
        String page = http.get("cody", "/community/" + c.getId()).expect(200).body();
        assertThat(page).contains("Spring sale: 20% off everything").contains("Claim").contains("No reply needed");

        savedReplies.create(CODY, new SavedReplies.Command(unique("Shoes"), "Hi {{name}}, yes!", "community", "REPLY"));
        assertThat(http.get("cody", "/community/" + c.getId()).body()).contains("Choose one to insert");

        actions.claim(CODY, c.getId());
        assertThatThrownBy(() -> actions.reply(CLEO, c.getId(), "Me too")).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("cody");
        actions.reply(CODY, c.getId(), "Yes, shoes are 20% off too!");
        runDueJobs(conversations.findById(c.getId()).orElseThrow().getProcessInstanceId());

        Conversation done = conversations.findById(c.getId()).orElseThrow();
        assertThat(done.getStatus()).isEqualTo(Conversation.Status.REPLIED);
        assertThat(comments.of(post.getId())).singleElement().satisfies(s -> {
            assertThat(s.text()).isEqualTo("Does the sale include shoes?");
            assertThat(s.replies()).extracting(ConversationItem::getText).containsExactly("Yes, shoes are 20% off too!");
        });
        String feed = http.raw(org.springframework.http.HttpMethod.GET, "/feed", null, java.util.Map.of()).body();
        assertThat(feed).contains("Does the sale include shoes?").contains("Yes, shoes are 20% off too!");
    }

    @Test
    void notesTellWhoeverIsMentioned() {
        Post post = post();
        Conversation c = comment(post, "Where is my parcel?");
        actions.note(CODY, c.getId(), "@cleo you handled this last week, can you check?");
        assertThat(notifications.findAll()).anyMatch(n -> "cleo".equals(n.getRecipient())
                && n.getMessage().contains("cody mentioned you"));
        // a notice about a conversation opens its page, one about a post the post's, on the list as in mails
        assertThat(links.paths(java.util.Arrays.asList(c.getId(), post.getId(), null)))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(c.getId(), "/community/" + c.getId(), post.getId(), "/posts/" + post.getId()))
                .containsEntry(c.getId(), links.path(c.getId(), null));
        assertThat(http.get(CREATOR, "/notifications").expect(200).body()).contains("href=\"/posts/" + post.getId() + "\"");
        assertThat(views.thread(CODY, c.getId()).notes()).extracting(ConversationNote::getText)
                .containsExactly("@cleo you handled this last week, can you check?");
        assertThatThrownBy(() -> actions.note(CODY, c.getId(), "bad\u0000")).isInstanceOf(UserFacingException.class);
    }

    @Test
    void theInboxIsForTheTeamAndManagersOnly() {
        Conversation c = comment(post(), "Hello?");
        http.get(CREATOR, "/community").expect(403);
        http.get(CREATOR, "/community/" + c.getId()).expect(403);
        http.get(CREATOR, "/api/community/summary").expectProblem(403);
        assertThat(http.get(MANAGER, "/api/community/summary").expect(200).json().path("open").asLong()).isPositive();
        assertThat(http.get("cody", "/api/community/conversations?overdue=true").expect(200).json().isArray()).isTrue();
        http.get("cody", "/community/nope").expect(404);
    }

    @Test
    void badCommentsAreRefusedAndStoreNothing() {
        Post post = post();
        long before = conversations.count();
        assertThatThrownBy(() -> comments.comment(post.getId(), UUID.randomUUID().toString(), "Ann", "x\u0000y"))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> comments.comment(post.getId(), UUID.randomUUID().toString(), "", "hi"))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> comments.comment(post.getId(), "not-a-key", "Ann", "hi"))
                .isInstanceOf(UserFacingException.class);
        Post draft = postRepository.findById(createPost(CREATOR, unique("Draft"), "not yet out").path("id").asText()).orElseThrow();
        assertThatThrownBy(() -> comments.comment(draft.getId(), UUID.randomUUID().toString(), "Ann", "hi"))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> comments.comment("no-such-post", UUID.randomUUID().toString(), "Ann", "hi"))
                .isInstanceOf(UserFacingException.class);
        assertThatThrownBy(() -> comments.comment(post.getId(), UUID.randomUUID().toString(), "Ann", "a".repeat(2001)))
                .isInstanceOf(UserFacingException.class);
        // the same form sent twice is one comment
        String key = UUID.randomUUID().toString();
        comments.comment(post.getId(), key, "Ann", "Twice?");
        comments.comment(post.getId(), key, "Ann", "Twice?");
        assertThat(conversations.count()).isEqualTo(before + 1);
    }
}
