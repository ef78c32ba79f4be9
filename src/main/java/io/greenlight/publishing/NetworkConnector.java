package io.greenlight.publishing;

import io.greenlight.channel.Channel;
import org.springframework.web.client.RestClient;

/**
 * The shared skeleton of the connectors that call a network's HTTP API: their network and idempotency, how messages
 * name a channel, where the API is, the credentials check, the translation of failures into
 * {@link PublishException}s, and deleting where a post that is already gone counts as deleted.
 */
public abstract class NetworkConnector implements Publisher {

    protected final NetworkHttp http;
    private final String network;
    private final String label;
    private final Idempotency idempotency;
    private final String defaultApi;

    /**
     * @param network    as in {@code network_rule.network}
     * @param label      the network's name in messages, e.g. "Mastodon"
     * @param defaultApi the network's API when the channel has no base URL; null when the channel always names it
     */
    protected NetworkConnector(NetworkHttp http, String network, String label, Idempotency idempotency, String defaultApi) {
        this.http = http;
        this.network = network;
        this.label = label;
        this.idempotency = idempotency;
        this.defaultApi = defaultApi;
    }

    @Override
    public String network() {
        return network;
    }

    @Override
    public Idempotency idempotency() {
        return idempotency;
    }

    /** The network's name in messages, e.g. "Mastodon". */
    protected String label() {
        return label;
    }

    /** How messages name the channel, e.g. {@code Mastodon channel 'brand-masto'}. */
    protected String what(Channel channel) {
        return label + " channel '" + channel.getKey() + "'";
    }

    /** The API's address: the channel's base URL when set (its own server, a test stub), else the network's. */
    protected String apiOf(Channel channel) {
        return NetworkHttp.baseUrlOr(channel, defaultApi);
    }

    /** A client for the channel's API. */
    protected RestClient client(Channel channel) {
        return http.client(apiOf(channel));
    }

    /** The request's credentials; without them the post is rejected, {@code missing} saying why. */
    protected String requireCredentials(PublishRequest request, String missing) {
        if (request.credentials() == null) {
            throw PublishException.rejected(what(request.channel()) + " " + missing);
        }
        return request.credentials();
    }

    /** What a failed call means ({@link NetworkHttp#translate}); a network with error codes of its own refines it. */
    protected PublishException translate(String what, RuntimeException e, boolean sent) {
        return http.translate(what, e, sent);
    }

    @Override
    public boolean canDelete() {
        return true;
    }

    /** Runs a delete call: a post that is already gone (404) counts as deleted, other failures are translated. */
    protected void deleting(Channel channel, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (!NetworkHttp.gone(e)) {
                throw translate(what(channel), e, false);
            }
        }
    }
}
