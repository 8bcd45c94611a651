package dev.keycloakoidc.keycloak;

import java.util.List;
import java.util.Map;

/**
 * The client the charm wants for one consumer: confidential ({@code client-secret}), exactly
 * these flows, redirect URIs and audience mappers, marked with {@code attributes} as managed by
 * this application (the charm's audience mappers carry the same markers). Everything else about
 * the client is fixed by {@link KeycloakClients}.
 *
 * @param audiences one audience mapper each, added to access tokens' {@code aud}
 */
public record ClientSpec(String clientId, String name, List<String> redirectUris, ClientFlows flows,
                         List<String> audiences, Map<String, String> attributes) {

    public ClientSpec {
        redirectUris = List.copyOf(redirectUris);
        audiences = List.copyOf(audiences);
        attributes = Map.copyOf(attributes);
    }
}
