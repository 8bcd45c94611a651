package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.AdminCredentialsRejectedException;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import dev.keycloakoidc.keycloak.UserSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code create-user}: a user who can log in through Dex at once, a member of the groups named
 * (top-level groups the realm lacks are made). Works on any unit. Everything is checked before
 * Keycloak is asked, and Keycloak creates the user, password and memberships in one request, so a
 * refusal leaves nothing behind (groups made for it are deleted again). A given password is never
 * echoed back.
 */
final class CreateUser {

    /** Keycloak's column limit for usernames, e-mails and names. */
    static final int MAX_LENGTH = 255;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private CreateUser() {}

    static void run(Juju juju, Map<String, Object> params) {
        UserSpec user = validate(params);
        boolean generated = Actions.string(params, "password").isEmpty();
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
            Map<String, String> results = new LinkedHashMap<>();
            results.put("user-id", id);
            results.put("username", user.username().toLowerCase(java.util.Locale.ROOT));
            if (!user.groups().isEmpty()) {
                results.put("groups", String.join(",", user.groups()));
            }
            if (!groups.made().isEmpty()) {
                results.put("created-groups", String.join(",", groups.made()));
            }
            if (generated) {
                // The one place a secret leaves the charm: the operator asked for it, and sees it this once.
                results.put("password", user.password());
            }
            juju.setActionResults(results);
        }
    }

    static UserSpec validate(Map<String, Object> params) {
        String username = Actions.string(params, "username");
        if (username.isEmpty()) {
            throw new ActionFailure("username is empty: pass username=<login name>");
        }
        if (!username.equals(String.valueOf(params.get("username"))) || username.chars().anyMatch(Character::isWhitespace)) {
            throw new ActionFailure("username must not contain spaces or line breaks");
        }
        if (username.length() > MAX_LENGTH) {
            throw new ActionFailure("username is longer than " + MAX_LENGTH + " characters");
        }
        if (username.chars().anyMatch(Character::isISOControl)) {
            throw new ActionFailure("username must not contain control characters");
        }
        String email = Actions.string(params, "email");
        if (email.isEmpty() || email.length() > MAX_LENGTH || !EMAIL.matcher(email).matches()) {
            throw new ActionFailure("email must be an e-mail address such as alice@example.com; got '"
                    + abbreviate(email) + "'");
        }
        Optional<String> firstName = name(params, "first-name");
        Optional<String> lastName = name(params, "last-name");
        String given = Actions.string(params, "password");
        if (!given.isEmpty() && !given.equals(String.valueOf(params.get("password")))) {
            throw new ActionFailure("password must not start or end with spaces");
        }
        if (given.length() > 1024) {
            throw new ActionFailure("password is longer than 1024 characters");
        }
        boolean temporary = Boolean.TRUE.equals(params.get("temporary-password"));
        List<String> groups = groups(params, false);
        return new UserSpec(username, email, firstName, lastName, given.isEmpty() ? Passwords.generate() : given,
                temporary, groups);
    }

    /** The {@code groups} parameter's names; {@code required} refuses none. */
    static List<String> groups(Map<String, Object> params, boolean required) {
        GroupNames.Parsed parsed = GroupNames.parse(Actions.string(params, "groups"));
        if (parsed instanceof GroupNames.Invalid invalid) {
            throw new ActionFailure(invalid.problem());
        }
        List<String> names = ((GroupNames.Valid) parsed).names();
        if (required && names.isEmpty()) {
            throw new ActionFailure("groups is empty: pass groups=<name>[,<name>...]");
        }
        return names;
    }

    private static Optional<String> name(Map<String, Object> params, String key) {
        String value = Actions.string(params, key);
        if (value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new ActionFailure(key + " must be at most " + MAX_LENGTH + " characters on one line");
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * A realm whose user profile requires names would accept the user from the admin API but stop
     * the first login at a profile form Dex cannot show: refuse up front, naming what to pass.
     */
    private static void requireNames(java.util.Set<String> required, UserSpec user, String realm) {
        java.util.List<String> missing = new java.util.ArrayList<>();
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

    /** Echoed values are cut short and kept on one line: an action-fail message is one line. */
    private static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
