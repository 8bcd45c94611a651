package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.Prerequisites;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakGroups;
import dev.keycloakoidc.keycloak.KeycloakGroups.Group;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code add-user-to-groups} and {@code remove-user-from-groups}: an existing user's top-level
 * group memberships, without the console. Both work on any unit and are idempotent: running one
 * again changes nothing and says so ({@code already-member}, {@code not-member}). Adding makes the
 * groups the realm lacks, as {@code create-user} does; removing never deletes a group.
 */
final class UserGroups {

    private record Request(String username, List<String> groups) {}

    private UserGroups() {}

    static void add(Juju juju, Map<String, Object> params) {
        run(juju, params, (admin, realm, userId, request) -> {
            TopLevelGroups named = new TopLevelGroups(juju, admin, realm);
            KeycloakGroups groups = admin.groups();
            List<String> added = new ArrayList<>();
            List<String> already = new ArrayList<>();
            List<Group> memberships = new ArrayList<>();
            try {
                List<Group> wanted = named.ensure(request.groups());
                memberships.addAll(groups.ofUser(realm, userId));
                Set<String> before = ids(memberships);
                for (Group group : wanted) {
                    if (before.contains(group.id())) {
                        already.add(group.name());
                    } else {
                        groups.join(realm, userId, group.id());
                        added.add(group.name());
                        memberships.add(group);
                    }
                }
            } catch (RuntimeException e) {
                throw partly(e, named.made(), added);
            }
            if (!added.isEmpty()) {
                juju.log(LogLevel.INFO, "added user " + request.username() + " to groups " + String.join(", ", added)
                        + " in realm " + realm);
            }
            return results(request, userId, memberships)
                    .names(UserResults.ADDED, added)
                    .names(UserResults.ALREADY_MEMBER, already)
                    .names(UserResults.CREATED_GROUPS, named.made());
        });
    }

    static void remove(Juju juju, Map<String, Object> params) {
        run(juju, params, (admin, realm, userId, request) -> {
            TopLevelGroups.Resolved named = new TopLevelGroups(juju, admin, realm).resolve(request.groups());
            KeycloakGroups groups = admin.groups();
            List<Group> memberships = new ArrayList<>(groups.ofUser(realm, userId));
            Set<String> before = ids(memberships);
            List<String> removed = new ArrayList<>();
            List<String> notMember = new ArrayList<>(named.missing());
            for (Group group : named.found()) {
                if (before.contains(group.id())) {
                    groups.leave(realm, userId, group.id());
                    removed.add(group.name());
                    memberships.removeIf(m -> m.id().equals(group.id()));
                } else {
                    notMember.add(group.name());
                }
            }
            if (!removed.isEmpty()) {
                juju.log(LogLevel.INFO, "removed user " + request.username() + " from groups "
                        + String.join(", ", removed) + " in realm " + realm);
            }
            return results(request, userId, memberships)
                    .names(UserResults.REMOVED, removed)
                    .names(UserResults.NOT_MEMBER, notMember);
        });
    }

    /** What one of the actions does once the user is found; returns its results. */
    private interface Change {
        UserResults apply(KeycloakAdmin admin, String realm, String userId, Request request);
    }

    /** Checks the parameters, finds the user, makes the {@code change}, sets its results. */
    private static void run(Juju juju, Map<String, Object> params, Change change) {
        Request request = validate(params);
        Prerequisites.Met prerequisites = Actions.prerequisites(juju);
        String realm = prerequisites.config().realm();
        try (KeycloakAdmin admin = KeycloakAdmin.connect(prerequisites.connection())) {
            String userId = userId(admin, realm, request.username());
            juju.setActionResults(change.apply(admin, realm, userId, request).map());
        }
    }

    /**
     * A failure part-way through adding: says what is done already (the action is idempotent, so
     * running it again finishes the job), or is {@code failure} itself when nothing is.
     */
    private static RuntimeException partly(RuntimeException failure, List<String> made, List<String> added) {
        if (made.isEmpty() && added.isEmpty()) {
            return failure;
        }
        return new ActionFailure(ActionFailure.messageOf(failure) + "; done so far:"
                + (made.isEmpty() ? "" : " made groups " + String.join(", ", made) + ";")
                + (added.isEmpty() ? "" : " added to " + String.join(", ", added) + ";")
                + " run add-user-to-groups again to finish");
    }

    private static Request validate(Map<String, Object> params) {
        return new Request(ActionParameters.username(params), ActionParameters.groups(params, true));
    }

    private static String userId(KeycloakAdmin admin, String realm, String username) {
        return admin.users().findByUsername(realm, username).orElseThrow(() -> new ActionFailure(
                "realm " + realm + " has no user named " + username + ": create-user makes one; nothing was changed"));
    }

    /**
     * {@code user-id}, {@code username} and {@code groups}: every group the user is now a direct
     * member of, i.e. the memberships read before the change with the change applied (no second read).
     */
    private static UserResults results(Request request, String userId, List<Group> memberships) {
        return new UserResults(userId, request.username()).names(UserResults.GROUPS, TopLevelGroups.names(memberships));
    }

    private static Set<String> ids(List<Group> groups) {
        return groups.stream().map(Group::id).collect(Collectors.toSet());
    }
}
