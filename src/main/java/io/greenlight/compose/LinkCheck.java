package io.greenlight.compose;

import io.greenlight.engine.HttpClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The composer's link check: the syntax always (an absolute http/https address with a host); with
 * {@code greenlight.compose.link-check.head-requests=true} also a HEAD request (3 s timeout, redirects followed) whose
 * 4xx/5xx answer or failure is a warning. Addresses on this host or a private network are not requested unless
 * {@code greenlight.compose.link-check.allow-private=true}, so the check cannot be used to probe the inside.
 */
@Service
public class LinkCheck {

    /** The composer waits for the answer: a link that takes longer counts as not reachable. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final boolean headRequests;
    private final boolean allowPrivate;
    private final RestClient http;

    public LinkCheck(@Value("${greenlight.compose.link-check.head-requests:false}") boolean headRequests,
                     @Value("${greenlight.compose.link-check.allow-private:false}") boolean allowPrivate,
                     HttpClients clients) {
        this.headRequests = headRequests;
        this.allowPrivate = allowPrivate;
        this.http = clients.options().withConnectTimeout(TIMEOUT).withReadTimeout(TIMEOUT).preferringHttp2()
                .followingRedirects().client();
    }

    /** {@code level}: ok, warning (looks broken or could not be checked) or error (not a web address). */
    public record Result(String url, String level, String message, Integer status) {
    }

    public Result check(String url) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            return new Result(u, "error", "Enter a web address.", null);
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (Exception e) {
            return new Result(u, "error", "This is not a web address (check spaces and special characters).", null);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            return new Result(u, "error", "Links must start with http:// or https://.", null);
        }
        if (uri.getHost() == null || uri.getHost().isBlank() || (!uri.getHost().contains(".") && !allowPrivate)) {
            return new Result(u, "error", "The address has no valid host name.", null);
        }
        if (!headRequests) {
            return new Result(u, "ok", "The address is well-formed (reachability is not checked on this server).", null);
        }
        try {
            InetAddress address = InetAddress.getByName(uri.getHost());
            if (!allowPrivate && (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress())) {
                return new Result(u, "warning", "Not checked: the address points to a private network.", null);
            }
        } catch (UnknownHostException e) {
            return new Result(u, "warning", "The host " + uri.getHost() + " does not exist: the link looks broken.", null);
        }
        try {
            int status = http.head().uri(uri).header("User-Agent", "Greenlight link check")
                    .exchange((request, response) -> response.getStatusCode().value());
            if (status == 405 || status == 501) {
                return new Result(u, "ok", "The server answers (it does not allow HEAD requests).", status);
            }
            if (status >= 400) {
                return new Result(u, "warning", "The link looks broken: the server answered " + status + ".", status);
            }
            return new Result(u, "ok", "The link works (" + status + ").", status);
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Result(u, "warning", "The link could not be checked.", null);
            }
            return new Result(u, "warning", "The link could not be reached: it may be broken.", null);
        }
    }
}
