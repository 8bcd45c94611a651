package dev.keycloakoidc.http;

/**
 * The server's certificate would not be trusted by a client with the same trust (system CAs plus
 * {@code ca-cert}): not signed by a trusted CA, for another name, or expired. A person must act.
 *
 * <p>{@link #getMessage()} is a status-ready line such as
 * {@code certificate of keycloak.example.com is for [ingress.local]}.
 */
public final class TlsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String host;

    public TlsException(String host, String problem, Throwable cause) {
        super(problem, cause);
        this.host = host;
    }

    public String host() { return host; }
}
