package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.CharmConfig;
import dev.keycloakoidc.charm.DexOidcConfigEndpoint;
import dev.keycloakoidc.charm.OidcProviderEndpoint;
import dev.keycloakoidc.charm.Prerequisites;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.oidc.DexConnector;
import dev.keycloakoidc.oidc.Scopes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code get-connector}: the Dex connector list for {@code juju config dex-auth connectors=@file},
 * secret included: stock dex-auth cannot read a Juju secret, so the operator carries it over.
 * Works on any unit; Keycloak's own copy of the secret is the one printed. Only the clients of a
 * Dex (an application related on {@code dex-oidc-config} or {@code oidc-provider}) have a
 * connector: an {@code oauth} requirer such as grafana reads its settings from the relation, and
 * a Dex connector pointing at its callback would be of no use to anyone.
 */
final class GetConnector {

    private GetConnector() {}

    static void run(Juju juju, Map<String, Object> params) {
        Prerequisites.Met prerequisites = Actions.prerequisites(juju);
        CharmConfig config = prerequisites.config();
        Optional<String> wanted = ActionParameters.client(params);
        try (KeycloakAdmin admin = KeycloakAdmin.connect(prerequisites.connection())) {
            List<KeycloakClient> owned = ManagedClients.in(juju, admin, config.realm(), "see juju status");
            KeycloakClient client = select(owned, dexApplications(juju), wanted, config.realm());
            String secret = client.secret().orElseThrow(
                    () -> new ActionFailure("Keycloak did not return the secret of " + client.clientId()
                            + ": the admin credentials need the view-clients role"));
            List<String> ungranted = config.scopes().stream()
                    .filter(scope -> !scope.equals(Scopes.OPENID) && !client.clientScopes().contains(scope)).toList();
            if (!ungranted.isEmpty()) {
                throw new ActionFailure("Keycloak does not grant client " + client.clientId() + " the scopes "
                        + String.join(" ", ungranted) + " yet, so a login would fail; see juju status (the leader "
                        + "attaches them on its next hook, or names what the realm lacks)");
            }
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

    private static KeycloakClient select(List<KeycloakClient> owned, Set<String> dexApps, Optional<String> wanted,
            String realm) {
        List<KeycloakClient> dex = owned.stream().filter(c -> dexApps.contains(c.clientId())).toList();
        if (wanted.isPresent()) {
            KeycloakClient client = ManagedClients.named(owned, wanted.get());
            if (!dex.contains(client)) {
                throw new ActionFailure("client " + client.clientId() + " is not a Dex's: " + client.clientId() + " is related on neither "
                        + DexOidcConfigEndpoint.NAME + " nor " + OidcProviderEndpoint.NAME
                        + " (an oauth requirer reads its settings from the relation)");
            }
            return client;
        }
        if (dex.size() == 1) {
            return dex.get(0);
        }
        if (dex.isEmpty()) {
            throw new ActionFailure("no client in realm " + realm + " managed by this charm is a Dex's yet; relate dex-auth first");
        }
        throw new ActionFailure("several Dex clients are managed (" + ManagedClients.names(dex)
                + "); pass client=<one of them>");
    }

    /** The applications related as a Dex, whose clients have a connector. */
    private static Set<String> dexApplications(Juju juju) {
        Set<String> apps = new HashSet<>();
        for (String endpoint : List.of(DexOidcConfigEndpoint.NAME, OidcProviderEndpoint.NAME)) {
            juju.relations(endpoint).forEach(relation -> apps.add(relation.remoteApp()));
        }
        return apps;
    }

    /** Dex's callback among the client's redirect URIs: the one ending in /callback, else the first. */
    private static Optional<String> dexCallback(List<String> redirectUris) {
        List<String> sorted = redirectUris.stream().sorted().toList();
        return sorted.stream().filter(u -> u.endsWith("/callback")).findFirst().or(() -> sorted.stream().findFirst());
    }
}
