package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.ClientSpec;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.ProtocolMapper;
import java.util.List;

/**
 * What one reconcile will do, decided by {@link Planner} from {@link Facts} alone: the apply step
 * ({@link KeycloakApply}, then {@link JujuApply}) carries it out in this order and decides nothing.
 *
 * @param groupsScope the realm's {@code groups} client scope to make or mend, before any client is given it
 * @param clients     one step per consumer served (in the order of the endpoints), then the deletions
 * @param served      the clientIds served: each gets a client, a Juju secret and its settings
 * @param secrets     the Juju secrets to add, set or remove
 * @param grants      each relation that must be granted its client's secret
 * @param publications the bags that differ from what each relation holds
 * @param statuses    every problem, in the order found; an active summary when there is none
 * @param notices     what the hook logs as warnings besides the endpoints' own problems
 */
record Plan(List<GroupsScopeStep> groupsScope, List<ClientStep> clients, List<String> served,
            List<SecretStep> secrets, List<Grant> grants, List<Publication> publications, List<Status> statuses,
            List<String> notices) {

    Plan {
        groupsScope = List.copyOf(groupsScope);
        clients = List.copyOf(clients);
        served = List.copyOf(served);
        secrets = List.copyOf(secrets);
        grants = List.copyOf(grants);
        publications = List.copyOf(publications);
        statuses = List.copyOf(statuses);
        notices = List.copyOf(notices);
    }

    /** True when carrying the plan out writes nothing, to Keycloak or to Juju: a steady model. */
    boolean writesNothing() {
        for (ClientStep step : clients) {
            if (!(step instanceof Keep keep) || !keep.attach().isEmpty()) {
                return false;
            }
        }
        return groupsScope.isEmpty() && secrets.isEmpty() && grants.isEmpty() && publications.isEmpty();
    }

    /** What to do about the realm's {@code groups} client scope. */
    sealed interface GroupsScopeStep permits CreateGroupsScope, MendGroupsMapper {}

    /** The realm has none: make the charm's. */
    record CreateGroupsScope(ClientScope scope) implements GroupsScopeStep {}

    /** The charm's scope lost or changed its mapper: write it (replacing the one with its id, if any). */
    record MendGroupsMapper(String scopeId, ProtocolMapper mapper) implements GroupsScopeStep {}

    /** What to do about one Keycloak client. */
    sealed interface ClientStep permits Create, Restore, Keep, Delete {
        String clientId();
    }

    /**
     * A consumer without a client: create it. Keycloak generates its secret and gives it the
     * realm's default scopes, so both are read back; the {@code scopes} it then lacks are attached.
     */
    record Create(ClientSpec spec, List<String> scopes) implements ClientStep {
        public String clientId() {
            return spec.clientId();
        }
    }

    /**
     * The charm's client differs from what its consumers need (a changed request, or an edit in
     * the console): write the spec. A client made public in the console was read without a
     * secret, so the secret is read again after; {@code attach} are the scopes it lacks.
     */
    record Restore(KeycloakClient client, ClientSpec spec, List<String> attach) implements ClientStep {
        public String clientId() {
            return client.clientId();
        }
    }

    /** The charm's client is as it should be; {@code attach} are the scopes it lacks. */
    record Keep(KeycloakClient client, List<String> attach) implements ClientStep {
        public String clientId() {
            return client.clientId();
        }
    }

    /** A client of the charm's that no consumer asks for any more. */
    record Delete(KeycloakClient client) implements ClientStep {
        public String clientId() {
            return client.clientId();
        }
    }

    /** What to do about one Juju secret. The value is always Keycloak's secret of that client. */
    sealed interface SecretStep permits AddSecret, SetSecretContent, SetSecretRotation, RemoveSecret {}

    /** The client has no Juju secret yet. */
    record AddSecret(String clientId, RotatePolicy rotation) implements SecretStep {}

    /**
     * Juju's copy may differ from Keycloak's: for a client just created or restored (whose secret
     * is read only then) the apply step compares; otherwise the plan found them different.
     */
    record SetSecretContent(String clientId, String secretId) implements SecretStep {}

    record SetSecretRotation(String clientId, String secretId, RotatePolicy rotation) implements SecretStep {}

    /** A client secret nobody is served: a consumer gone or not served, or an orphan of a killed hook. */
    record RemoveSecret(String secretId) implements SecretStep {}

    /** Grant the Juju secret of {@code clientId}'s client to {@code relation}. */
    record Grant(String clientId, Relation relation) {}
}
