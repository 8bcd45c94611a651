package dev.keycloakoidc.oidc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider side of an {@code oidc-provider} relation, as DESIGN.md lists it. Values on the
 * wire are strings; lists and objects are JSON.
 */
public record ProviderData(DiscoveryDocument discovery, List<String> scopes, String clientId,
                           String clientSecretId, String redirectUri, DexConnector dexConnector,
                           Optional<List<String>> caChain) {

    /** The application databag, every key of DESIGN.md's table. */
    public Map<String, String> toDatabag() { throw new UnsupportedOperationException(); }
}
