package io.greenlight.post;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What reviewers read on a resubmitted post's inbox card. */
class VersionChangesTest {

    static final String V1 = "[local]\nSpring sale starts Monday\nLink: https://example.com\n\n[mastodon]\nSpring sale!";

    @Test
    void namesEachPartThatChanged() {
        String v2 = "[local]\nSpring sale starts Tuesday\nLink: https://example.com\n\n[mastodon]\nSpring sale!"
                + "\n\nMedia [mastodon]: asset 4";
        assertThat(VersionChanges.changes("Sale", V1, "Spring sale", v2))
                .containsExactly("title", "text on local", "media on mastodon");
    }

    @Test
    void addedAndRemovedChannelsAndNothingChanged() {
        String v2 = "[local]\nSpring sale starts Monday\nLink: https://example.com\n\n[bluesky]\nSale";
        assertThat(VersionChanges.changes("Sale", V1, "Sale", v2)).containsExactly("added local".replace("local", "bluesky"),
                "removed mastodon");
        assertThat(VersionChanges.changes("Sale", V1, "Sale", V1)).isEmpty();
    }
}
