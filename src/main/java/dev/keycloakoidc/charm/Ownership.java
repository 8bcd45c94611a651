package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.keycloak.KeycloakClient;
import java.util.List;
import java.util.Map;

/**
 * The attributes that mark a Keycloak object (client, client scope, group) as created by this
 * application of this model. The charm changes and deletes only objects that carry both; anything
 * else belongs to someone else.
 */
public final class Ownership {

    static final String MODEL_UUID = "juju.model-uuid";
    static final String APPLICATION = "juju.application";

    private final Map<String, String> markers;

    public Ownership(JujuContext context) {
        this(context.modelUuid(), context.appName());
    }

    Ownership(String modelUuid, String appName) {
        this.markers = Map.of(MODEL_UUID, modelUuid, APPLICATION, appName);
    }

    public Map<String, String> markers() {
        return markers;
    }

    public boolean owns(KeycloakClient client) {
        return owns(client.attributes());
    }

    /** Whether an object with these attributes (a client's, a client scope's) is this application's. */
    public boolean owns(Map<String, String> attributes) {
        return markers.entrySet().stream().allMatch(e -> e.getValue().equals(attributes.get(e.getKey())));
    }

    public List<KeycloakClient> owned(List<KeycloakClient> clients) {
        return clients.stream().filter(this::owns).toList();
    }
}
