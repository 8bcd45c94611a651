package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.http.Urls;
import dev.keycloakoidc.keycloak.AdminHttp.Reply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A realm's clients, their audience mappers and their secrets: the part of the admin API that
 * {@link KeycloakAdmin#clients()} hands out. Needs {@code manage-clients} of the realm (and
 * {@code view-clients} to read secrets).
 */
public final class KeycloakClients {

    private final AdminHttp http;

    KeycloakClients(AdminHttp http) {
        this.http = http;
    }

    /** Every client of the realm, secrets included, in one request; empty Optional if no such realm. */
    public Optional<List<KeycloakClient>> list(String realm) {
        Optional<JsonNode> reps = http.getIfExists(http.admin("realms", realm, "clients"));
        if (reps.isEmpty()) {
            return Optional.empty();
        }
        List<KeycloakClient> clients = new ArrayList<>();
        for (JsonNode rep : reps.get()) {
            clients.add(ClientRepresentations.read(rep));
        }
        return Optional.of(List.copyOf(clients));
    }

    /** Exact-match lookup by clientId. */
    public Optional<KeycloakClient> find(String realm, String clientId) {
        Optional<JsonNode> reps = http.getIfExists(
                Urls.withQuery(http.admin("realms", realm, "clients"), "clientId", clientId));
        if (reps.isPresent()) {
            for (JsonNode rep : reps.get()) {
                if (clientId.equals(rep.path("clientId").asText())) {
                    return Optional.of(ClientRepresentations.read(rep));
                }
            }
        }
        return Optional.empty();
    }

    /** Creates the client with its audience mappers; returns its internal id. Throws (409) if the clientId is taken. */
    public String create(String realm, ClientSpec spec) {
        URI url = http.admin("realms", realm, "clients");
        ObjectNode rep = ClientRepresentations.created(spec);
        Reply reply = http.post(url, rep);
        http.expect("POST", url, reply, 201);
        return AdminHttp.createdId("POST", url, reply);
    }

    /**
     * Makes the client with internal {@code id} match {@code spec}, keeping its secret: the client
     * itself, then its audience mappers (the charm's that are no longer wanted or were altered go,
     * missing ones are added; other mappers stay).
     */
    public void update(String realm, String id, ClientSpec spec) {
        URI url = http.admin("realms", realm, "clients", id);
        JsonNode current = http.expectJson("GET", url, http.get(url), 200);
        http.expect("PUT", url, http.put(url, ClientRepresentations.desired(spec, (ObjectNode) current)), 204);
        AudienceMappers.Plan plan = AudienceMappers.plan(ClientRepresentations.read(current).protocolMappers(),
                spec.audiences(), spec.attributes());
        for (ProtocolMapper stale : plan.stale()) {
            http.deleteIfExists(http.admin("realms", realm, "clients", id, "protocol-mappers", "models", stale.id()));
        }
        URI models = http.admin("realms", realm, "clients", id, "protocol-mappers", "models");
        for (String audience : plan.missing()) {
            http.expect("POST", models, http.post(models, AudienceMappers.representation(audience, spec.attributes())), 201);
        }
    }

    /** Deletes the client; an already-missing client counts as deleted. */
    public void delete(String realm, String id) {
        http.deleteIfExists(http.admin("realms", realm, "clients", id));
    }

    /** Has Keycloak generate a new secret for the client; returns it. */
    public String regenerateSecret(String realm, String id) {
        URI url = http.admin("realms", realm, "clients", id, "client-secret");
        return secretValue("POST", url, http.post(url, null));
    }

    /** The client's current secret, for a caller that did not read it with {@link #list}. */
    public String secret(String realm, String id) {
        URI url = http.admin("realms", realm, "clients", id, "client-secret");
        return secretValue("GET", url, http.get(url));
    }

    private String secretValue(String method, URI url, Reply reply) {
        String value = http.expectJson(method, url, reply, 200).path("value").asText("");
        if (value.isEmpty()) {
            throw new KeycloakApiException(method, url.getRawPath(), reply.status(), "no secret in the answer");
        }
        return value;
    }
}
