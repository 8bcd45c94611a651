package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.Ownership;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakGroups;
import dev.keycloakoidc.keycloak.KeycloakGroups.Group;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The top-level groups a user action names, found by exact name or made with the charm's
 * ownership markers. The realm's groups are read before anything is written, so a name that only
 * a group in another case matches fails the action first; what this run made it can also unmake,
 * when the step after it fails.
 */
final class TopLevelGroups {

    /** The groups found, in the order named, and the names the realm has no group for. */
    record Resolved(List<Group> found, List<String> missing) {
        Resolved {
            found = List.copyOf(found);
            missing = List.copyOf(missing);
        }
    }

    private final Juju juju;
    private final KeycloakGroups groups;
    private final String realm;
    private final Map<String, String> markers;
    private final List<Group> made = new ArrayList<>();

    TopLevelGroups(Juju juju, KeycloakAdmin admin, String realm) {
        this.juju = juju;
        this.groups = admin.groups();
        this.realm = realm;
        this.markers = new Ownership(juju.context()).markers();
    }

    /**
     * Which of {@code names} the realm has as top-level groups. Writes nothing.
     *
     * @throws ActionFailure for a name the realm has only in another case (Keycloak's names are
     *         case-sensitive, so making it would give the realm two groups that read alike)
     */
    Resolved resolve(List<String> names) {
        if (names.isEmpty()) {
            return new Resolved(List.of(), List.of());
        }
        List<Group> existing = groups.topLevel(realm);
        List<Group> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Optional<Group> exact = existing.stream().filter(g -> g.name().equals(name)).findFirst();
            if (exact.isPresent()) {
                found.add(exact.get());
                continue;
            }
            Optional<Group> otherCase = existing.stream().filter(g -> g.name().equalsIgnoreCase(name)).findFirst();
            if (otherCase.isPresent()) {
                throw new ActionFailure("realm " + realm + " has group " + otherCase.get().name() + ", not " + name
                        + " (group names are case-sensitive): pass " + otherCase.get().name() + "; nothing was changed");
            }
            missing.add(name);
        }
        return new Resolved(found, missing);
    }

    /** The groups named, in that order, making those the realm lacks (see {@link #made()}). */
    List<Group> ensure(List<String> names) {
        Resolved resolved = resolve(names);
        List<Group> all = new ArrayList<>(resolved.found());
        boolean raced = false;
        for (String name : resolved.missing()) {
            try {
                Group group = new Group(groups.create(realm, name, markers), name, "/" + name);
                made.add(group);
                all.add(group);
                juju.log(LogLevel.INFO, "created group " + name + " in realm " + realm);
            } catch (KeycloakApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
                // Made meanwhile by someone else: used below, but not ours to unmake.
                raced = true;
            }
        }
        if (raced) {
            return resolve(names).found();
        }
        return names.stream().map(n -> all.stream().filter(g -> g.name().equals(n)).findFirst().orElseThrow()).toList();
    }

    /** The names of the groups this run made. */
    List<String> made() {
        return made.stream().map(Group::name).toList();
    }

    /**
     * After {@code failure} of the step that needed the groups: deletes those this run made (new
     * and empty), and returns {@code failure}, or, when one could not be deleted, a failure that
     * says which are left.
     */
    RuntimeException undo(RuntimeException failure) {
        List<String> left = new ArrayList<>();
        for (Group group : made) {
            try {
                groups.delete(realm, group.id());
                juju.log(LogLevel.INFO, "deleted group " + group.name() + " again: the user was not made");
            } catch (RuntimeException e) {
                left.add(group.name());
            }
        }
        made.clear();
        if (left.isEmpty()) {
            return failure;
        }
        return new ActionFailure(ActionFailure.messageOf(failure).replace("; nothing was changed", "") + "; groups "
                + String.join(", ", left) + " were made and are left, empty, in realm " + realm
                + ": delete them in Keycloak or use them");
    }

    /** The groups as a result lists them: top-level by name, subgroups by path ({@code parent/child}), sorted. */
    static List<String> names(List<Group> groups) {
        return groups.stream().map(g -> g.path().startsWith("/") ? g.path().substring(1) : g.name())
                .sorted(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
