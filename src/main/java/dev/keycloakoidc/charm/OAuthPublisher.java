package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.juju.SecretUri;
import dev.keycloakoidc.oidc.DiscoveryDocument;
import dev.keycloakoidc.oidc.OAuthProviderData;
import dev.keycloakoidc.oidc.Scopes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the provider side of every {@code oauth} relation: the provider's settings from the moment
 * the relation exists (the interface's library acts on nothing before them, and a requirer that
 * only wants the issuer needs nothing else), plus {@code client_id} and {@code client_secret_id}
 * once its request is served, the secret granted to that relation.
 */
final class OAuthPublisher {

    private final Juju juju;

    OAuthPublisher(Juju juju) {
        this.juju = juju;
    }

    /** Returns the problems that kept every oauth relation from being served. */
    List<Status> publish(List<Relation> relations, List<Consumer> consumers, Map<String, String> secretIds,
                         DiscoveryDocument discovery, CharmConfig config, Optional<List<String>> caChain) {
        List<String> missing = OAuthProviderData.missingEndpoints(discovery);
        if (!relations.isEmpty() && !missing.isEmpty()) {
            relations.forEach(relation -> juju.publish(relation, Map.of()));
            return List.of(new Status.Blocked("cannot serve oauth: the discovery document of " + discovery.issuer()
                    + " lacks " + String.join(", ", missing) + ", which the oauth interface requires"));
        }
        for (Relation relation : relations) {
            Optional<Consumer.Request> request = Consumers.request(consumers, relation);
            Optional<OAuthProviderData.Client> client = request
                    .flatMap(r -> Optional.ofNullable(secretIds.get(relation.remoteApp())))
                    .map(secretId -> new OAuthProviderData.Client(relation.remoteApp(), secretId));
            client.ifPresent(c -> {
                if (!SecretUri.same(c.secretId(), relation.localAppData().get("client_secret_id"))) {
                    juju.secret(c.secretId()).grant(relation);
                }
            });
            List<String> scopes = Scopes.merge(config.scopes(),
                    request.map(Consumer.Request::extraScopes).orElse(List.of()));
            juju.publish(relation, new OAuthProviderData(discovery, scopes, client, caChain).toDatabag());
        }
        return List.of();
    }
}
