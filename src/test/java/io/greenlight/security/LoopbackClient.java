package io.greenlight.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain HTTP/1.1 over a socket bound to a chosen loopback address (127.0.0.x), so a test can act as a different
 * client address than 127.0.0.1 — which every other test uses — without a proxy. Keeps cookies like a browser.
 */
public final class LoopbackClient {

    private final String localAddress;
    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public LoopbackClient(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A browser-like session signed in through the form from 127.0.0.1, with the session's CSRF token. */
    public static LoopbackClient signedIn(int port, String user) {
        LoopbackClient client = new LoopbackClient("127.0.0.1", port);
        String token = csrfToken(client.get("/login", Map.of()).body());
        Response in = client.send("POST", "/login", headers("Content-Type", "application/x-www-form-urlencoded"),
                form(Map.of("username", user, "password", user, "_csrf", token)));
        assertThat(in.header("Location")).as("sign-in of %s", user).doesNotContain("error");
        client.csrf = csrfToken(client.get("/feed", Map.of()).body());
        assertThat(client.csrf).as("CSRF token in the page").isNotNull();
        return client;
    }

    /** A browser-like session that has not signed in, with the CSRF token of the sign-in page. */
    public static LoopbackClient anonymous(int port) {
        LoopbackClient client = new LoopbackClient("127.0.0.1", port);
        client.csrf = csrfToken(client.get("/login", Map.of()).body());
        return client;
    }

    private String csrf;

    public String csrf() {
        return csrf;
    }

    /** POSTs a form with the session's CSRF token. */
    public Response postForm(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        return send("POST", path, headers("Content-Type", "application/x-www-form-urlencoded"), form(all));
    }

    public static String csrfToken(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(html);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    public String cookie(String name) {
        return cookies.entrySet().stream().filter(e -> e.getKey().startsWith(name + "\u0000")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    public Response send(String method, String path, Map<String, String> headers, String body) {
        return sendBytes(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the body's bytes as they are (uploads of binary files). */
    public Response sendBytes(String method, String path, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            byte[] bytes = body == null ? new byte[0] : body;
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            head.append("Host: localhost:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            // like a browser: cookies whose path covers the request, the most specific path first
            String cookieHeader = cookies.entrySet().stream()
                    .filter(e -> path.startsWith(e.getKey().substring(e.getKey().indexOf('\u0000') + 1)))
                    .sorted((a, b) -> b.getKey().length() - a.getKey().length())
                    .map(e -> e.getKey().substring(0, e.getKey().indexOf('\u0000')) + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
            if (!cookieHeader.isEmpty()) {
                head.append("Cookie: ").append(cookieHeader).append("\r\n");
            }
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(bytes);
                out.flush();
            } catch (IOException refusedEarly) {
                // the server answered (413, 400…) and closed before the whole body was sent: read that answer
            }
            Response response = read(socket.getInputStream());
            assertThat(response.status()).as("no server error for %s %s: %s", method, path, response.body()).isLessThan(500);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = l.substring(colon + 1).trim();
            if (name.equals("set-cookie")) {
                String[] parts = value.split(";");
                int eq = parts[0].indexOf('=');
                String path = "/";
                for (String attribute : parts) {
                    if (attribute.trim().toLowerCase(Locale.ROOT).startsWith("path=")) {
                        path = attribute.trim().substring(5);
                    }
                }
                cookies.put(parts[0].substring(0, eq).trim() + "\u0000" + path, parts[0].substring(eq + 1));
            }
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                all.write(in.readNBytes(size));
                line(in);
            }
            body = all.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    public static Map<String, String> headersOf(String... keyValues) {
        return headers(keyValues);
    }

    static Map<String, String> headers(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static List<String> loopback(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "127.0.0." + (10 + i)).toList();
    }
}
