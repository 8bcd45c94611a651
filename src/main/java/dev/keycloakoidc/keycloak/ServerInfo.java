package dev.keycloakoidc.keycloak;

import java.util.Set;

/** From {@code GET /admin/serverinfo}: the version and the enabled features (lower-case ids). */
public record ServerInfo(String version, Set<String> enabledFeatures) {

    public boolean secretRotationEnabled() {
        return enabledFeatures.contains("client-secret-rotation") || enabledFeatures.contains("client_secret_rotation");
    }
}
