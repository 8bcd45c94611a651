package dev.keycloakoidc.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** What makes a consumer's {@code redirect_uri} acceptable to register in Keycloak. */
public final class RedirectUris {

    public static final int MAX_LENGTH = 2048;

    private RedirectUris() {}

    /**
     * Empty when {@code uri} is an absolute {@code http}/{@code https} URL of ASCII characters with
     * a host, no fragment, no wildcard, no user info and at most {@link #MAX_LENGTH} characters; otherwise
     * the reason, short enough for a status ({@code has a fragment}).
     *
     * <p>Stricter than Keycloak, which accepts wildcards: a consumer names one exact callback, and
     * a wildcard registered for it would let any page under that prefix receive codes. The reasons
     * read after the field name: {@code redirect_uri has a fragment}.
     */
    public static Optional<String> problem(String uri) {
        if (uri == null || uri.isEmpty()) {
            return Optional.of("is empty");
        }
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        if (uri.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c))) {
            return Optional.of("contains whitespace or control characters");
        }
        // Browsers send an ASCII URL (punycode host, percent-encoded path), and Keycloak compares
        // byte for byte: a raw U+FFFD, lone surrogate or zero-width space could never match.
        java.util.OptionalInt nonAscii = uri.chars().filter(c -> c > 0x7E).findFirst();
        if (nonAscii.isPresent()) {
            return Optional.of(String.format("contains a non-ASCII character (U+%04X); percent-encode it", nonAscii.getAsInt()));
        }
        if (uri.contains("*")) {
            return Optional.of("has a wildcard (*)");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (!parsed.isAbsolute()) {
            return Optional.of("is not an absolute URL");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be http or https, not " + parsed.getScheme());
        }
        if (parsed.getRawFragment() != null) {
            return Optional.of("has a fragment");
        }
        if (parsed.isOpaque() || parsed.getRawAuthority() == null) {
            return Optional.of("has no host");
        }
        if (parsed.getRawUserInfo() != null) {
            return Optional.of("has user info");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            return Optional.of("has no valid host");
        }
        if (parsed.getPort() == 0 || parsed.getPort() > 65535) {
            return Optional.of("has an invalid port");
        }
        return Optional.empty();
    }
}
