package dev.keycloakoidc.charm;

import dev.keycloakoidc.oidc.DiscoveryDocument;
import java.util.List;
import java.util.Optional;

/**
 * What every provider bag is made of besides its consumer's client: the config, the issuer's
 * discovery document, and the CA chain to trust ({@code ca-cert} and every valid
 * {@code receive-ca-cert} provider's CAs, one canonical PEM text per certificate).
 */
record Provider(CharmConfig config, DiscoveryDocument discovery, Optional<List<String>> caChain) {

    /** With {@code ca-cert} alone as the trust. */
    static Provider of(CharmConfig config, DiscoveryDocument discovery) {
        return of(config, discovery, CaTransferEndpoints.Trust.of(config.caCert()));
    }

    static Provider of(CharmConfig config, DiscoveryDocument discovery, CaTransferEndpoints.Trust trust) {
        return new Provider(config, discovery, trust.chain());
    }
}
