package io.greenlight.conversation;

import io.greenlight.engine.EngineClock;
import io.greenlight.security.Groups;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code greenlight.community.demo-data=true} (the demo profile of {@code ./mvnw spring-boot:run}): a community
 * manager {@code community} (password {@code community}) and, on an empty inbox, a few conversations on the
 * {@code local} channel, so the inbox has something to answer offline.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "greenlight.community.demo-data", havingValue = "true")
class DemoConversations implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConversations.class);

    private final Inbox inbox;
    private final ConversationRepository conversations;
    private final IdentityService identity;

    DemoConversations(Inbox inbox, ConversationRepository conversations, IdentityService identity) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.identity = identity;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.createUserQuery().userId("community").count() == 0) {
            User user = identity.newUser("community");
            user.setFirstName("Cody");
            user.setLastName("Community");
            user.setEmail("community@greenlight.local");
            user.setPassword("community");
            identity.saveUser(user);
            identity.createMembership("community", Groups.COMMUNITY);
            LOG.warn("Demo user 'community' created with password 'community' (greenlight.community.demo-data=true)");
        }
        if (conversations.count() > 0) {
            return;
        }
        var now = EngineClock.now();
        demo("demo-1", "Jonas", "Do you ship to Austria? Asking for my mum.", now.minusHours(3));
        demo("demo-2", "Priya", "The blender I bought last week is broken and support never answers. Terrible.", now.minusHours(20));
        demo("demo-3", "Sam", "Love the new colours, great job!", now.minusMinutes(30));
        LOG.info("Demo conversations added to the community inbox");
    }

    private void demo(String id, String name, String text, java.time.OffsetDateTime at) {
        inbox.receive(new InboundMessage(FeedComments.CHANNEL, id, null, id, null, null, FeedComments.handle(name), name, 0,
                text, null, null, null, null, at));
    }
}
