package dev.keycloakoidc.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client as Keycloak has it, from one {@code GET .../clients} read (the representation carries
 * the secret for a caller with {@code view-clients}).
 *
 * @param id internal UUID, used in admin paths
 */
public record KeycloakClient(String id, String clientId, List<String> redirectUris, Optional<String> secret,
                             Map<String, String> attributes, boolean enabled, boolean publicClient,
                             boolean standardFlowEnabled, boolean implicitFlowEnabled,
                             boolean directAccessGrantsEnabled, boolean serviceAccountsEnabled,
                             String clientAuthenticatorType) {

    /** True when this client is what {@code spec} asks for, so no write is needed. */
    public boolean satisfies(ClientSpec spec) {
        throw new UnsupportedOperationException();
    }
}
