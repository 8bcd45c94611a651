package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import java.util.List;

/**
 * One consumer application and everything it asked for, over both endpoints: it gets one
 * Keycloak client (clientId = its application name) carrying all its redirect URIs.
 *
 * @param requests each accepted relation's redirect URI and extra scopes
 */
public record Consumer(String appName, List<Request> requests) {

    /** What one relation asked for. */
    public record Request(Relation relation, String redirectUri, List<String> extraScopes) {}

    public Consumer {
        requests = List.copyOf(requests);
    }

    public List<String> redirectUris() {
        return requests.stream().map(Request::redirectUri).distinct().sorted().toList();
    }

    /** What its relations asked for on top of the configured scopes, each once, in the order asked. */
    public List<String> extraScopes() {
        return requests.stream().flatMap(r -> r.extraScopes().stream()).distinct().toList();
    }
}
