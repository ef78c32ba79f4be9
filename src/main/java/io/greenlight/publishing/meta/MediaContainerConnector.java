package io.greenlight.publishing.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.channel.Channel;
import io.greenlight.publishing.EngagementCounts;
import io.greenlight.publishing.MediaAttachment;
import io.greenlight.publishing.NetworkConnector;
import io.greenlight.publishing.NetworkHttp;
import io.greenlight.publishing.PublishException;
import io.greenlight.publishing.PublishRequest;
import io.greenlight.publishing.PublishResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.text.Normalizer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Publishing the way Instagram and Threads do it: in steps, through media containers, never by upload.
 * <ol>
 *   <li>a container is created for the post ({@code POST /{user}/media} or {@code /threads}, the media given as a
 *       public URL the network downloads itself); for a carousel first one per item ({@code is_carousel_item=true}),
 *       then the carousel's ({@code media_type=CAROUSEL}, {@code children});</li>
 *   <li>the network processes it: its status ({@code GET /{container-id}}) is {@code IN_PROGRESS}, then
 *       {@code FINISHED} (or {@code ERROR}; unpublished containers {@code EXPIRED} after 24 h);</li>
 *   <li>it is published ({@code POST /{user}/media_publish} or {@code /threads_publish}, {@code creation_id}) →
 *       {@code {"id"}}; afterwards its status is {@code PUBLISHED}.</li>
 * </ol>
 * <b>Exactly once.</b> Every container id is saved ({@link io.greenlight.publishing.PublishProgress}, i.e. on the publish
 * intent, committed at once) before the next step, so a retry continues with the containers it has: nothing is ever
 * published without its container id on record, and a container is published at most once. A retry after a publish
 * call whose answer never came (time-out) asks the container first: {@code PUBLISHED} means it went out, and the post
 * is looked up in the account's list ({@code GET /{user}/media} or {@code /threads}: same text, not older than the
 * first attempt) instead of being published again ({@link Idempotency#LOOKUP}).
 * <p>
 * <b>Waiting without blocking.</b> The status is read a few times with a short wait within the publish job
 * ({@code greenlight.publishing.containers.polls}, {@code poll-wait}: 3 × 2 s); a container still {@code IN_PROGRESS}
 * (a video) makes the attempt fail retryably, not before a minute, and the next attempt of the job, by the diagram's
 * back-off, takes up the same container. {@code ERROR} refuses the post with the network's reason (a retry after a
 * fix makes new containers); {@code EXPIRED} containers are replaced. Before publishing, the account's quota
 * ({@code content_publishing_limit}, {@code threads_publishing_limit}) is read: when it is used up the post waits an
 * hour without spending a retry.
 */
public abstract class MediaContainerConnector extends NetworkConnector {

    private static final Logger LOG = LoggerFactory.getLogger(MediaContainerConnector.class);

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String FINISHED = "FINISHED";
    public static final String PUBLISHED = "PUBLISHED";
    public static final String ERROR = "ERROR";
    public static final String EXPIRED = "EXPIRED";
    /** The next attempt for a container that is still being processed is not before this. */
    public static final Duration PROCESSING_RETRY = Duration.ofMinutes(1);
    /** The next attempt after the account's publishing quota was found used up. */
    public static final Duration QUOTA_RETRY = Duration.ofHours(1);
    /** A post found in the account's list counts as ours only if it is not older than the first attempt minus this. */
    static final Duration LOOKUP_SLACK = Duration.ofMinutes(10);
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    protected final ObjectMapper json = new ObjectMapper();
    private final int polls;
    private final Duration pollWait;

    private final ContainerApi api;

    protected MediaContainerConnector(NetworkHttp http, String network, String label, String defaultApi,
                                      ContainerApi api, int polls, Duration pollWait) {
        super(http, network, label, Idempotency.LOOKUP, defaultApi);
        this.api = api;
        this.polls = Math.max(1, polls);
        this.pollWait = pollWait == null || pollWait.isNegative() ? Duration.ZERO : pollWait;
    }

    /** A container's status as the network reports it, and its reason when there is one. */
    public record Status(String code, String detail) {
        boolean is(String c) {
            return c.equals(code);
        }
    }

    // ---- what differs between the networks ------------------------------------------------------------------------

    /** Refuses what the network cannot take (before anything is sent). */
    protected abstract void check(PublishRequest request, String what);

    /**
     * Adds one attachment's media type, link and (where the network takes it) alt text to its container's fields;
     * {@code alone} when it is the post's only attachment, not a carousel item.
     */
    protected abstract void media(MultiValueMap<String, String> form, MediaAttachment attachment, boolean alone);

    /**
     * The fields of the one container of a post with at most one attachment (without {@code access_token}); without
     * one it is a text post, {@code media_type=TEXT} (where the network has none, {@link #check} refuses it).
     */
    protected MultiValueMap<String, String> single(PublishRequest request, String text) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (request.media().isEmpty()) {
            form.add("media_type", "TEXT");
        } else {
            media(form, request.media().get(0), true);
        }
        if (text != null && !text.isBlank()) {
            form.add(api.textField(), text);
        }
        return form;
    }

    /** The fields of one carousel item's container. */
    protected MultiValueMap<String, String> item(MediaAttachment attachment) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("is_carousel_item", "true");
        media(form, attachment, false);
        return form;
    }

    /** The fields of the carousel's container, made of its items' containers. */
    protected MultiValueMap<String, String> carousel(List<String> children, String text) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("media_type", "CAROUSEL");
        form.add("children", String.join(",", children));
        if (text != null && !text.isBlank()) {
            form.add(api.textField(), text);
        }
        return form;
    }

    /**
     * Refuses a post with more than {@code maxItems} attachments, an attachment without a public link (the network
     * downloads each file itself) or an image whose type is not in {@code imageTypes} ({@code imageRule} says which).
     */
    protected void checkMedia(PublishRequest request, String what, int maxItems, Set<String> imageTypes,
                              String imageRule) {
        if (request.media().size() > maxItems) {
            throw PublishException.rejected(what + ": " + label() + " takes at most " + maxItems
                    + " images and videos in a carousel, the post has " + request.media().size());
        }
        for (MediaAttachment m : request.media()) {
            if (m.publicUrl() == null) {
                throw PublishException.rejected(what + ": " + label() + " downloads the media from Greenlight, which "
                        + "needs a public address: set greenlight.base-url to it (the channels page says why), then retry");
            }
            if (!m.isVideo() && !imageTypes.contains(m.mimeType() == null ? "" : m.mimeType().toLowerCase(Locale.ROOT))) {
                throw PublishException.rejected(what + ": " + label() + " takes " + imageRule + "; " + m.fileName()
                        + " is " + m.mimeType());
            }
        }
    }

    /** The text as published: the variant's text with its link appended (where the text does not have it yet). */
    protected String text(PublishRequest request) {
        return request.textWithLink();
    }

    // ---- publishing -----------------------------------------------------------------------------------------------

    @Override
    public PublishResult publish(PublishRequest request) {
        Channel channel = request.channel();
        String what = what(channel);
        String token = requireCredentials(request, "is not connected: connect the account on the channels page");
        String user = channel.getAccount();
        if (user == null || user.isBlank()) {
            throw PublishException.rejected(what + " has no account id: connect the account on the channels page "
                    + "(it fills the id in), then retry");
        }
        check(request, what);
        try {
            return new Attempt(request, client(channel), token, user.strip(), what).run();
        } catch (PublishException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(what, e, false);
        }
    }

    /** Graph API errors: code 190 is a refused token, rate-limit codes, transient errors ({@link GraphErrors}). */
    @Override
    protected PublishException translate(String what, RuntimeException e, boolean sent) {
        return GraphErrors.translate(http, what, e, sent);
    }

    /** The containers an attempt has made so far, as saved on the intent: carousel items first, then the post's. */
    record Containers(List<String> children, String container) {
        static final Containers NONE = new Containers(List.of(), null);

        Containers {
            children = children == null ? List.of() : List.copyOf(children);
        }
    }

    Containers parse(String saved) {
        if (saved == null || saved.isBlank()) {
            return Containers.NONE;
        }
        try {
            JsonNode node = json.readTree(saved);
            List<String> children = new ArrayList<>();
            node.path("children").forEach(c -> children.add(c.asText()));
            String container = node.path("container").asText("");
            return new Containers(children, container.isEmpty() ? null : container);
        } catch (JsonProcessingException e) {
            LOG.warn("Ignoring unreadable container state {}", saved);
            return Containers.NONE;
        }
    }

    String write(Containers containers) {
        Map<String, Object> value = new HashMap<>();
        value.put("children", containers.children());
        if (containers.container() != null) {
            value.put("container", containers.container());
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One attempt: the request, the account and what is saved so far. */
    private final class Attempt {
        private final PublishRequest request;
        private final RestClient client;
        private final String token;
        private final String user;
        private final String what;
        private final String text;
        private Containers saved;

        Attempt(PublishRequest request, RestClient client, String token, String user, String what) {
            this.request = request;
            this.client = client;
            this.token = token;
            this.user = user;
            this.what = what;
            this.text = text(request);
        }

        PublishResult run() {
            saved = parse(request.progress().saved());
            String earlier = saved.container();
            if (earlier != null) {
                Status status = status(earlier);
                if (status.is(PUBLISHED)) {
                    return alreadyPublished(earlier);
                }
                if (status.is(FINISHED) || status.is(IN_PROGRESS)) {
                    LOG.info("{}: taking up container {} ({})", what, earlier, status.code());
                    return awaitAndPublish(status);
                }
                forget();
                if (status.is(ERROR)) {
                    throw failed(earlier, status);
                }
                LOG.info("{}: container {} is {}; making new ones", what, earlier, status.code());
            }
            create();
            return awaitAndPublish(null);
        }

        private void create() {
            List<MediaAttachment> media = request.media();
            if (media.size() <= 1) {
                String id = createContainer(single(request, text));
                remember(new Containers(List.of(), id));
                return;
            }
            List<String> children = new ArrayList<>(saved.children().size() <= media.size() ? saved.children() : List.of());
            for (int i = children.size(); i < media.size(); i++) {
                children.add(createContainer(item(media.get(i))));
                remember(new Containers(children, null));
            }
            for (String child : children) {
                Status status = await(child, null);
                if (status.is(IN_PROGRESS)) {
                    throw stillProcessing(child);
                }
                if (!status.is(FINISHED)) {
                    forget();
                    if (status.is(ERROR)) {
                        throw failed(child, status);
                    }
                    throw PublishException.retry(what + ": carousel item " + child + " is " + status.code()
                            + "; the next attempt makes new containers", null);
                }
            }
            String carousel = createContainer(carousel(children, text));
            remember(new Containers(children, carousel));
        }

        /** {@code known}: the container's status as just read, or null. */
        private PublishResult awaitAndPublish(Status known) {
            String container = saved.container();
            Status status = await(container, known);
            if (status.is(FINISHED)) {
                return publishContainer(container);
            }
            if (status.is(IN_PROGRESS)) {
                throw stillProcessing(container);
            }
            if (status.is(PUBLISHED)) {
                return alreadyPublished(container);
            }
            forget();
            if (status.is(ERROR)) {
                throw failed(container, status);
            }
            throw PublishException.retry(what + ": container " + container + " is " + status.code()
                    + "; the next attempt makes a new one", null);
        }

        private PublishResult publishContainer(String container) {
            checkQuota();
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("creation_id", container);
            JsonNode answer;
            try {
                answer = post(api.publish(), form);
            } catch (RuntimeException e) {
                // the only call that publishes: a time-out here may mean it is out (the retry asks the container)
                throw translate(what, e, true);
            }
            String id = answer == null ? "" : answer.path("id").asText("");
            if (id.isEmpty()) {
                throw PublishException.unknown(what + " answered the publish call without a media id", null);
            }
            LOG.info("{}: published container {} as {}", what, container, id);
            return new PublishResult(id, permalink(id));
        }

        /** The container went out in an earlier attempt whose answer never came: find the post, never publish again. */
        private PublishResult alreadyPublished(String container) {
            Optional<PublishResult> found = lookUp();
            if (found.isPresent()) {
                LOG.info("{}: container {} was published already, as {}", what, container, found.get().externalId());
                return found.get();
            }
            throw PublishException.retry(what + ": container " + container + " is published, but the post is not in the "
                    + "account's list yet; the next attempt looks again (it is never published twice)", PROCESSING_RETRY);
        }

        private Optional<PublishResult> lookUp() {
            JsonNode list = get("/" + api.version() + "/" + user + "/" + api.containers() + "?fields=id," + api.textField()
                    + ",timestamp,permalink&limit=25");
            OffsetDateTime since = request.firstAttemptAt() == null ? null : request.firstAttemptAt().minus(LOOKUP_SLACK);
            String wanted = comparable(text);
            for (JsonNode media : list == null ? json.createArrayNode() : list.path("data")) {
                OffsetDateTime at = time(media.path("timestamp").asText(""));
                boolean recent = since == null || at == null || !at.isBefore(since);
                if (recent && Objects.equals(wanted, comparable(media.path(api.textField()).asText("")))) {
                    String permalink = media.path("permalink").asText("");
                    return Optional.of(new PublishResult(media.path("id").asText(), permalink.isEmpty() ? null : permalink));
                }
            }
            return Optional.empty();
        }

        private void checkQuota() {
            JsonNode quota;
            try {
                quota = get("/" + api.version() + "/" + user + "/" + api.quota() + "?fields=quota_usage,config");
            } catch (RuntimeException e) {
                if (GraphErrors.refusedToken(e)) {
                    throw translate(what, e, false);
                }
                LOG.info("{}: could not read the publishing quota ({}); publishing anyway", what, e.getMessage());
                return;
            }
            JsonNode usage = quota == null ? null : quota.path("data").path(0);
            if (usage == null || !usage.has("quota_usage")) {
                return;
            }
            int used = usage.path("quota_usage").asInt();
            int total = usage.path("config").path("quota_total").asInt(0);
            if (total > 0 && used >= total) {
                throw PublishException.waitForSlot(what + " has used up its " + label() + " publishing limit (" + used
                        + " of " + total + " posts in 24 h): tries again in an hour", QUOTA_RETRY);
            }
        }

        private String createContainer(MultiValueMap<String, String> fields) {
            JsonNode answer;
            try {
                answer = post(api.containers(), fields);
            } catch (RuntimeException e) {
                // a container is not a post: nothing is out yet, whatever happened
                throw translate(what + " (media container)", e, false);
            }
            String id = answer == null ? "" : answer.path("id").asText("");
            if (id.isEmpty()) {
                throw PublishException.retry(what + ": the media container was created without an id", null);
            }
            return id;
        }

        /** Reads the status up to {@code polls} times while it is IN_PROGRESS, {@code poll-wait} apart. */
        private Status await(String container, Status known) {
            Status status = known != null ? known : status(container);
            for (int i = 1; i < polls && status.is(IN_PROGRESS); i++) {
                pause();
                status = status(container);
            }
            return status;
        }

        private Status status(String container) {
            JsonNode answer = get("/" + api.version() + "/" + container + "?fields=" + api.statusFields());
            Status status = answer == null ? new Status("", null) : api.status(answer);
            return status.code() == null ? new Status("", status.detail()) : status;
        }

        private PublishException stillProcessing(String container) {
            return PublishException.retry(what + ": " + label() + " is still processing the media (container " + container
                    + "); the next attempt publishes this container", PROCESSING_RETRY);
        }

        private PublishException failed(String container, Status status) {
            return PublishException.rejected(what + ": " + label() + " could not process the media (container " + container
                    + " " + status.code() + (status.detail() == null || status.detail().isBlank() ? "" : ": " + status.detail())
                    + "). Check the files against " + label() + "'s media rules; a retry makes new containers.");
        }

        private void remember(Containers containers) {
            saved = containers;
            request.progress().save(write(containers));
        }

        private void forget() {
            saved = Containers.NONE;
            request.progress().save(null);
        }

        private String permalink(String id) {
            try {
                JsonNode media = get("/" + api.version() + "/" + id + "?fields=permalink");
                String link = media == null ? "" : media.path("permalink").asText("");
                return link.isEmpty() ? null : link;
            } catch (RuntimeException e) {
                LOG.info("{}: published as {}, its permalink could not be read ({})", what, id, e.getMessage());
                return null;
            }
        }

        private JsonNode post(String edge, MultiValueMap<String, String> fields) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>(fields);
            form.add("access_token", token);
            return client.post().uri("/" + api.version() + "/{user}/" + edge, user)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                    .body(form).retrieve().body(JsonNode.class);
        }

        private JsonNode get(String pathAndQuery) {
            return client.get().uri(pathAndQuery).header("Authorization", "Bearer " + token)
                    .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
        }

        private void pause() {
            try {
                Thread.sleep(pollWait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PublishException.retry(what + ": interrupted while waiting for the media container", null);
            }
        }
    }

    /** A text as compared with the account's posts: NFC, line ends unified, outer white space ignored. */
    static String comparable(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").strip();
    }

    /** The Graph API's timestamps: {@code 2026-11-22T09:00:05+0000}. */
    static OffsetDateTime time(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, GRAPH_TIME);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }

    // ---- metrics --------------------------------------------------------------------------------------------------

    /** Likes, reposts and replies from the media's insights, under the network's names for them (asked in that order: likes, replies, reposts). */
    protected Optional<EngagementCounts> engagement(Channel channel, String token, String mediaId, String likes,
                                                    String replies, String reposts) {
        if (token == null) {
            return Optional.empty();
        }
        Map<String, Integer> values = insights(channel, token, mediaId, likes + "," + replies + "," + reposts);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EngagementCounts(values.get(likes), values.get(reposts), values.get(replies)));
    }

    /**
     * The media's insights ({@code GET /{media-id}/insights?metric=…}): each metric's lifetime value by name
     * ({@code data[].values[0].value}, or {@code total_value.value}). Empty when the network has none yet (an empty
     * data set, or code 10 "not enough viewers").
     */
    protected Map<String, Integer> insights(Channel channel, String token, String mediaId, String metrics) {
        JsonNode answer;
        try {
            answer = client(channel).get().uri("/" + api.version() + "/{id}/insights?metric={metrics}", mediaId, metrics)
                    .header("Authorization", "Bearer " + token).accept(MediaType.APPLICATION_JSON)
                    .retrieve().body(JsonNode.class);
        } catch (RuntimeException e) {
            if (GraphErrors.code(e) == 10) {
                return Map.of();
            }
            throw translate(what(channel), e, false);
        }
        Map<String, Integer> values = new HashMap<>();
        for (JsonNode metric : answer == null ? json.createArrayNode() : answer.path("data")) {
            JsonNode value = metric.path("values").path(0).path("value");
            if (value.isMissingNode()) {
                value = metric.path("total_value").path("value");
            }
            if (value.canConvertToInt()) {
                values.put(metric.path("name").asText(), value.asInt());
            }
        }
        return values;
    }
}
