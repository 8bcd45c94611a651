package dev.keycloakoidc.charm;

import dev.keycloakoidc.oidc.DiscoveryDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every provider bag is made of besides its consumer's client: the config, the issuer's
 * discovery document, and the CA chain to trust ({@code ca-cert}, one PEM block each).
 */
record Provider(CharmConfig config, DiscoveryDocument discovery, Optional<List<String>> caChain) {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);

    static Provider of(CharmConfig config, DiscoveryDocument discovery) {
        return new Provider(config, discovery, config.caCert().map(Provider::pemBlocks));
    }

    static List<String> pemBlocks(String bundle) {
        List<String> blocks = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(bundle);
        while (m.find()) {
            blocks.add(m.group() + "\n");
        }
        return List.copyOf(blocks);
    }
}
