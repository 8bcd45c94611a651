package dev.keycloakoidc.keycloak;

import java.util.List;
import java.util.Map;

/**
 * The client the charm wants for one consumer: confidential ({@code client-secret}), standard
 * flow only, exactly these redirect URIs, marked with {@code attributes} as managed by this
 * application. Everything else about the client is fixed by {@link KeycloakAdmin}.
 */
public record ClientSpec(String clientId, String name, List<String> redirectUris, Map<String, String> attributes) {

    public ClientSpec {
        redirectUris = List.copyOf(redirectUris);
        attributes = Map.copyOf(attributes);
    }
}
