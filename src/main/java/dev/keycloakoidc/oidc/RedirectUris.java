package dev.keycloakoidc.oidc;

import dev.keycloakoidc.http.HttpUrl;
import java.net.URI;
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
        HttpUrl.Parsed parsed = HttpUrl.parse(uri);
        if (parsed instanceof HttpUrl.Malformed malformed) {
            return Optional.of("is not a valid URL (" + malformed.reason() + " at index " + malformed.index() + ")");
        }
        if (parsed instanceof HttpUrl.Unfit unfit) {
            return Optional.of(switch (unfit.defect()) {
                case RELATIVE -> "is not an absolute URL";
                case NOT_HTTP -> "must be http or https, not " + unfit.uri().getScheme();
                case NO_HOST -> "has no host";
                case INVALID_HOST -> "has no valid host";
                case INVALID_PORT -> "has an invalid port";
            });
        }
        URI url = ((HttpUrl.Valid) parsed).uri();
        if (url.getRawFragment() != null) {
            return Optional.of("has a fragment");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("has user info");
        }
        return Optional.empty();
    }
}
