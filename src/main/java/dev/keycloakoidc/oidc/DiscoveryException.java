package dev.keycloakoidc.oidc;

/** The discovery document is missing, malformed or names another issuer; the message says which. */
public final class DiscoveryException extends RuntimeException {

    public DiscoveryException(String message) {
        super(message);
    }
}
