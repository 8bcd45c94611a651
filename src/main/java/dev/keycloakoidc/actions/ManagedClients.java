package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.Ownership;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clients of the realm that this application manages (they carry its ownership markers), as
 * the actions that work on them ({@code rotate-secret}, {@code get-connector}) find them: one
 * read of the realm's clients, secrets included.
 */
final class ManagedClients {

    private ManagedClients() {}

    /**
     * Every client of {@code realm} this application made, or an action failure when the realm
     * does not exist yet, saying so and then {@code whatNext}.
     */
    static List<KeycloakClient> in(Juju juju, KeycloakAdmin admin, String realm, String whatNext) {
        Optional<List<KeycloakClient>> clients = admin.clients().list(realm);
        if (clients.isEmpty()) {
            throw new ActionFailure("realm " + realm + " does not exist yet; " + whatNext);
        }
        return new Ownership(juju.context()).owned(clients.get());
    }

    /** The managed client with clientId {@code wanted}, or an action failure naming those there are. */
    static KeycloakClient named(List<KeycloakClient> managed, String wanted) {
        for (KeycloakClient client : managed) {
            if (client.clientId().equals(wanted)) {
                return client;
            }
        }
        throw new ActionFailure("client " + wanted + " is not managed by this charm; managed: " + names(managed));
    }

    /** The clients' clientIds, sorted, for a message. */
    static String names(List<KeycloakClient> clients) {
        List<String> names = new ArrayList<>();
        for (KeycloakClient client : clients) {
            names.add(client.clientId());
        }
        names.sort(null);
        return String.join(", ", names);
    }
}
