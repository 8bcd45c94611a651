package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.keycloak.AdminHttp.Reply;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realm's client scopes and which clients may be granted them: the part of the admin API that
 * {@link KeycloakAdmin#clientScopes()} hands out. Needs {@code manage-clients} of the realm
 * (measured on Keycloak 26.5: {@code manage-users} alone gets 403 on every call here).
 */
public final class KeycloakClientScopes {

    private final AdminHttp http;

    KeycloakClientScopes(AdminHttp http) {
        this.http = http;
    }

    /** Every client scope of the realm, mappers included, in one request. */
    public List<ClientScope> list(String realm) {
        URI url = http.admin("realms", realm, "client-scopes");
        List<ClientScope> scopes = new ArrayList<>();
        for (JsonNode rep : http.expectJson("GET", url, http.get(url), 200)) {
            scopes.add(read(rep));
        }
        return List.copyOf(scopes);
    }

    /**
     * Creates the scope with its attributes and mappers in one request, so that it never exists
     * without them; returns its id. Throws (409) if the realm has a client scope of that name.
     */
    public String create(String realm, ClientScope scope) {
        URI url = http.admin("realms", realm, "client-scopes");
        ObjectNode rep = Json.object()
                .put("name", scope.name())
                .put("protocol", scope.protocol());
        ObjectNode attributes = rep.putObject("attributes");
        scope.attributes().forEach(attributes::put);
        var mappers = rep.putArray("protocolMappers");
        scope.mappers().forEach(m -> mappers.add(MapperRepresentations.write(m)));
        Reply reply = http.post(url, rep);
        http.expect("POST", url, reply, 201);
        return AdminHttp.createdId("POST", url, reply);
    }

    /** Adds a mapper to the scope. */
    public void addMapper(String realm, String scopeId, ProtocolMapper mapper) {
        URI url = http.admin("realms", realm, "client-scopes", scopeId, "protocol-mappers", "models");
        http.expect("POST", url, http.post(url, MapperRepresentations.write(mapper)), 201);
    }

    /** Replaces the configuration of the scope's mapper {@code mapper.id()} with {@code mapper}'s. */
    public void updateMapper(String realm, String scopeId, ProtocolMapper mapper) {
        URI url = http.admin("realms", realm, "client-scopes", scopeId, "protocol-mappers", "models", mapper.id());
        // Keycloak answers 500 to a PUT whose body lacks the mapper's id.
        http.expect("PUT", url, http.put(url, MapperRepresentations.write(mapper).put("id", mapper.id())), 204);
    }

    /**
     * Makes the scope one of the client's optional client scopes: Keycloak then grants it when
     * the client asks for it, and puts its claims in no token the client did not ask for.
     * Idempotent (Keycloak answers 204 again); {@code clientId} is the client's internal id.
     * A client that has the scope as a default client scope keeps it as that.
     */
    public void addOptional(String realm, String clientId, String scopeId) {
        URI url = http.admin("realms", realm, "clients", clientId, "optional-client-scopes", scopeId);
        http.expect("PUT", url, http.put(url, null), 204);
    }

    private static ClientScope read(JsonNode rep) {
        return new ClientScope(rep.path("id").asText(), rep.path("name").asText(), rep.path("protocol").asText(),
                strings(rep.path("attributes")), MapperRepresentations.read(rep.path("protocolMappers")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
