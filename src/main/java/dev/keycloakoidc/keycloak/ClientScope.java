package dev.keycloakoidc.keycloak;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client scope of a realm, as {@code GET .../client-scopes} lists it, mappers included.
 *
 * @param protocol {@code openid-connect} or {@code saml}; only the former can be granted to the
 *                 charm's (OpenID Connect) clients
 */
public record ClientScope(String id, String name, String protocol, Map<String, String> attributes,
                          List<ProtocolMapper> mappers) {

    public static final String OPENID_CONNECT = "openid-connect";

    public ClientScope {
        attributes = Map.copyOf(attributes);
        mappers = List.copyOf(mappers);
    }

    public boolean isOpenIdConnect() {
        return OPENID_CONNECT.equals(protocol);
    }

    /** The mapper named {@code name}, if the scope has one. */
    public Optional<ProtocolMapper> mapper(String name) {
        return mappers.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
