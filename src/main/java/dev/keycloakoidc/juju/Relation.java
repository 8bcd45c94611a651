package dev.keycloakoidc.juju;

import java.util.Map;

/**
 * One relation as this hook sees it. Absent remote data is an empty map, never an exception.
 *
 * @param id           {@code endpoint:N}
 * @param remoteApp    the application at the other end, as this model names it
 * @param remoteAppData what the other application wrote
 * @param localAppData what this application wrote (read only by the leader; empty otherwise)
 */
public record Relation(String id, String endpoint, String remoteApp, Map<String, String> remoteAppData,
                       Map<String, String> localAppData) {

    public Relation {
        remoteAppData = Map.copyOf(remoteAppData);
        localAppData = Map.copyOf(localAppData);
    }
}
