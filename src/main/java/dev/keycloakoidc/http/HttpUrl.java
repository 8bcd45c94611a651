package dev.keycloakoidc.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The charm's one reading of "an absolute http(s) URL": {@link URI}'s parse, a scheme of {@code http}
 * or {@code https} in any case (RFC 3986 §3.1: schemes are case-insensitive), a server-based host
 * and a port a socket can use. Each caller words the defects for its own field and adds its own
 * rules (no fragment, no query, no user info...) on the {@link Valid} URI.
 */
public final class HttpUrl {

    private HttpUrl() {}

    /** The outcome of {@link #parse}: a usable URL, text that is no URI, or a URI no request could go to. */
    public sealed interface Parsed permits Valid, Malformed, Unfit {}

    /** An absolute http(s) URL with a host; the URI is the text as given (not canonicalised). */
    public record Valid(URI uri) implements Parsed {}

    /** Not a URI: {@link URISyntaxException}'s reason ({@code Expected authority}) and where it stopped. */
    public record Malformed(String reason, int index) implements Parsed {}

    /** A URI, but not an absolute http(s) URL with a usable host and port. */
    public record Unfit(Defect defect, URI uri) implements Parsed {}

    /** What keeps a URI from being a usable http(s) URL, in the order they are checked. */
    public enum Defect {
        /** No scheme: {@code /dex/callback}, {@code keycloak.example.com}. */
        RELATIVE,
        /** A scheme other than http and https ({@link URI#getScheme()} says which). */
        NOT_HTTP,
        /** No authority at all: {@code https:///x}, {@code https:host}. */
        NO_HOST,
        /** An authority that is no host name or address: {@code https://kube_flow.example.com}. */
        INVALID_HOST,
        /** Port 0 or above 65535: {@link URI} takes any digits, no socket can use them. */
        INVALID_PORT
    }

    public static Parsed parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return new Malformed(e.getReason(), e.getIndex());
        }
        if (uri.getScheme() == null) {
            return new Unfit(Defect.RELATIVE, uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Unfit(Defect.NOT_HTTP, uri);
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return new Unfit(Defect.NO_HOST, uri);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new Unfit(Defect.INVALID_HOST, uri);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return new Unfit(Defect.INVALID_PORT, uri);
        }
        return new Valid(uri);
    }

    /** {@code text} as a URI when {@link #parse} finds it {@link Valid}; for callers with no wording of their own. */
    public static Optional<URI> valid(String text) {
        return parse(text) instanceof Valid v ? Optional.of(v.uri()) : Optional.empty();
    }
}
