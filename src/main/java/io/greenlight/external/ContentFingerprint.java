package io.greenlight.external;

import org.apache.commons.codec.digest.DigestUtils;
import io.greenlight.post.Post;


/**
 * The SHA-256 of a post's title and content as Greenlight snapshots it at every submit (the {@code content_hash} of
 * {@code post_version}): comparing the live post with a link's hash tells whether the content changed since.
 */
final class ContentFingerprint {

    private ContentFingerprint() {
    }

    static String of(Post post) {
        return sha256(post.getTitle() + "\n" + post.renderContent());
    }

    static String sha256(String s) {
        return DigestUtils.sha256Hex(s);
    }

    static String shortForm(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(12, hash.length()));
    }
}
