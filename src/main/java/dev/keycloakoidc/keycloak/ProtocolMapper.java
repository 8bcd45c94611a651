package dev.keycloakoidc.keycloak;

import java.util.Map;

/**
 * A protocol mapper of a client, as Keycloak lists it with the client.
 *
 * @param id             internal id, used in admin paths
 * @param protocolMapper the mapper type, e.g. {@code oidc-audience-mapper}
 */
public record ProtocolMapper(String id, String name, String protocol, String protocolMapper, Map<String, String> config) {

    public ProtocolMapper {
        config = Map.copyOf(config);
    }
}
