package io.greenlight.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Greenlight's address as the world reaches it: {@code greenlight.base-url}. Links that leave Greenlight inside a
 * published post (tracked short links, the {@code local} feed's entry URLs, the signed media links Instagram and Threads
 * fetch) only use it when it is a real public
 * address; with the default {@code http://localhost:8080} a published link would point at every reader's own machine,
 * so posts keep their links as written and the feed's URLs stay relative. The channels page and the start-up log say
 * so while it is not set.
 */
@Component("publicAddress")
public class PublicAddress {

    private static final Logger LOG = LoggerFactory.getLogger(PublicAddress.class);
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "localhost.localdomain", "ip6-localhost");

    private final String configured;
    private final String publicBase;

    public PublicAddress(@Value("${greenlight.base-url:}") String baseUrl) {
        this.configured = stripSlash(baseUrl == null ? "" : baseUrl.strip());
        this.publicBase = isPublic(configured) ? configured : null;
    }

    /** The public base URL (no trailing slash), when {@code greenlight.base-url} names one. */
    public Optional<String> base() {
        return Optional.ofNullable(publicBase);
    }

    public boolean isPublic() {
        return publicBase != null;
    }

    /** {@code path} under the public address, or {@code path} itself (relative) while there is none. */
    public String link(String path) {
        return publicBase == null ? path : publicBase + path;
    }

    /**
     * {@code path} under {@code greenlight.base-url} as configured, local or not: for links in e-mails, which need an
     * absolute address (an empty setting falls back to {@code http://localhost:8080}).
     */
    public String asConfigured(String path) {
        return (configured.isEmpty() ? "http://localhost:8080" : configured) + path;
    }

    /** Why links stay unchanged, for the pages that warn; empty while a public address is set. */
    public Optional<String> warning() {
        if (publicBase != null) {
            return Optional.empty();
        }
        return Optional.of("greenlight.base-url is " + (configured.isEmpty() ? "not set" : configured)
                + ", which readers of your posts cannot reach: published posts keep their links as written (no click "
                + "tracking), the local feed's links stay relative, and Instagram and Threads cannot fetch a post's "
                + "images and videos, so those posts cannot be published. Set it to Greenlight's public address, e.g. "
                + "https://greenlight.example.com.");
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnAtStart() {
        warning().ifPresent(LOG::warn);
    }

    static boolean isPublic(String url) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            if (host == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (LOCAL_NAMES.contains(host) || host.endsWith(".localhost")) {
                return false;
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                InetAddress ip = InetAddress.getByName(host); // a literal: no lookup
                return !(ip.isLoopbackAddress() || ip.isAnyLocalAddress());
            }
            return true;
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
