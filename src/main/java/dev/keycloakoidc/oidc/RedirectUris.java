package dev.keycloakoidc.oidc;

import java.util.Optional;

/** What makes a consumer's {@code redirect_uri} acceptable to register in Keycloak. */
public final class RedirectUris {

    public static final int MAX_LENGTH = 2048;

    private RedirectUris() {}

    /**
     * Empty when {@code uri} is an absolute {@code http}/{@code https} URL with a host, no
     * fragment, no wildcard, no user info and at most {@link #MAX_LENGTH} characters; otherwise
     * the reason, short enough for a status ({@code has a fragment}).
     */
    public static Optional<String> problem(String uri) { throw new UnsupportedOperationException(); }
}
