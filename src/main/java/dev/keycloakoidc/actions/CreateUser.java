package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.Prerequisites;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.AdminCredentialsRejectedException;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import dev.keycloakoidc.keycloak.UserSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code create-user}: a user who can log in through Dex at once, a member of the groups named
 * (top-level groups the realm lacks are made). Works on any unit. Everything is checked before
 * Keycloak is asked, and Keycloak creates the user, password and memberships in one request, so a
 * refusal leaves nothing behind (groups made for it are deleted again). A given password is never
 * echoed back.
 */
final class CreateUser {

    private CreateUser() {}

    static void run(Juju juju, Map<String, Object> params) {
        UserSpec user = validate(params);
        boolean generated = ActionParameters.password(params).isEmpty();
        Prerequisites.Met prerequisites = Actions.prerequisites(juju);
        String realm = prerequisites.config().realm();
        try (KeycloakAdmin admin = KeycloakAdmin.connect(prerequisites.connection())) {
            // Keycloak checks the realm and the duplicates itself, in the one POST that makes the
            // user with its password and groups; they are looked into only when it refuses, to say
            // which it was. Groups it lacks are made just before, and unmade if that POST fails.
            TopLevelGroups groups = new TopLevelGroups(juju, admin, realm);
            String id;
            try {
                if (user.firstName().isEmpty() || user.lastName().isEmpty()) {
                    requireNames(admin.users().requiredAttributes(realm), user, realm);
                }
                groups.ensure(user.groups());
                id = admin.users().create(realm, user);
            } catch (KeycloakApiException e) {
                throw groups.undo(refusal(admin, e, realm, user));
            } catch (RuntimeException e) {
                throw groups.undo(e);
            }
            juju.log(LogLevel.INFO, "created user " + user.username() + " in realm " + realm
                    + (user.groups().isEmpty() ? "" : ", member of " + String.join(", ", user.groups())));
            UserResults results = new UserResults(id, user.username())
                    .names(UserResults.GROUPS, user.groups())
                    .names(UserResults.CREATED_GROUPS, groups.made());
            if (generated) {
                // The one place a secret leaves the charm: the operator asked for it, and sees it this once.
                results.put(UserResults.PASSWORD, user.password());
            }
            juju.setActionResults(results.map());
        }
    }

    /** Every parameter, by {@link ActionParameters}' rules; a password is generated when none is given. */
    static UserSpec validate(Map<String, Object> params) {
        String username = ActionParameters.username(params);
        String email = ActionParameters.email(params);
        Optional<String> firstName = ActionParameters.personName(params, "first-name");
        Optional<String> lastName = ActionParameters.personName(params, "last-name");
        String given = ActionParameters.password(params);
        boolean temporary = ActionParameters.flag(params, "temporary-password");
        List<String> groups = ActionParameters.groups(params, false);
        return new UserSpec(username, email, firstName, lastName, given.isEmpty() ? Passwords.generate() : given,
                temporary, groups);
    }

    /**
     * A realm whose user profile requires names would accept the user from the admin API but stop
     * the first login at a profile form Dex cannot show: refuse up front, naming what to pass.
     */
    private static void requireNames(Set<String> required, UserSpec user, String realm) {
        List<String> missing = new ArrayList<>();
        if (required.contains("firstName") && user.firstName().isEmpty()) {
            missing.add("first-name");
        }
        if (required.contains("lastName") && user.lastName().isEmpty()) {
            missing.add("last-name");
        }
        if (!missing.isEmpty()) {
            throw new ActionFailure("realm " + realm + " requires first and last names: pass "
                    + String.join(" and ", missing.stream().map(m -> m + "=...").toList()) + "; nothing was changed");
        }
    }

    /** What Keycloak's refusal means for the operator; {@code e} itself when it means nothing to them. */
    private static RuntimeException refusal(KeycloakAdmin admin, KeycloakApiException e, String realm, UserSpec user) {
        if (e instanceof AdminCredentialsRejectedException) {
            // The sign-in, not the user: from Keycloak 26.6 on a wrong password is a 400 too.
            return e;
        }
        String error = e.error();
        if (e.status() == 404 && error.equals("Realm not found.")) {
            return new ActionFailure("realm " + realm + " does not exist yet: the leader creates it once "
                    + "keycloak-url and admin-credentials work (see juju status)");
        }
        if (e.status() == 409) {
            if (admin.users().findByUsername(realm, user.username()).isPresent()) {
                return new ActionFailure("a user named " + user.username() + " already exists in realm " + realm
                        + "; nothing was changed");
            }
            if (admin.users().findByEmail(realm, user.email()).isPresent()) {
                return new ActionFailure("a user with e-mail " + user.email() + " already exists in realm " + realm
                        + "; nothing was changed");
            }
            return new ActionFailure("Keycloak refused: " + error + "; nothing was changed");
        }
        if (error.contains("firstName") || error.contains("lastName") || error.contains("error-user-attribute-required")) {
            return new ActionFailure("realm " + realm + " requires first and last names: pass first-name=... and "
                    + "last-name=...");
        }
        if (e.status() == 400) {
            return new ActionFailure("Keycloak refused the user: " + error + "; nothing was changed");
        }
        return e;
    }
}
