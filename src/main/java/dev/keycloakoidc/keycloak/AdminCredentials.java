package dev.keycloakoidc.keycloak;

/**
 * How the charm signs in to Keycloak's admin API: the content of the {@code admin-credentials}
 * user secret. {@code toString()} never shows the password or client secret.
 */
public sealed interface AdminCredentials {

    /** Password grant on {@code admin-cli} of the admin realm. */
    record Password(String username, String password) implements AdminCredentials {
        @Override
        public String toString() { return "Password[username=" + username + "]"; }
    }

    /** Client-credentials grant of a service-account client in the admin realm. */
    record ServiceAccount(String clientId, String clientSecret) implements AdminCredentials {
        @Override
        public String toString() { return "ServiceAccount[clientId=" + clientId + "]"; }
    }
}
