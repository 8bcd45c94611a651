package dev.keycloakoidc.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An answer read in full.
 *
 * @param headers the response's headers by lower-case name, the last value of each
 */
public record HttpReply(int status, byte[] body, Map<String, String> headers) {

    public HttpReply {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The body as UTF-8, as Keycloak and every OIDC provider send JSON. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
