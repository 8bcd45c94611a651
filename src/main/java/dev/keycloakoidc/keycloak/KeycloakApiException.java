package dev.keycloakoidc.keycloak;

/**
 * Keycloak answered a request with an unexpected HTTP status. The message names the request and
 * Keycloak's own error text (never a request body, which may carry a secret). One kind has a type
 * of its own: {@link AdminCredentialsRejectedException}, the token endpoint refusing the charm's
 * sign-in, which Keycloak versions answer with different statuses.
 */
public sealed class KeycloakApiException extends RuntimeException permits AdminCredentialsRejectedException {

    private final int status;
    private final String method;
    private final String path;
    private final String error;

    public KeycloakApiException(String method, String path, int status, String error) {
        super(method + " " + path + " answered " + status + (error.isEmpty() ? "" : ": " + error));
        this.method = method;
        this.path = path;
        this.status = status;
        this.error = error;
    }

    public int status() { return status; }

    public String method() { return method; }

    public String path() { return path; }

    /** Keycloak's {@code errorMessage}/{@code error_description}, or empty. */
    public String error() { return error; }
}
