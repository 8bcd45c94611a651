package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Keycloak's {@code ClientRepresentation} JSON to and from {@link KeycloakClient} / {@link ClientSpec}. */
final class ClientRepresentations {

    static final String AUTHENTICATOR = "client-secret";

    private ClientRepresentations() {}

    static KeycloakClient read(JsonNode rep) {
        List<String> redirectUris = new ArrayList<>();
        rep.path("redirectUris").forEach(uri -> redirectUris.add(uri.asText()));
        Map<String, String> attributes = new LinkedHashMap<>();
        rep.path("attributes").fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        Set<String> clientScopes = new HashSet<>();
        rep.path("defaultClientScopes").forEach(name -> clientScopes.add(name.asText()));
        rep.path("optionalClientScopes").forEach(name -> clientScopes.add(name.asText()));
        JsonNode secret = rep.get("secret");
        return new KeycloakClient(
                rep.path("id").asText(),
                rep.path("clientId").asText(),
                List.copyOf(redirectUris),
                secret != null && secret.isTextual() && !secret.asText().isEmpty()
                        ? Optional.of(secret.asText()) : Optional.empty(),
                Map.copyOf(attributes),
                rep.path("enabled").asBoolean(false),
                rep.path("publicClient").asBoolean(false),
                rep.path("standardFlowEnabled").asBoolean(false),
                rep.path("implicitFlowEnabled").asBoolean(false),
                rep.path("directAccessGrantsEnabled").asBoolean(false),
                rep.path("serviceAccountsEnabled").asBoolean(false),
                rep.path("clientAuthenticatorType").asText(""),
                clientScopes,
                MapperRepresentations.read(rep.path("protocolMappers")));
    }

    /**
     * The representation to send for {@code spec}: the fields the charm controls set over
     * {@code current} (what Keycloak has, or an empty object for a new client), so that whatever
     * Keycloak or an administrator added (scopes, mappers, extra attributes) is kept.
     * {@code secret} is dropped: an update must keep the secret, and it must not travel needlessly.
     * So are the protocol mappers: a new client gets its audience mappers in its {@code POST},
     * an existing one through the mapper endpoints ({@link KeycloakClients#update}).
     */
    static ObjectNode desired(ClientSpec spec, ObjectNode current) {
        ObjectNode rep = current.deepCopy();
        rep.remove("secret");
        rep.remove("access");
        rep.remove("protocolMappers");
        rep.put("clientId", spec.clientId());
        if (spec.name() != null && !spec.name().isEmpty()) {
            rep.put("name", spec.name());
        }
        rep.put("protocol", "openid-connect");
        rep.put("enabled", true);
        rep.put("publicClient", false);
        rep.put("bearerOnly", false);
        rep.put("clientAuthenticatorType", AUTHENTICATOR);
        rep.put("standardFlowEnabled", spec.flows().standardFlow());
        rep.put("implicitFlowEnabled", false);
        rep.put("directAccessGrantsEnabled", false);
        rep.put("serviceAccountsEnabled", spec.flows().serviceAccount());
        rep.put("frontchannelLogout", false);
        ArrayNode redirectUris = rep.putArray("redirectUris");
        spec.redirectUris().forEach(redirectUris::add);
        // Empty, not absent: without webOrigins Keycloak derives CORS origins from the redirect URIs.
        rep.putArray("webOrigins");
        ObjectNode attributes = rep.path("attributes").isObject()
                ? (ObjectNode) rep.get("attributes") : rep.putObject("attributes");
        spec.attributes().forEach(attributes::put);
        attributes.put(KeycloakClient.USE_REFRESH_TOKENS, Boolean.toString(spec.flows().refreshTokens()));
        attributes.put(KeycloakClient.DEVICE_GRANT, Boolean.toString(spec.flows().deviceGrant()));
        return rep;
    }

    /** A new client: {@link #desired} with its audience mappers. */
    static ObjectNode created(ClientSpec spec) {
        ObjectNode rep = desired(spec, Json.object());
        ArrayNode mappers = rep.putArray("protocolMappers");
        spec.audiences().forEach(audience -> mappers.add(AudienceMappers.representation(audience, spec.attributes())));
        return rep;
    }
}
