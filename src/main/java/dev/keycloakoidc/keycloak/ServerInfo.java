package dev.keycloakoidc.keycloak;

import java.util.Optional;
import java.util.Set;

/**
 * From {@code GET /admin/serverinfo}: the version and the enabled features (lower-case ids).
 *
 * @param version Keycloak's version; empty where Keycloak does not tell these credentials. From
 *        26.7 on it leaves {@code systemInfo} out for an account that cannot manage its own
 *        (admin) realm, such as docs/least-privilege.md's service account; up to 26.6 every
 *        account of {@code master} got it. The features are there for all (measured on 26.4.0,
 *        26.5.6, 26.7.3).
 */
public record ServerInfo(Optional<String> version, Set<String> enabledFeatures) {

    public boolean secretRotationEnabled() {
        return enabledFeatures.contains("client-secret-rotation") || enabledFeatures.contains("client_secret_rotation");
    }
}
