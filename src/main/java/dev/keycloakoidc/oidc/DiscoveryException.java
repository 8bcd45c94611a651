package dev.keycloakoidc.oidc;

import java.util.OptionalInt;

/**
 * The discovery document is missing, malformed or names another issuer; the message says which,
 * in words fit for a status. Thrown by {@link Discovery#fetch}.
 *
 * <p>{@link #httpStatus()} is set when the issuer answered with something other than 200, so
 * that a caller can tell a Keycloak that is starting (5xx: wait) from a wrong issuer (404: a
 * person must act).
 */
public final class DiscoveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public DiscoveryException(String message) {
        this(message, -1);
    }

    public DiscoveryException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status that was not 200; empty when the problem is the document itself. */
    public OptionalInt httpStatus() {
        return httpStatus < 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }
}
