package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.ClientRotation;
import dev.keycloakoidc.charm.Prerequisites;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code rotate-secret}: the operator rotates every managed client, or one, at once (see
 * {@link ClientRotation}). Only the leader owns the client secrets.
 */
final class RotateSecret {

    private RotateSecret() {}

    static void run(Juju juju, Map<String, Object> params) {
        if (!juju.isLeader()) {
            throw new ActionFailure("the leader owns the client secrets: run juju run "
                    + juju.context().appName() + "/leader rotate-secret");
        }
        Prerequisites.Met prerequisites = Actions.prerequisites(juju);
        String realm = prerequisites.config().realm();
        Optional<String> wanted = ActionParameters.client(params);
        try (KeycloakAdmin admin = KeycloakAdmin.connect(prerequisites.connection())) {
            List<KeycloakClient> owned = ManagedClients.in(juju, admin, realm, "nothing to rotate");
            List<KeycloakClient> targets = select(owned, wanted, realm);
            ClientRotation rotation = ClientRotation.start(juju, admin, realm);
            Map<String, String> results = new LinkedHashMap<>();
            int n = 0;
            for (KeycloakClient client : targets) {
                ClientRotation.Rotated rotated = rotation.rotate(client);
                n++;
                results.put(n + ".client", rotated.clientId());
                results.put(n + ".revision", Integer.toString(rotated.revision()));
                results.put(n + ".previous-valid-until", rotated.previousValidUntil());
            }
            results.put("rotated", targets.stream().map(KeycloakClient::clientId).collect(Collectors.joining(" ")));
            juju.setActionResults(results);
        }
    }

    private static List<KeycloakClient> select(List<KeycloakClient> owned, Optional<String> wanted, String realm) {
        if (owned.isEmpty()) {
            throw new ActionFailure("no client in realm " + realm + " is managed by this charm yet; relate a consumer first");
        }
        return wanted.isEmpty() ? owned : List.of(ManagedClients.named(owned, wanted.get()));
    }
}
