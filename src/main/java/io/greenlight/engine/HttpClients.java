package io.greenlight.engine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one place that builds outgoing HTTP clients: Spring {@link RestClient}s on the JDK's HttpClient (which, unlike
 * HttpURLConnection, never silently re-sends a POST), with the timeouts of {@code greenlight.http.connect-timeout}
 * (default 5 s) and {@code greenlight.http.read-timeout} (default 20 s). By default a client speaks HTTP/1.1 and
 * follows no redirects; a use that needs otherwise says so with {@link #options()}.
 */
@Component
public class HttpClients {

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public HttpClients(@Value("${greenlight.http.connect-timeout:PT5S}") Duration connectTimeout,
                       @Value("${greenlight.http.read-timeout:PT20S}") Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** A client with the configured timeouts, HTTP/1.1 and no redirects; {@code baseUrl} may be null. */
    public RestClient client(String baseUrl) {
        return options().client(baseUrl);
    }

    /** The configured defaults, to adjust for one use. */
    public Options options() {
        return new Options(connectTimeout, readTimeout, HttpClient.Version.HTTP_1_1, HttpClient.Redirect.NEVER);
    }

    /** How one use's clients are built. */
    public record Options(Duration connectTimeout, Duration readTimeout, HttpClient.Version version,
                          HttpClient.Redirect redirects) {

        public Options withConnectTimeout(Duration timeout) {
            return timeout == null ? this : new Options(timeout, readTimeout, version, redirects);
        }

        public Options withReadTimeout(Duration timeout) {
            return timeout == null ? this : new Options(connectTimeout, timeout, version, redirects);
        }

        /** The JDK's default: HTTP/2 where the server offers it. */
        public Options preferringHttp2() {
            return new Options(connectTimeout, readTimeout, HttpClient.Version.HTTP_2, redirects);
        }

        /** Redirects followed, except from https to http. */
        public Options followingRedirects() {
            return new Options(connectTimeout, readTimeout, version, HttpClient.Redirect.NORMAL);
        }

        public RestClient client() {
            return client(null);
        }

        public RestClient client(String baseUrl) {
            HttpClient http = HttpClient.newBuilder().version(version).connectTimeout(connectTimeout)
                    .followRedirects(redirects).build();
            JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
            factory.setReadTimeout(readTimeout);
            RestClient.Builder builder = RestClient.builder().requestFactory(factory);
            if (baseUrl != null) {
                builder.baseUrl(stripSlash(baseUrl));
            }
            return builder.build();
        }
    }

    /** An address without its trailing slash, so paths can be appended. */
    public static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
