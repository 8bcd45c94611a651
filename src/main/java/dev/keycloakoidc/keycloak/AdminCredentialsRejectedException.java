package dev.keycloakoidc.keycloak;

import java.util.Set;

/**
 * The token endpoint refused the charm's admin sign-in: the {@code admin-credentials} secret, or
 * the account it names, must be fixed. {@link #status()} is what Keycloak answered, which depends
 * on its version: a wrong password or an unknown user is 401 {@code invalid_grant} up to 26.5 and
 * 400 from 26.6 on; a disabled user or one with required actions is 400
 * {@code invalid_grant} on every version; a wrong client secret, an unknown or disabled client or
 * one without service accounts is 401 {@code invalid_client} or {@code unauthorized_client}.
 */
public final class AdminCredentialsRejectedException extends KeycloakApiException {

    /** The OAuth errors (RFC 6749 5.2) that mean "these credentials will not do". */
    private static final Set<String> REJECTIONS = Set.of("invalid_grant", "invalid_client", "unauthorized_client");

    private final boolean serviceAccount;
    private final String reason;

    public AdminCredentialsRejectedException(String path, int status, String reason, AdminCredentials credentials) {
        super("POST", path, status, "Keycloak rejected the admin credentials" + (reason.isEmpty() ? "" : " (" + reason + ")"));
        this.serviceAccount = credentials instanceof AdminCredentials.ServiceAccount;
        this.reason = reason;
    }

    /**
     * Whether a token endpoint's answer refuses the credentials themselves. Any 401 does (RFC 6749
     * 5.2 keeps it for a client that failed to authenticate, and Keycloak up to 26.5 answers a wrong
     * password with it too); a 400 only with one of {@link #REJECTIONS}, since a 400 also means a
     * malformed request.
     */
    static boolean rejects(int status, String oauthError) {
        return status == 401 || (status == 400 && REJECTIONS.contains(oauthError));
    }

    /** A client id and secret rather than a username and password. */
    public boolean serviceAccount() { return serviceAccount; }

    /** Keycloak's {@code error_description}, e.g. {@code Invalid user credentials}; may be empty. */
    public String reason() { return reason; }
}
