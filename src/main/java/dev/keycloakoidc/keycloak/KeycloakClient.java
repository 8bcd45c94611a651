package dev.keycloakoidc.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A client as Keycloak has it, from one {@code GET .../clients} read (the representation carries
 * the secret for a caller with {@code view-clients}).
 *
 * @param id internal UUID, used in admin paths
 * @param attributes all of the client's attributes; under a secret-rotation policy they include
 *        the previous secret ({@code client.secret.rotated}), so never log them
 * @param clientScopes the names of its default and optional client scopes: besides {@code openid},
 *        the scopes Keycloak grants it (it answers {@code invalid_scope} to any other)
 */
public record KeycloakClient(String id, String clientId, List<String> redirectUris, Optional<String> secret,
                             Map<String, String> attributes, boolean enabled, boolean publicClient,
                             boolean standardFlowEnabled, boolean implicitFlowEnabled,
                             boolean directAccessGrantsEnabled, boolean serviceAccountsEnabled,
                             String clientAuthenticatorType, Set<String> clientScopes) {

    public KeycloakClient {
        redirectUris = List.copyOf(redirectUris);
        attributes = Map.copyOf(attributes);
        clientScopes = Set.copyOf(clientScopes);
    }

    /**
     * True when this client is what {@code spec} asks for, so no write is needed. Compares only
     * what the charm controls: redirect URIs as a set (Keycloak does not promise their order),
     * the flags and authenticator type, and that every attribute of the spec is present with the
     * same value; attributes Keycloak or an administrator added do not matter.
     */
    public boolean satisfies(ClientSpec spec) {
        return clientId.equals(spec.clientId())
                && Set.copyOf(redirectUris).equals(Set.copyOf(spec.redirectUris()))
                && enabled
                && !publicClient
                && standardFlowEnabled
                && !implicitFlowEnabled
                && !directAccessGrantsEnabled
                && !serviceAccountsEnabled
                && ClientRepresentations.AUTHENTICATOR.equals(clientAuthenticatorType)
                && spec.attributes().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(attributes.get(e.getKey())));
    }

    /** Hides the secret; leaves out the attributes, which may hold the previous one. */
    @Override
    public String toString() {
        return "KeycloakClient[id=" + id + ", clientId=" + clientId + ", redirectUris=" + redirectUris
                + ", secret=" + (secret.isPresent() ? "(set)" : "(none)") + "]";
    }
}
