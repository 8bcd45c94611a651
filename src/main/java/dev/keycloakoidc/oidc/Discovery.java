package dev.keycloakoidc.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.http.HttpFailures;
import dev.keycloakoidc.http.HttpReply;
import dev.keycloakoidc.http.HttpRequest;
import dev.keycloakoidc.http.HttpTransport;
import dev.keycloakoidc.http.HttpUrl;
import dev.keycloakoidc.http.ReplyTooLargeException;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an issuer's discovery document the way Dex does at start-up, and fails where Dex would:
 * unreachable or untrusted issuer, a document that is not JSON or lacks an endpoint, or an
 * {@code issuer} that differs from the configured one by a single byte.
 */
public final class Discovery {

    /** Keycloak's documents are a few kB; anything this large is not one. */
    static final int MAX_BYTES = 1 << 20;

    private static final List<String> REQUIRED = List.of("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri");

    private Discovery() {}

    /**
     * GETs {@code <issuer>/.well-known/openid-configuration}.
     *
     * @throws DiscoveryException with a status-ready message (e.g. {@code issuer mismatch:
     *     discovery says X, config says Y})
     * @throws dev.keycloakoidc.http.UnreachableException when the issuer does not answer
     * @throws dev.keycloakoidc.http.TlsException when its certificate would not be trusted
     */
    public static DiscoveryDocument fetch(HttpTransport http, String issuer) {
        if (issuer == null || issuer.isBlank()) {
            throw new DiscoveryException("issuer is empty");
        }
        URI url = HttpUrl.valid(wellKnownUrl(issuer))
                .orElseThrow(() -> new DiscoveryException("issuer is not an http or https URL: " + issuer));
        HttpReply reply;
        try {
            reply = http.send(HttpRequest.get(url, Map.of("Accept", "application/json")), MAX_BYTES);
        } catch (ReplyTooLargeException e) {
            throw new DiscoveryException("discovery document at " + url + " is larger than " + MAX_BYTES + " bytes");
        } catch (IOException e) {
            throw HttpFailures.classify(http, url, e);
        }
        if (reply.status() != 200) {
            Optional<String> location = reply.status() / 100 == 3 ? reply.header("Location") : Optional.empty();
            throw new DiscoveryException("discovery at " + url + " answered HTTP " + reply.status()
                    + location.map(to -> " (redirect to " + to + ")").orElse(""), reply.status());
        }
        return parse(url, reply.header("Content-Type").orElse(""), reply.body(), issuer);
    }

    /**
     * Where Dex (through go-oidc's {@code NewProvider}) looks: one trailing slash of the issuer is
     * dropped before the suffix, so {@code https://kc/realms/x/} and {@code https://kc/realms/x}
     * read the same document; the issuer itself is still compared unchanged.
     */
    static String wellKnownUrl(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + "/.well-known/openid-configuration";
    }

    static DiscoveryDocument parse(URI url, String contentType, byte[] body, String configuredIssuer) {
        JsonNode doc;
        try {
            doc = Json.parse(body);
        } catch (IOException notJson) {
            doc = null;
        }
        if (doc == null || !doc.isObject()) {
            throw new DiscoveryException("discovery document at " + url + " is not a JSON object"
                    + (contentType.isEmpty() ? "" : " (Content-Type " + contentType + ")"));
        }
        List<String> missing = new ArrayList<>();
        for (String key : REQUIRED) {
            if (text(doc, key).isEmpty()) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new DiscoveryException("discovery document at " + url + " lacks " + String.join(", ", missing));
        }
        String issuer = doc.get("issuer").asText();
        // Byte for byte, as go-oidc compares: a trailing slash or a different case is a mismatch
        // that would stop Dex from starting.
        if (!issuer.equals(configuredIssuer)) {
            throw new DiscoveryException("issuer mismatch: discovery says " + issuer + ", config says " + configuredIssuer);
        }
        return new DiscoveryDocument(issuer, doc.get("authorization_endpoint").asText(),
                doc.get("token_endpoint").asText(), text(doc, "userinfo_endpoint"), doc.get("jwks_uri").asText(),
                text(doc, "introspection_endpoint"));
    }

    /** A non-empty string member; a number or object where a URL belongs counts as absent. */
    private static Optional<String> text(JsonNode doc, String key) {
        JsonNode value = doc.get(key);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
