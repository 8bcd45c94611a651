package dev.keycloakoidc.testing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the ids Juju passes around: secret URIs and relation ids. */
final class Secrets {

    /** {@code secret:ID}, {@code secret://model-uuid/ID} or a bare ID, as Juju's ParseURI accepts. */
    private static final Pattern URI = Pattern.compile("^(?:secret:(?://[0-9a-f-]+/)?)?([0-9a-v]{20})$");
    private static final Pattern RELATION = Pattern.compile("^(?:([a-z][a-z0-9-]*):)?(\\d+)$");

    private Secrets() {}

    /** The bare 20-character id. */
    static Optional<String> parseUri(String uri) {
        Matcher m = URI.matcher(uri);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The number of {@code endpoint:N} or {@code N}; null when it is neither. */
    static Integer relationNumber(String ref) {
        Matcher m = RELATION.matcher(ref);
        return m.matches() ? Integer.valueOf(m.group(2)) : null;
    }

    /** The endpoint part of {@code endpoint:N}, null for a bare number. */
    static String relationEndpoint(String ref) {
        Matcher m = RELATION.matcher(ref);
        return m.matches() ? m.group(1) : null;
    }
}
