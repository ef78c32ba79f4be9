package io.greenlight.publishing.mastodon;

import io.greenlight.channel.ChannelService;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** A Mastodon channel takes its text limit from its own server ({@code GET /api/v2/instance}). */
@Component
class MastodonServerLimits implements ChannelService.ServerLimits {

    private final MastodonPublisher mastodon;

    public MastodonServerLimits(MastodonPublisher mastodon) {
        this.mastodon = mastodon;
    }

    @Override
    public Optional<Integer> maxLength(String network, String baseUrl) {
        if (!MastodonPublisher.NETWORK.equals(network)) {
            return Optional.empty();
        }
        return Optional.of(mastodon.instanceLimits(baseUrl).maxCharacters());
    }
}
