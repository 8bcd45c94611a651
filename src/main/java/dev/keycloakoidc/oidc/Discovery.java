package dev.keycloakoidc.oidc;

import okhttp3.OkHttpClient;

/**
 * Reads an issuer's discovery document the way Dex does at start-up, and fails where Dex would:
 * unreachable or untrusted issuer, a document that is not JSON or lacks an endpoint, or an
 * {@code issuer} that differs from the configured one by a single byte.
 */
public final class Discovery {

    private Discovery() {}

    /**
     * GETs {@code <issuer>/.well-known/openid-configuration}.
     *
     * @throws DiscoveryException with a status-ready message (e.g. {@code issuer mismatch:
     *     discovery says X, config says Y})
     * @throws dev.keycloakoidc.http.UnreachableException when the issuer does not answer
     * @throws dev.keycloakoidc.http.TlsException when its certificate would not be trusted
     */
    public static DiscoveryDocument fetch(OkHttpClient http, String issuer) {
        throw new UnsupportedOperationException();
    }
}
