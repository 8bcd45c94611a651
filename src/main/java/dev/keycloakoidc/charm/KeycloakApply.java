package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.KeycloakClientScopes;
import dev.keycloakoidc.oidc.KratosClientSecret;
import dev.keycloakoidc.oidc.Scopes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every Keycloak request of a reconcile, in one place: what the plan is made from (the realm,
 * its clients, its client scopes) and carrying the plan's Keycloak steps out. Decides nothing
 * beyond writing only what differs.
 */
final class KeycloakApply {

    private final Juju juju;
    private final KeycloakAdmin admin;
    private final String realm;
    private final Ownership ownership;
    private Map<String, ClientScope> realmScopes;

    KeycloakApply(Juju juju, KeycloakAdmin admin, String realm, Ownership ownership) {
        this.juju = juju;
        this.admin = admin;
        this.realm = realm;
        this.ownership = ownership;
    }

    /** Keycloak's version, when these credentials may read it. */
    Optional<String> version() {
        return admin.serverInfo().version();
    }

    /**
     * The realm's clients; makes the realm when it is missing, and finishes a set-up that a killed
     * hook cut short.
     */
    List<KeycloakClient> clients() {
        Optional<List<KeycloakClient>> existing = admin.clients().list(realm);
        if (existing.isEmpty()) {
            admin.realms().create(realm);
            juju.log(LogLevel.INFO, "created realm " + realm);
            return List.of();
        }
        List<KeycloakClient> clients = existing.get();
        // A hook killed between the realm's POST and the end of its set-up left it half-made, and
        // without any client of ours: they are made only after the set-up. So the realm itself is
        // read (for its set-up marker) only while it holds none of our clients, and a steady hook
        // does without that request.
        if (clients.stream().noneMatch(ownership::owns) && admin.realms().finishSetup(realm)) {
            juju.log(LogLevel.INFO, "finished setting up realm " + realm);
        }
        return clients;
    }

    /** The realm's client scopes by name, read once per hook. */
    Map<String, ClientScope> realmScopes() {
        if (realmScopes == null) {
            realmScopes = new HashMap<>();
            for (ClientScope scope : admin.clientScopes().list(realm)) {
                realmScopes.put(scope.name(), scope);
            }
        }
        return realmScopes;
    }

    /** Carries out the plan's Keycloak steps; returns Keycloak's secret of every client served, by clientId. */
    Map<String, String> apply(Plan plan) {
        KeycloakClientScopes scopes = admin.clientScopes();
        for (Plan.GroupsScopeStep step : plan.groupsScope()) {
            if (step instanceof Plan.CreateGroupsScope create) {
                ClientScope wanted = create.scope();
                String id = scopes.create(realm, wanted);
                realmScopes().put(Scopes.GROUPS, new ClientScope(id, wanted.name(), wanted.protocol(), wanted.attributes(),
                        wanted.mappers()));
                juju.log(LogLevel.INFO, "created client scope " + Scopes.GROUPS + " in realm " + realm
                        + ": group names in the " + Scopes.GROUPS_CLAIM + " claim");
            } else if (step instanceof Plan.MendGroupsMapper mend) {
                if (mend.mapper().id().isEmpty()) {
                    scopes.addMapper(realm, mend.scopeId(), mend.mapper());
                } else {
                    scopes.updateMapper(realm, mend.scopeId(), mend.mapper());
                }
                juju.log(LogLevel.INFO, "restored the group membership mapper of client scope " + Scopes.GROUPS
                        + " in realm " + realm);
            }
        }
        Map<String, String> secrets = new HashMap<>();
        Set<String> carried = new HashSet<>();
        for (Publication publication : plan.publications()) {
            Optional<String> clientId = publication.carriedSecret();
            if (clientId.isPresent()) {
                carried.add(clientId.get());
            }
        }
        for (Plan.ClientStep step : plan.clients()) {
            if (step instanceof Plan.Create create) {
                String clientId = create.clientId();
                admin.clients().create(realm, create.spec());
                juju.log(LogLevel.INFO, "created client " + clientId + " in realm " + realm);
                // Keycloak generates the secret and gives the realm's default scopes: read both back.
                KeycloakClient client = admin.clients().find(realm, clientId).orElseThrow(
                        () -> new IllegalStateException("Keycloak did not find the new client " + clientId));
                secrets.put(clientId, client.secret().orElseThrow(
                        () -> new IllegalStateException("Keycloak returned no secret for the new client " + clientId)));
                fitForKratos(carried, client, secrets);
                attach(client, Planner.missing(create.scopes(), client));
            } else if (step instanceof Plan.Restore restore) {
                KeycloakClient client = restore.client();
                admin.clients().update(realm, client.id(), restore.spec());
                juju.log(LogLevel.INFO, "restored client " + client.clientId() + " in realm " + realm);
                // A client made public in the console was read without a secret; now it has one again.
                secrets.put(client.clientId(), admin.clients().secret(realm, client.id()));
                fitForKratos(carried, client, secrets);
                attach(client, restore.attach());
            } else if (step instanceof Plan.Keep keep) {
                KeycloakClient client = keep.client();
                secrets.put(client.clientId(), client.secret().orElseGet(() -> admin.clients().secret(realm, client.id())));
                fitForKratos(carried, client, secrets);
                attach(client, keep.attach());
            } else if (step instanceof Plan.Delete delete) {
                admin.clients().delete(realm, delete.client().id());
                juju.log(LogLevel.INFO, "deleted client " + delete.clientId() + ": its consumer is gone");
            }
        }
        return secrets;
    }

    /**
     * A secret that goes to Kratos in its bag must read back as itself in Kratos' YAML
     * configuration: on the rare one that would not (say, all digits), Keycloak generates another.
     */
    private void fitForKratos(Set<String> carried, KeycloakClient client, Map<String, String> secrets) {
        String clientId = client.clientId();
        if (carried.contains(clientId) && !KratosClientSecret.fits(secrets.get(clientId))) {
            secrets.put(clientId, admin.clients().regenerateSecret(realm, client.id()));
            juju.log(LogLevel.INFO, "had Keycloak generate another secret for client " + clientId
                    + ": the one it had would not read back as itself in Kratos' configuration");
        }
    }

    /**
     * Attaches the realm's client scopes as optional ones: Keycloak grants them when asked for (the
     * published {@code scope} asks), where a default one would change every token of the client.
     */
    private void attach(KeycloakClient client, List<String> names) {
        for (String name : names) {
            ClientScope scope = realmScopes().get(name);
            if (scope == null) {
                throw new IllegalStateException("client scope " + name + " of realm " + realm
                        + " went away while this hook ran; the next hook decides again");
            }
            admin.clientScopes().addOptional(realm, client.id(), scope.id());
            juju.log(LogLevel.INFO, "gave client " + client.clientId() + " the client scope " + name
                    + " (optional) in realm " + realm);
        }
    }
}
