package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.keycloak.ClientFlows;
import java.util.List;
import java.util.Optional;

/**
 * One consumer application and everything it asked for, over every endpoint: it gets one
 * Keycloak client (clientId = its application name) carrying all its redirect URIs, flows and
 * audiences.
 *
 * @param requests each accepted relation's request
 */
public record Consumer(String appName, List<Request> requests) {

    /**
     * What one relation asked for.
     *
     * @param redirectUri the callback to register; present only when the relation logs users in
     *                    ({@link ClientFlows#standardFlow}), and empty for a Kratos that has not
     *                    answered yet ({@link KratosExternalIdpEndpoint})
     */
    public record Request(Relation relation, Optional<String> redirectUri, List<String> extraScopes, ClientFlows flows,
                          List<String> audiences) {

        public Request {
            extraScopes = List.copyOf(extraScopes);
            audiences = List.copyOf(audiences);
        }

        /** A Dex's request (oidc-provider, dex-oidc-config): a login at {@code redirectUri}, no audience. */
        public Request(Relation relation, String redirectUri, List<String> extraScopes) {
            this(relation, Optional.of(redirectUri), extraScopes, ClientFlows.LOGIN, List.of());
        }
    }

    public Consumer {
        requests = List.copyOf(requests);
    }

    public List<String> redirectUris() {
        return requests.stream().flatMap(r -> r.redirectUri().stream()).distinct().sorted().toList();
    }

    /** Every flow one of its relations needs. */
    public ClientFlows flows() {
        return requests.stream().map(Request::flows).reduce(ClientFlows.NONE, ClientFlows::union);
    }

    public List<String> audiences() {
        return requests.stream().flatMap(r -> r.audiences().stream()).distinct().sorted().toList();
    }

    /** What its relations asked for on top of the configured scopes, each once, in the order asked. */
    public List<String> extraScopes() {
        return requests.stream().flatMap(r -> r.extraScopes().stream()).distinct().toList();
    }
}
