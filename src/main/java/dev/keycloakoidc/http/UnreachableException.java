package dev.keycloakoidc.http;

/**
 * The server could not be reached or did not answer in time (refused, timed out, unknown host).
 * Something outside the charm is not ready: the charm waits and tries again on the next hook.
 *
 * @see #getMessage() a status-ready line: {@code Keycloak unreachable at <url>: <reason>}
 */
public final class UnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String reason;

    public UnreachableException(String url, String reason, Throwable cause) {
        super("unreachable at " + url + ": " + reason, cause);
        this.url = url;
        this.reason = reason;
    }

    public String url() { return url; }

    public String reason() { return reason; }
}
