package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.oidc.DexConnector;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code get-connector}: the Dex connector list for {@code juju config dex-auth connectors=@file},
 * secret included: stock dex-auth cannot read a Juju secret, so the operator carries it over.
 * Works on any unit; Keycloak's own copy of the secret is the one printed.
 */
final class GetConnector {

    private GetConnector() {}

    static void run(Juju juju, Map<String, Object> params) {
        Prerequisites.Met prerequisites = Actions.prerequisites(juju);
        CharmConfig config = prerequisites.config();
        String wanted = Actions.string(params, "client");
        try (KeycloakAdmin admin = KeycloakAdmin.connect(prerequisites.connection())) {
            List<KeycloakClient> owned = new Ownership(juju.context()).owned(admin.clients(config.realm()).orElseThrow(
                    () -> new ActionFailure("realm " + config.realm() + " does not exist yet; see juju status")));
            KeycloakClient client = select(owned, wanted, config.realm());
            String secret = client.secret().orElseThrow(
                    () -> new ActionFailure("Keycloak did not return the secret of " + client.clientId()
                            + ": the admin credentials need the view-clients role"));
            String redirectUri = dexCallback(client.redirectUris()).orElseThrow(
                    () -> new ActionFailure("client " + client.clientId() + " has no redirect URI yet"));
            DexConnector connector = new DexConnector(config.connectorId(), config.connectorName(), config.issuer(),
                    client.clientId(), Optional.of(secret), redirectUri, config.scopes(), config.usernameKey());
            String yaml;
            try {
                yaml = connector.toConnectorsYaml();
            } catch (IllegalArgumentException e) {
                throw new ActionFailure(e.getMessage() + "; run rotate-secret for a new secret");
            }
            juju.setActionResults(Map.of("connectors", yaml));
        }
    }

    private static KeycloakClient select(List<KeycloakClient> owned, String wanted, String realm) {
        if (!wanted.isEmpty()) {
            return owned.stream().filter(c -> c.clientId().equals(wanted)).findFirst()
                    .orElseThrow(() -> new ActionFailure("client " + wanted + " is not managed by this charm; managed: "
                            + names(owned)));
        }
        if (owned.size() == 1) {
            return owned.get(0);
        }
        if (owned.isEmpty()) {
            throw new ActionFailure("no client in realm " + realm + " is managed by this charm yet; relate dex-auth first");
        }
        throw new ActionFailure("several clients are managed (" + names(owned) + "); pass client=<one of them>");
    }

    /** Dex's callback among the client's redirect URIs: the one ending in /callback, else the first. */
    private static Optional<String> dexCallback(List<String> redirectUris) {
        List<String> sorted = redirectUris.stream().sorted().toList();
        return sorted.stream().filter(u -> u.endsWith("/callback")).findFirst().or(() -> sorted.stream().findFirst());
    }

    private static String names(List<KeycloakClient> clients) {
        return clients.stream().map(KeycloakClient::clientId).sorted(Comparator.naturalOrder())
                .collect(Collectors.joining(", "));
    }
}
