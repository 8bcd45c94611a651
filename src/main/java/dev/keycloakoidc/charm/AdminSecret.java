package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.PermissionDeniedException;
import dev.keycloakoidc.juju.SecretNotFoundException;
import dev.keycloakoidc.juju.SecretRead;
import dev.keycloakoidc.keycloak.AdminCredentials;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Reads the {@code admin-credentials} user secret into credentials, or a status saying what to fix. */
final class AdminSecret {

    /** Credentials, or why there are none. */
    record Read(Optional<AdminCredentials> credentials, Optional<Status> problem) {}

    private AdminSecret() {}

    static Read read(HookTools tools, String uri, String appName) {
        Map<String, String> content;
        try {
            // --refresh: follow `juju update-secret` at once instead of the first revision seen.
            content = tools.secretGet(uri, Optional.empty(), SecretRead.REFRESH);
        } catch (SecretNotFoundException | PermissionDeniedException e) {
            return problem("admin-credentials secret not granted to " + appName
                    + " (juju grant-secret <name> " + appName + ") or it does not exist");
        }
        String username = content.getOrDefault("username", "");
        String password = content.getOrDefault("password", "");
        String clientId = content.getOrDefault("client-id", "");
        String clientSecret = content.getOrDefault("client-secret", "");
        if (!username.isEmpty() && !password.isEmpty()) {
            return new Read(Optional.of(new AdminCredentials.Password(username, password)), Optional.empty());
        }
        if (!clientId.isEmpty() && !clientSecret.isEmpty()) {
            return new Read(Optional.of(new AdminCredentials.ServiceAccount(clientId, clientSecret)), Optional.empty());
        }
        return problem("admin-credentials secret needs username and password, or client-id and client-secret;"
                + " it has " + new TreeSet<>(content.keySet()));
    }

    private static Read problem(String message) {
        return new Read(Optional.empty(), Optional.of(new Status.Blocked(message)));
    }
}
