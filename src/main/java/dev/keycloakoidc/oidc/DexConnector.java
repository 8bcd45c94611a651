package dev.keycloakoidc.oidc;

import java.util.List;
import java.util.Optional;

/**
 * A Dex {@code oidc} connector, field names exactly as Dex's {@code connector/oidc} reads them
 * ({@code clientID}, {@code redirectURI}, {@code userNameKey}, ...): Dex silently ignores a
 * misspelt key.
 */
public record DexConnector(String id, String name, String issuer, String clientId, Optional<String> clientSecret,
                           String redirectUri, List<String> scopes, String userNameKey) {

    /** {@code {type, id, name, config}} as JSON, without {@code clientSecret}: for relation data. */
    public String toPublicJson() { throw new UnsupportedOperationException(); }

    /**
     * A YAML list holding this one connector, secret included, for
     * {@code juju config dex-auth connectors=@file}; parsed back and checked before it is returned.
     */
    public String toConnectorsYaml() { throw new UnsupportedOperationException(); }

    @Override
    public String toString() {
        return "DexConnector[id=" + id + ", clientId=" + clientId + ", issuer=" + issuer + "]";
    }
}
