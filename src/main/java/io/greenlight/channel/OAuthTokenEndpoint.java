package io.greenlight.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.greenlight.engine.HttpClients;
import io.greenlight.engine.UserFacingException;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** The networks' OAuth 2.0 token endpoints: code and refresh grants, and what their answers and errors mean. */
public class OAuthTokenEndpoint {

    private final RestClient http;

    OAuthTokenEndpoint(HttpClients clients) {
        this.http = clients.client(null);
    }

    /** What a token endpoint gave. */
    public record Tokens(String accessToken, String refreshToken, Long expiresIn) {
    }

    /** A form for the token endpoint; the app authenticates with Basic or in the body, as its network wants. */
    public Form form(String grantType, OAuthProperties.Provider provider) {
        Form form = new Form().with("grant_type", grantType).with("client_id", provider.clientId());
        if (!provider.network().basicClientAuthentication() && provider.clientSecret() != null) {
            form.with("client_secret", provider.clientSecret());
        }
        return form;
    }

    public static final class Form {
        final MultiValueMap<String, String> values = new LinkedMultiValueMap<>();

        /** Adds a parameter unless its value is null. */
        public Form with(String name, String value) {
            if (value != null) {
                values.add(name, value);
            }
            return this;
        }
    }

    /** {@code POST} of the form to the provider's token endpoint. */
    public Tokens request(OAuthProperties.Provider provider, Form form) {
        return tokens(answer(provider, form), provider);
    }

    /** {@code POST} of the form to the provider's token endpoint: the whole answer, for networks that add to it. */
    public JsonNode answer(OAuthProperties.Provider provider, Form form) {
        return http.post().uri(provider.tokenUrl())
                .headers(h -> {
                    if (provider.network().basicClientAuthentication() && provider.clientSecret() != null) {
                        h.setBasicAuth(provider.clientId(), provider.clientSecret(), StandardCharsets.UTF_8);
                    }
                })
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                .body(form.values).retrieve().body(JsonNode.class);
    }

    /** {@code GET} of a JSON answer, with a bearer token when one is given. */
    public JsonNode get(URI uri, String bearer) {
        return http.get().uri(uri)
                .headers(h -> {
                    if (bearer != null) {
                        h.set("Authorization", "Bearer " + bearer);
                    }
                })
                .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class);
    }

    /** The tokens in a token endpoint's answer; none is an error the manager sees. */
    public Tokens tokens(JsonNode answer, OAuthProperties.Provider provider) {
        String access = answer == null ? "" : answer.path("access_token").asText("");
        if (access.isEmpty()) {
            throw UserFacingException.invalid(provider.name() + " answered without an access token.");
        }
        String refresh = answer.path("refresh_token").asText("");
        return new Tokens(access, refresh.isEmpty() ? null : refresh,
                answer.hasNonNull("expires_in") ? answer.path("expires_in").asLong() : null);
    }

    /** The error in a token endpoint's answer: OAuth's {@code error} and {@code error_description}, or the Graph API's. */
    static String error(String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        try {
            JsonNode node = new ObjectMapper().readTree(body);
            if (node.path("error").isObject()) {
                return node.path("error").path("message").asText("");
            }
            String text = (node.path("error").asText("") + " " + node.path("error_description").asText("")).trim();
            return text.isEmpty() ? body.substring(0, Math.min(200, body.length())) : text;
        } catch (Exception e) {
            return body.substring(0, Math.min(200, body.length()));
        }
    }
}
