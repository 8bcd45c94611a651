package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.keycloak.ClientFlows;
import dev.keycloakoidc.oidc.GrantType;
import dev.keycloakoidc.oidc.OAuthProviderData;
import dev.keycloakoidc.oidc.OAuthRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code oauth} endpoint, Canonical's interface ({@code charms.hydra.v0.oauth}): each
 * requirer's request, read as the interface's library reads it ({@link OAuthRequest}), becomes a
 * {@link Consumer.Request} with the flows its grant types ask for. The provider's settings are
 * written on every relation from the moment it exists (the library acts on nothing before them,
 * and a requirer that only wants the issuer needs nothing else); {@code client_id} and
 * {@code client_secret_id} once its request is served.
 */
final class OAuthEndpoint {

    static final String NAME = "oauth";

    private OAuthEndpoint() {}

    static List<EndpointRequest> read(List<Relation> relations) {
        List<EndpointRequest> requests = new ArrayList<>();
        for (Relation relation : relations) {
            requests.add(read(relation));
        }
        return requests;
    }

    static EndpointRequest read(Relation relation) {
        OAuthRequest.Parsed parsed = OAuthRequest.parse(relation.remoteAppData());
        if (parsed instanceof OAuthRequest.Valid valid) {
            return new EndpointRequest.Valid(new Consumer.Request(relation, valid.redirectUri(), valid.scopes(),
                    flows(valid.grantTypes()), valid.audiences()), Optional.empty());
        }
        if (parsed instanceof OAuthRequest.Invalid invalid) {
            return new EndpointRequest.Invalid(relation, EndpointRequest.name(relation) + ": " + invalid.problem());
        }
        return new EndpointRequest.Silent(relation);
    }

    /**
     * A grant type not asked for is off: {@code refresh_token} is what turns Keycloak's refresh
     * tokens on, and a redirect-less {@code client_credentials} requirer gets no browser flow.
     */
    static ClientFlows flows(Set<GrantType> grants) {
        return new ClientFlows(grants.contains(GrantType.AUTHORIZATION_CODE), grants.contains(GrantType.REFRESH_TOKEN),
                grants.contains(GrantType.CLIENT_CREDENTIALS), grants.contains(GrantType.DEVICE_CODE));
    }

    /** The settings of one relation: the scopes a client may ask for, and its client once served. */
    record Settings(Relation relation, List<String> scopes, Optional<String> clientId) implements Publication {

        Settings {
            scopes = List.copyOf(scopes);
        }

        public Optional<String> servedClient() {
            return clientId;
        }

        public Map<String, String> bag(Provider provider, Optional<String> secretId) {
            Optional<OAuthProviderData.Client> client = clientId.map(id -> new OAuthProviderData.Client(id, secretId.orElseThrow()));
            return new OAuthProviderData(provider.discovery(), scopes, client, provider.caChain()).toDatabag();
        }
    }
}
