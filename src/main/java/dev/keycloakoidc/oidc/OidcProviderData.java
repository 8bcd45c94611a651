package dev.keycloakoidc.oidc;

import dev.keycloakoidc.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider side of an {@code oidc-provider} relation. Values on the
 * wire are strings; lists and objects are JSON.
 */
public record OidcProviderData(DiscoveryDocument discovery, List<String> scopes, String clientId,
                           String clientSecretId, String redirectUri, DexConnector dexConnector,
                           Optional<List<String>> caChain) {


    public OidcProviderData {
        Objects.requireNonNull(discovery, "discovery");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecretId, "clientSecretId");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(dexConnector, "dexConnector");
        caChain = caChain.map(List::copyOf);
    }

    /**
     * The application databag, in a stable order; {@code groups} (the groups claim) when groups are on. Optional
     * endpoints the discovery document lacks are left out rather than written empty, and
     * {@code ca_chain} only when there is at least one certificate: a consumer reads "absent" as
     * "not offered".
     *
     * @throws IllegalArgumentException when the connector holds a {@code $} (see {@link DexConnector})
     */
    public Map<String, String> toDatabag() {
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("issuer_url", discovery.issuer());
        bag.put("authorization_endpoint", discovery.authorizationEndpoint());
        bag.put("token_endpoint", discovery.tokenEndpoint());
        discovery.userinfoEndpoint().ifPresent(v -> bag.put("userinfo_endpoint", v));
        bag.put("jwks_endpoint", discovery.jwksUri());
        discovery.introspectionEndpoint().ifPresent(v -> bag.put("introspection_endpoint", v));
        bag.put("scope", String.join(" ", Scopes.merge(scopes, List.of())));
        bag.put("client_id", clientId);
        bag.put("client_secret_id", clientSecretId);
        bag.put("redirect_uri", redirectUri);
        bag.put("dex_connector", dexConnector.toPublicJson());
        if (scopes.contains(Scopes.GROUPS)) {
            // The claim that carries the user's groups, named as Canonical's oauth interface names it.
            bag.put("groups", Scopes.GROUPS_CLAIM);
        }
        caChain.filter(chain -> !chain.isEmpty()).ifPresent(chain -> bag.put("ca_chain", json(chain)));
        return Collections.unmodifiableMap(bag);
    }

    private static String json(List<String> list) {
        return Json.write(list);
    }
}
