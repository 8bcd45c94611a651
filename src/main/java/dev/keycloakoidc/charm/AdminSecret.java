package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.PermissionDeniedException;
import dev.keycloakoidc.juju.SecretNotFoundException;
import dev.keycloakoidc.juju.SecretRead;
import dev.keycloakoidc.keycloak.AdminCredentials;
import java.util.Map;
import java.util.TreeSet;

/** Reads the {@code admin-credentials} user secret into credentials, or a status saying what to fix. */
final class AdminSecret {

    /** Credentials, or why there are none. */
    sealed interface Read permits Found, Unusable {}

    record Found(AdminCredentials credentials) implements Read {}

    /** A status-ready reason, e.g. that the secret is not granted. */
    record Unusable(Status problem) implements Read {}

    private AdminSecret() {}

    static Read read(Juju juju, String uri) {
        String appName = juju.context().appName();
        Map<String, String> content;
        try {
            // --refresh: follow `juju update-secret` at once instead of the first revision seen.
            content = juju.secret(uri).content(SecretRead.REFRESH);
        } catch (SecretNotFoundException | PermissionDeniedException e) {
            return unusable("admin-credentials secret not granted to " + appName
                    + " (juju grant-secret <name> " + appName + ") or it does not exist");
        }
        String username = content.getOrDefault("username", "");
        String password = content.getOrDefault("password", "");
        String clientId = content.getOrDefault("client-id", "");
        String clientSecret = content.getOrDefault("client-secret", "");
        if (!username.isEmpty() && !password.isEmpty()) {
            return new Found(new AdminCredentials.Password(username, password));
        }
        if (!clientId.isEmpty() && !clientSecret.isEmpty()) {
            return new Found(new AdminCredentials.ServiceAccount(clientId, clientSecret));
        }
        return unusable("admin-credentials secret needs username and password, or client-id and client-secret;"
                + " it has " + new TreeSet<>(content.keySet()));
    }

    private static Read unusable(String message) {
        return new Unusable(new Status.Blocked(message));
    }
}
