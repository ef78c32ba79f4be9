package io.greenlight.publishing.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.greenlight.channel.Channel;
import io.greenlight.channel.OAuthProperties;
import io.greenlight.channel.OAuthTokenEndpoint;
import io.greenlight.engine.UserFacingException;
import io.greenlight.publishing.meta.FacebookLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Instagram through Facebook Login for Business, with the Meta app of the Facebook Page connections
 * ({@code greenlight.oauth.networks.facebook.*} unless {@code ...instagram.*} is set): the code is exchanged for a
 * long-lived user token, then {@code GET /me/accounts?fields=id,name,access_token,instagram_business_account} lists the
 * Pages the user manages with their linked Instagram professional account. The channel's Page (its account is the
 * Instagram account's id or the Page's id; with neither, the only Page that has one) gives the token to store: the
 * Page's own, which does not expire. The channel's account becomes the Instagram account's id.
 */
@Component
class InstagramOAuth extends FacebookLogin {

    private static final Logger LOG = LoggerFactory.getLogger(InstagramOAuth.class);

    InstagramOAuth() {
        super(new Connection(InstagramPublisher.NETWORK, InstagramPublisher.VERSION,
                "instagram_basic instagram_content_publish instagram_manage_insights pages_show_list pages_read_engagement"));
    }

    /** The same Meta app as Facebook Pages. */
    @Override
    public String app() {
        return "FACEBOOK";
    }

    private record Linked(String pageId, String pageName, String pageToken, String instagramId) {
    }

    @Override
    public OAuthTokenEndpoint.Tokens exchange(OAuthTokenEndpoint endpoint, OAuthProperties.Provider provider, Channel channel,
                                              String code, String redirectUri, String codeVerifier) {
        String userToken = longLivedUserToken(endpoint, provider, code, redirectUri);
        JsonNode pages = graph(endpoint, channel, userToken, "/me/accounts", "id,name,access_token,instagram_business_account");
        List<Linked> linked = new ArrayList<>();
        for (JsonNode page : pages == null ? List.<JsonNode>of() : pages.path("data")) {
            String ig = page.path("instagram_business_account").path("id").asText("");
            if (!ig.isEmpty()) {
                linked.add(new Linked(page.path("id").asText(), page.path("name").asText(""), page.path("access_token").asText(""), ig));
            }
        }
        String wanted = channel.getAccount() == null ? "" : channel.getAccount().strip();
        List<Linked> matching = wanted.isEmpty() ? linked
                : linked.stream().filter(l -> l.instagramId().equals(wanted) || l.pageId().equals(wanted)).toList();
        if (linked.isEmpty()) {
            throw UserFacingException.invalid("None of the Facebook Pages you manage has an Instagram professional account "
                    + "linked (or instagram_basic and pages_show_list were not granted). Link the Instagram account to its "
                    + "Page in the Instagram app (Settings → Account type and tools), then connect again.");
        }
        if (matching.size() != 1) {
            throw UserFacingException.invalid((wanted.isEmpty() ? "Several of your Pages have an Instagram account"
                    : "No Page of yours has the Instagram account or Page " + wanted)
                    + ": set the channel's account to one of " + choices(linked) + ", then connect again.");
        }
        Linked chosen = matching.get(0);
        if (chosen.pageToken().isEmpty()) {
            throw UserFacingException.invalid("Facebook gave no token for Page " + chosen.pageName() + " (" + chosen.pageId()
                    + "): is the connecting user allowed to create content on it?");
        }
        if (!chosen.instagramId().equals(channel.getAccount())) {
            LOG.info("Channel {} publishes to Instagram account {} (Page {})", channel.getKey(), chosen.instagramId(), chosen.pageId());
            channel.setAccount(chosen.instagramId());
        }
        return new OAuthTokenEndpoint.Tokens(chosen.pageToken(), null, null);
    }

    private static String choices(List<Linked> linked) {
        return String.join(", ", linked.stream().map(l -> l.instagramId() + " (Page " + l.pageName() + ")").toList());
    }
}
