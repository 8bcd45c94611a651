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
 * @param protocolMappers the client's own mappers (not those of its client scopes)
 */
public record KeycloakClient(String id, String clientId, List<String> redirectUris, Optional<String> secret,
                             Map<String, String> attributes, boolean enabled, boolean publicClient,
                             boolean standardFlowEnabled, boolean implicitFlowEnabled,
                             boolean directAccessGrantsEnabled, boolean serviceAccountsEnabled,
                             String clientAuthenticatorType, Set<String> clientScopes,
                             List<ProtocolMapper> protocolMappers) {

    /** Keycloak's switch for refresh tokens in the authorization-code flow; absent means on. */
    static final String USE_REFRESH_TOKENS = "use.refresh.tokens";
    /** Keycloak's switch for the device authorization grant; absent means off. */
    static final String DEVICE_GRANT = "oauth2.device.authorization.grant.enabled";

    public KeycloakClient {
        redirectUris = List.copyOf(redirectUris);
        attributes = Map.copyOf(attributes);
        clientScopes = Set.copyOf(clientScopes);
        protocolMappers = List.copyOf(protocolMappers);
    }

    /** The flows as Keycloak applies them, attribute defaults included. */
    public ClientFlows flows() {
        return new ClientFlows(standardFlowEnabled, !"false".equals(attributes.get(USE_REFRESH_TOKENS)),
                serviceAccountsEnabled, "true".equals(attributes.get(DEVICE_GRANT)));
    }

    /**
     * True when this client is what {@code spec} asks for, so no write is needed. Compares only
     * what the charm controls: redirect URIs as a set (Keycloak does not promise their order),
     * the flags, flows and authenticator type, that every attribute of the spec is present with
     * the same value, and that the charm's audience mappers are exactly one per audience;
     * attributes and mappers Keycloak or an administrator added do not matter.
     */
    public boolean satisfies(ClientSpec spec) {
        return clientId.equals(spec.clientId())
                && Set.copyOf(redirectUris).equals(Set.copyOf(spec.redirectUris()))
                && enabled
                && !publicClient
                && !implicitFlowEnabled
                && !directAccessGrantsEnabled
                && flows().equals(spec.flows())
                && ClientRepresentations.AUTHENTICATOR.equals(clientAuthenticatorType)
                && spec.attributes().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(attributes.get(e.getKey())))
                && AudienceMappers.plan(protocolMappers, spec.audiences(), spec.attributes()).isEmpty();
    }

    /** Hides the secret; leaves out the attributes, which may hold the previous one. */
    @Override
    public String toString() {
        return "KeycloakClient[id=" + id + ", clientId=" + clientId + ", redirectUris=" + redirectUris
                + ", secret=" + (secret.isPresent() ? "(set)" : "(none)") + "]";
    }
}
