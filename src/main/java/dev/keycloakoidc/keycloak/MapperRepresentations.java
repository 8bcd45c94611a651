package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keycloak's {@code ProtocolMapperRepresentation} JSON to and from {@link ProtocolMapper}: the
 * same for a client's mappers and a client scope's.
 */
final class MapperRepresentations {

    private MapperRepresentations() {}

    /** The mappers of a representation's {@code protocolMappers} array (none when it is absent). */
    static List<ProtocolMapper> read(JsonNode protocolMappers) {
        List<ProtocolMapper> mappers = new ArrayList<>();
        for (JsonNode mapper : protocolMappers) {
            Map<String, String> config = new LinkedHashMap<>();
            mapper.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            mappers.add(new ProtocolMapper(mapper.path("id").asText(), mapper.path("name").asText(),
                    mapper.path("protocolMapper").asText(), config));
        }
        return List.copyOf(mappers);
    }

    /**
     * The representation of {@code mapper} without its id, for a POST: on its own, or in the
     * {@code protocolMappers} of a new client or client scope.
     */
    static ObjectNode write(ProtocolMapper mapper) {
        ObjectNode rep = Json.object()
                .put("name", mapper.name())
                .put("protocol", ClientScope.OPENID_CONNECT)
                .put("protocolMapper", mapper.type());
        ObjectNode config = rep.putObject("config");
        mapper.config().forEach(config::put);
        return rep;
    }
}
