package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.oidc.DexConnector;
import dev.keycloakoidc.oidc.OidcProviderData;
import dev.keycloakoidc.oidc.RedirectUris;
import dev.keycloakoidc.oidc.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code oidc-provider} endpoint, the charm's own interface for a Dex: the requirer sends
 * {@code redirect_uri} (and may send extra {@code scope}s); the charm answers with the provider's
 * settings, a ready Dex connector and the Juju secret that holds the client secret
 * (docs/interfaces/oidc-provider).
 */
public final class OidcProviderEndpoint {

    public static final String NAME = "oidc-provider";

    private OidcProviderEndpoint() {}

    static List<EndpointRequest> read(List<Relation> relations) {
        List<EndpointRequest> requests = new ArrayList<>();
        for (Relation relation : relations) {
            requests.add(read(relation));
        }
        return requests;
    }

    static EndpointRequest read(Relation relation) {
        String uri = relation.remoteAppData().get("redirect_uri");
        if (uri == null || uri.isEmpty()) {
            return new EndpointRequest.Invalid(relation, EndpointRequest.name(relation) + " has not sent redirect_uri");
        }
        Optional<String> problem = RedirectUris.problem(uri);
        if (problem.isPresent()) {
            return new EndpointRequest.Invalid(relation, EndpointRequest.name(relation) + ": redirect_uri " + problem.get());
        }
        Scopes.Parsed extra = Scopes.parseExtra(relation.remoteAppData().getOrDefault("scope", ""));
        if (extra instanceof Scopes.Invalid invalid) {
            return new EndpointRequest.Invalid(relation, EndpointRequest.name(relation) + ": " + invalid.problem());
        }
        return new EndpointRequest.Valid(new Consumer.Request(relation, uri, ((Scopes.Valid) extra).scopes()), Optional.empty());
    }

    /** A served relation's settings: its client, the scopes it may ask for, its registered callback. */
    record Settings(Relation relation, String clientId, List<String> scopes, String redirectUri) implements Publication {

        Settings {
            scopes = List.copyOf(scopes);
        }

        public Optional<String> servedClient() {
            return Optional.of(clientId);
        }

        public Map<String, String> bag(Provider provider, Optional<String> secretId) {
            CharmConfig config = provider.config();
            DexConnector connector = new DexConnector(config.connectorId(), config.connectorName(), config.issuer(),
                    clientId, Optional.empty(), redirectUri, scopes, config.usernameKey());
            return new OidcProviderData(provider.discovery(), scopes, clientId, secretId.orElseThrow(), redirectUri,
                    connector, provider.caChain()).toDatabag();
        }
    }
}
