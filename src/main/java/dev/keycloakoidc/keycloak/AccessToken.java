package dev.keycloakoidc.keycloak;

import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token and when Keycloak said it stops working. {@code toString()} hides the token.
 */
record AccessToken(String value, Instant expiresAt) {

    /**
     * How long before expiry a token is replaced: a request sent with a token that expires in
     * flight would fail with 401, and password-grant tokens on {@code admin-cli} live only 60 s.
     */
    static final Duration MARGIN = Duration.ofSeconds(10);

    boolean usableAt(Instant now) {
        return now.plus(MARGIN).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + "]";
    }
}
