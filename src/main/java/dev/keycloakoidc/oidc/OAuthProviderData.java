package dev.keycloakoidc.oidc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider side of an {@code oauth} relation: what the interface's library validates with its
 * provider schema after decoding every value ({@link OAuthValues}). Every text is written so that
 * it decodes to itself, {@code ca_chain} as a JSON array, {@code jwt_access_token} as {@code True}
 * (Python's {@code str(True)}, which is not JSON, so it stays text).
 *
 * @param scopes  the scopes a client may ask for; with {@link Scopes#GROUPS} among them, the tokens
 *                carry the groups claim and the databag names it
 * @param client  the client's id and the Juju secret that holds its secret, once a request is served
 * @param caChain PEM certificates to trust for the issuer, when {@code ca-cert} is set
 */
public record OAuthProviderData(DiscoveryDocument discovery, List<String> scopes, Optional<Client> client,
                                Optional<List<String>> caChain) {

    /** A served request's client: its clientId and the id of the Juju secret with content key {@code secret}. */
    public record Client(String clientId, String secretId) {
        public Client {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secretId, "secretId");
        }
    }

    public OAuthProviderData {
        if (!missingEndpoints(discovery).isEmpty()) {
            throw new IllegalArgumentException("the discovery document lacks " + missingEndpoints(discovery));
        }
        scopes = List.copyOf(scopes);
        caChain = caChain.map(List::copyOf);
    }

    /**
     * The endpoints the library's provider schema requires that {@code discovery} lacks (Keycloak
     * always has them): without them nothing can be written on {@code oauth}.
     */
    public static List<String> missingEndpoints(DiscoveryDocument discovery) {
        List<String> missing = new ArrayList<>();
        if (discovery.introspectionEndpoint().isEmpty()) {
            missing.add("introspection_endpoint");
        }
        if (discovery.userinfoEndpoint().isEmpty()) {
            missing.add("userinfo_endpoint");
        }
        return missing;
    }

    /** The application databag, in a stable order; optional keys are left out rather than written empty. */
    public Map<String, String> toDatabag() {
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("issuer_url", OAuthValues.encode(discovery.issuer()));
        bag.put("authorization_endpoint", OAuthValues.encode(discovery.authorizationEndpoint()));
        bag.put("token_endpoint", OAuthValues.encode(discovery.tokenEndpoint()));
        bag.put("introspection_endpoint", OAuthValues.encode(discovery.introspectionEndpoint().orElseThrow()));
        bag.put("userinfo_endpoint", OAuthValues.encode(discovery.userinfoEndpoint().orElseThrow()));
        bag.put("jwks_endpoint", OAuthValues.encode(discovery.jwksUri()));
        bag.put("scope", OAuthValues.encode(String.join(" ", Scopes.merge(scopes, List.of()))));
        client.ifPresent(c -> {
            bag.put("client_id", OAuthValues.encode(c.clientId()));
            bag.put("client_secret_id", OAuthValues.encode(c.secretId()));
        });
        bag.put("jwt_access_token", "True");
        if (scopes.contains(Scopes.GROUPS)) {
            bag.put("groups", OAuthValues.encode(Scopes.GROUPS_CLAIM));
        }
        caChain.filter(chain -> !chain.isEmpty()).ifPresent(chain -> bag.put("ca_chain", OAuthValues.encode(chain)));
        return Collections.unmodifiableMap(bag);
    }
}
