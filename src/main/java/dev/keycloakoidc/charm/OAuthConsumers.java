package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.keycloak.ClientFlows;
import dev.keycloakoidc.oidc.GrantType;
import dev.keycloakoidc.oidc.OAuthRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code oauth} relations: each requirer's request becomes a {@link Consumer.Request}
 * with the flows its grant types ask for, or a problem naming the requirer and the field. A
 * requirer that wrote nothing asks for no client: it is served the provider's settings alone.
 */
final class OAuthConsumers {

    static final String OAUTH = "oauth";

    /** Every oauth relation, the requests to serve, and the problems of those left out. */
    record Gathered(List<Relation> relations, List<Consumer.Request> requests, List<Status> problems) {}

    private OAuthConsumers() {}

    static Gathered gather(Juju juju) {
        List<Relation> relations = juju.relations(OAUTH);
        List<Consumer.Request> requests = new ArrayList<>();
        List<Status> problems = new ArrayList<>();
        for (Relation relation : relations) {
            OAuthRequest.Parsed parsed = OAuthRequest.parse(relation.remoteAppData());
            if (parsed instanceof OAuthRequest.Valid valid) {
                requests.add(new Consumer.Request(relation, valid.redirectUri(), valid.scopes(),
                        flows(valid.grantTypes()), valid.audiences()));
            } else if (parsed instanceof OAuthRequest.Invalid invalid) {
                problems.add(new Status.Blocked(Consumers.name(relation) + ": " + invalid.problem()));
            }
        }
        return new Gathered(List.copyOf(relations), List.copyOf(requests), List.copyOf(problems));
    }

    /**
     * A grant type not asked for is off: {@code refresh_token} is what turns Keycloak's refresh
     * tokens on, and a redirect-less {@code client_credentials} requirer gets no browser flow.
     */
    static ClientFlows flows(Set<GrantType> grants) {
        return new ClientFlows(grants.contains(GrantType.AUTHORIZATION_CODE), grants.contains(GrantType.REFRESH_TOKEN),
                grants.contains(GrantType.CLIENT_CREDENTIALS), grants.contains(GrantType.DEVICE_CODE));
    }
}
