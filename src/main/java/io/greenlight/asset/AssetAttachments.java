package io.greenlight.asset;

import io.greenlight.channel.Channel;
import io.greenlight.channel.ChannelRepository;
import io.greenlight.channel.Violation;
import io.greenlight.engine.EngineClock;
import io.greenlight.post.Post;
import io.greenlight.post.PostAttachments;
import io.greenlight.post.PostCheck;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Library assets attached to a post's variants: what is attached (the composer and post page read it), what may be
 * attached (unknown and expired assets, each network's media rules) and, as a {@link PostCheck}, the media rules in
 * the validatePost step.
 */
@Service
@Transactional
public class AssetAttachments implements PostCheck, PostAttachments {

    private final AssetRepository assets;
    private final PostMediaRepository media;
    private final ChannelRepository channels;

    public AssetAttachments(AssetRepository assets, PostMediaRepository media, ChannelRepository channels) {
        this.assets = assets;
        this.media = media;
        this.channels = channels;
    }

    /** {@link PostAttachments}: asset ids per channel, in order. */
    @Override
    @Transactional(readOnly = true)
    public Map<String, List<Long>> attached(String postId) {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        for (PostMedia m : media.findByPostIdOrderByChannelAscPositionAsc(postId)) {
            ids.computeIfAbsent(m.getChannel(), c -> new ArrayList<>()).add(m.getAssetId());
        }
        return ids;
    }

    /** For the composer: the newest assets that can still be attached, plus those already attached to the post. */
    @Transactional(readOnly = true)
    public List<Asset> choices(String postId) {
        LocalDate today = EngineClock.now().toLocalDate();
        Map<Long, Asset> found = new LinkedHashMap<>();
        if (postId != null) {
            attachments(postId).values().forEach(list -> list.forEach(a -> found.put(a.getId(), a)));
        }
        assets.search("", "", PageRequest.of(0, 100)).getContent().stream().filter(a -> !a.expiredOn(today))
                .forEach(a -> found.putIfAbsent(a.getId(), a));
        return List.copyOf(found.values());
    }

    /** The assets attached to each channel of a post, in order. */
    @Transactional(readOnly = true)
    public Map<String, List<Asset>> attachments(String postId) {
        Map<String, List<Asset>> byChannel = new LinkedHashMap<>();
        for (PostMedia m : media.findByPostIdOrderByChannelAscPositionAsc(postId)) {
            assets.findById(m.getAssetId()).ifPresent(a -> byChannel.computeIfAbsent(m.getChannel(), c -> new ArrayList<>()).add(a));
        }
        return byChannel;
    }

    @Transactional(readOnly = true)
    public List<Asset> attachments(String postId, String channel) {
        List<Asset> found = new ArrayList<>();
        media.findByPostIdAndChannelOrderByPositionAsc(postId, channel)
                .forEach(m -> assets.findById(m.getAssetId()).ifPresent(found::add));
        return found;
    }

    /**
     * The problems of attaching these assets per channel: unknown or expired assets (newly attached ones only: a post
     * keeps what it already had) and each network's media rules.
     */
    @Override
    @Transactional(readOnly = true)
    public List<String> problems(String postId, Map<String, List<Long>> wanted) {
        List<String> problems = new ArrayList<>();
        LocalDate today = EngineClock.now().toLocalDate();
        for (Map.Entry<String, List<Long>> e : wanted.entrySet()) {
            Set<Long> had = new HashSet<>();
            if (postId != null) {
                media.findByPostIdAndChannelOrderByPositionAsc(postId, e.getKey()).forEach(m -> had.add(m.getAssetId()));
            }
            List<Asset> list = new ArrayList<>();
            for (Long id : new LinkedHashSet<>(e.getValue())) {
                Asset a = id == null ? null : assets.findById(id).orElse(null);
                if (a == null) {
                    problems.add("media: there is no asset " + id + ".");
                    continue;
                }
                if (a.expiredOn(today) && !had.contains(id)) {
                    problems.add("media: " + a.getFileName() + " expired on " + a.getExpiresOn() + " and cannot be attached.");
                }
                list.add(a);
            }
            String network = channels.findById(e.getKey()).map(Channel::getNetwork).orElse(null);
            problems.addAll(MediaRules.of(network).check(e.getKey(), list));
        }
        return problems;
    }

    /** Replaces the media of the given channels of a post (checked first, see {@link #problems}). */
    @Override
    public void attach(String postId, Map<String, List<Long>> wanted) {
        requireAttachable(postId, wanted);
        media.deleteByPostId(postId);
        media.flush();
        for (Map.Entry<String, List<Long>> e : wanted.entrySet()) {
            int position = 0;
            for (Long id : new LinkedHashSet<>(e.getValue())) {
                media.save(new PostMedia(postId, e.getKey(), id, position++));
            }
        }
    }

    /** {@link PostCheck}: the media rules of every channel of the post (the validatePost step). */
    @Override
    @Transactional(readOnly = true)
    public List<Violation> check(Post post) {
        List<Violation> found = new ArrayList<>();
        Map<String, List<Asset>> attached = attachments(post.getId());
        for (String channel : post.channels()) {
            String network = channels.findById(channel).map(Channel::getNetwork).orElse(null);
            for (String problem : MediaRules.of(network).check(channel, attached.getOrDefault(channel, List.of()))) {
                found.add(new Violation(channel, "media", 0, 0, problem));
            }
        }
        return found;
    }
}
