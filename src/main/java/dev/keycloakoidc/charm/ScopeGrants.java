package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.KeycloakClientScopes;
import dev.keycloakoidc.keycloak.ProtocolMapper;
import dev.keycloakoidc.oidc.Scopes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes Keycloak grant a client every scope the charm publishes for it, for any kind of consumer.
 * Keycloak answers {@code error=invalid_scope} at its authorization endpoint to a scope that is
 * neither {@code openid} nor one of the client's default or optional client scopes: the login
 * failure this class lets the charm catch before it publishes anything.
 *
 * <p>A client scope of the realm that the client lacks is attached as an <em>optional</em> client
 * scope: Keycloak then grants it to a client that asks for it (the published {@code scope} does)
 * and puts its claims in no token the client did not ask for, where a default client scope would
 * change every token of that client. The one scope the charm makes is {@link Scopes#GROUPS}
 * (see {@link GroupsScope}).
 *
 * <p>One instance per hook and realm. It reads the realm's client scopes at most once, and only
 * when a client lacks a wanted scope or wants {@code groups} (whose mapper is checked on every
 * hook): the clients list already names each client's scopes, so a steady hook costs nothing more.
 */
final class ScopeGrants {

    /** Longest scope name a status shows; a consumer may send anything. */
    private static final int SHOWN_NAME = 40;
    private static final int SHOWN_NAMES = 3;

    /** Whether a client may now be granted every scope asked for. */
    sealed interface Grant permits Granted, Lacking {}

    /** It may; {@code attached} are the realm's client scopes just attached to it. */
    record Granted(List<String> attached) implements Grant {
        Granted {
            attached = List.copyOf(attached);
        }
    }

    /** The realm has no OpenID Connect client scope of these names; nothing was changed. */
    record Lacking(List<String> scopes) implements Grant {
        Lacking {
            scopes = List.copyOf(scopes);
        }
    }

    private final Juju juju;
    private final KeycloakClientScopes clientScopes;
    private final String realm;
    private final GroupsScope groupsScope;
    /** Names of client scopes some client of ours holds, so the realm has them. */
    private final Set<String> known = new HashSet<>();
    private Map<String, ClientScope> realmScopes;
    private boolean groupsChecked;
    private final List<String> warnings = new ArrayList<>();

    ScopeGrants(Juju juju, KeycloakAdmin admin, String realm) {
        this.juju = juju;
        this.clientScopes = admin.clientScopes();
        this.realm = realm;
        this.groupsScope = new GroupsScope(new Ownership(juju.context()));
    }

    /**
     * The scopes among {@code scopes} that no client could be granted: not {@code openid}, not
     * {@code groups} (which the charm makes), and no OpenID Connect client scope of the realm. The
     * realm's client scopes are read only when the scopes the {@code evidence} clients hold (the
     * charm's own, all OpenID Connect) do not cover {@code scopes}. Writes nothing.
     */
    List<String> lacking(Collection<String> scopes, Collection<KeycloakClient> evidence) {
        evidence.forEach(client -> known.addAll(client.clientScopes()));
        List<String> unknown = scopes.stream().distinct()
                .filter(s -> !s.equals(Scopes.OPENID) && !s.equals(Scopes.GROUPS) && !known.contains(s)).toList();
        return unknown.isEmpty() ? List.of() : lackingInRealm(unknown);
    }

    /**
     * Makes {@code client} (one of the charm's) able to be granted every one of {@code scopes}:
     * attaches the realm's client scopes it lacks, making and checking {@code groups} first when
     * it is among them. If the realm lacks any of them, changes nothing and says which.
     */
    Grant grant(KeycloakClient client, Collection<String> scopes) {
        known.addAll(client.clientScopes());
        List<String> missing = scopes.stream().distinct()
                .filter(s -> !s.equals(Scopes.OPENID) && !client.clientScopes().contains(s)).toList();
        boolean groups = scopes.contains(Scopes.GROUPS);
        if (missing.isEmpty() && !groups) {
            return new Granted(List.of());
        }
        List<String> lacking = lackingInRealm(missing);
        if (!lacking.isEmpty()) {
            return new Lacking(lacking);
        }
        if (groups) {
            ensureGroupsScope();
        }
        for (String name : missing) {
            clientScopes.addOptional(realm, client.id(), realmScopes().get(name).id());
            known.add(name);
            juju.log(LogLevel.INFO, "gave client " + client.clientId() + " the client scope " + name
                    + " (optional) in realm " + realm);
        }
        return new Granted(missing);
    }

    /** Things an administrator should know, each a status-ready phrase; empty when all is well. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** {@code realm kubeflow has no OpenID Connect client scope foo}, naming a few scopes, each cut short. */
    static String describe(String realm, List<String> lacking) {
        List<String> shown = lacking.stream().limit(SHOWN_NAMES)
                .map(s -> s.length() <= SHOWN_NAME ? s : s.substring(0, SHOWN_NAME - 3) + "...").toList();
        String more = lacking.size() > SHOWN_NAMES ? " (+" + (lacking.size() - SHOWN_NAMES) + " more)" : "";
        return "realm " + realm + " has no OpenID Connect client scope" + (lacking.size() == 1 ? " " : "s ")
                + String.join(", ", shown) + more;
    }

    private List<String> lackingInRealm(Collection<String> scopes) {
        Map<String, ClientScope> realmScopes = realmScopes();
        List<String> lacking = new ArrayList<>();
        for (String name : new LinkedHashSet<>(scopes)) {
            ClientScope scope = realmScopes.get(name);
            boolean grantable = scope == null ? name.equals(Scopes.GROUPS) : scope.isOpenIdConnect();
            if (!name.equals(Scopes.OPENID) && !grantable) {
                lacking.add(name);
            }
        }
        return lacking;
    }

    private Map<String, ClientScope> realmScopes() {
        if (realmScopes == null) {
            realmScopes = new HashMap<>();
            for (ClientScope scope : clientScopes.list(realm)) {
                realmScopes.put(scope.name(), scope);
            }
        }
        return realmScopes;
    }

    /** Makes the realm's {@code groups} client scope if it has none, mends ours, warns about one made by hand. */
    private void ensureGroupsScope() {
        if (groupsChecked) {
            return;
        }
        groupsChecked = true;
        ClientScope existing = realmScopes().get(Scopes.GROUPS);
        if (existing == null) {
            ClientScope wanted = groupsScope.desired();
            String id = clientScopes.create(realm, wanted);
            realmScopes.put(Scopes.GROUPS, new ClientScope(id, wanted.name(), wanted.protocol(), wanted.attributes(),
                    wanted.mappers()));
            juju.log(LogLevel.INFO, "created client scope " + Scopes.GROUPS + " in realm " + realm
                    + ": group names in the " + Scopes.GROUPS_CLAIM + " claim");
            return;
        }
        Optional<ProtocolMapper> mended = groupsScope.mend(existing);
        if (mended.isPresent()) {
            ProtocolMapper mapper = mended.get();
            if (mapper.id().isEmpty()) {
                clientScopes.addMapper(realm, existing.id(), mapper);
            } else {
                clientScopes.updateMapper(realm, existing.id(), mapper);
            }
            juju.log(LogLevel.INFO, "restored the group membership mapper of client scope " + Scopes.GROUPS
                    + " in realm " + realm);
        }
        groupsScope.warning(existing, realm).ifPresent(warning -> {
            juju.log(LogLevel.WARNING, warning);
            warnings.add(warning);
        });
    }
}
