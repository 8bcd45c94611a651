package dev.keycloakoidc.actions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules every action's parameters are held to, each written once, so that the same value
 * gets the same answer from every action. Each method reads one parameter as Juju hands it over
 * ({@code action-get}: types already checked against actions.yaml) and returns it, or throws an
 * {@link ActionFailure} whose one-line message says what to pass instead. Nothing here reads Juju
 * or Keycloak: every rule is checked before anything is asked of either.
 */
final class ActionParameters {

    /** Keycloak's column limit for usernames, e-mails and names. */
    static final int MAX_LENGTH = 255;

    /** The longest password taken: far above any policy, far below anything that hurts a request. */
    static final int MAX_PASSWORD = 1024;

    static final String USERNAME_EMPTY = "username is empty: pass username=<login name>";
    static final String USERNAME_INVALID = "username must be at most " + MAX_LENGTH
            + " characters, with no spaces, line breaks or other control characters";
    static final String GROUPS_EMPTY = "groups is empty: pass groups=<name>[,<name>...]";

    /** Echoed values are cut to this many characters: an action-fail message is one short line. */
    private static final int SHOWN = 60;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

    private ActionParameters() {}

    /** A string parameter, trimmed; empty when absent. */
    static String string(Map<String, Object> params, String key) {
        Object value = params.get(key);
        return value == null ? "" : value.toString().strip();
    }

    /**
     * {@code username}: the one rule of every user action. Keycloak keeps a username in lower case
     * and compares it so; a name with spaces or control characters would not be the name the
     * operator sees, so it is refused, whether the action makes the user or looks one up.
     */
    static String username(Map<String, Object> params) {
        String username = string(params, "username");
        if (username.isEmpty()) {
            throw new ActionFailure(USERNAME_EMPTY);
        }
        if (username.length() > MAX_LENGTH || !username.equals(String.valueOf(params.get("username")))
                || hasSpaceOrControl(username)) {
            throw new ActionFailure(USERNAME_INVALID);
        }
        return username;
    }

    private static boolean hasSpaceOrControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code email}: required, one address with a dot in its domain, as Dex users need one. */
    static String email(Map<String, Object> params) {
        String email = string(params, "email");
        if (email.isEmpty() || email.length() > MAX_LENGTH || !EMAIL.matcher(email).matches()) {
            throw new ActionFailure("email must be an e-mail address such as alice@example.com; got '"
                    + abbreviate(email) + "'");
        }
        return email;
    }

    /** {@code first-name} or {@code last-name}: optional, one line, at most {@value #MAX_LENGTH} characters. */
    static Optional<String> personName(Map<String, Object> params, String key) {
        String value = string(params, key);
        if (value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new ActionFailure(key + " must be at most " + MAX_LENGTH + " characters on one line");
        }
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * {@code password}: empty when none is given (the action generates one). A given password is
     * taken as it is, so it must not start or end with spaces, which {@code juju run} keeps but a
     * login form would not show.
     */
    static String password(Map<String, Object> params) {
        String given = string(params, "password");
        if (!given.isEmpty() && !given.equals(String.valueOf(params.get("password")))) {
            throw new ActionFailure("password must not start or end with spaces");
        }
        if (given.length() > MAX_PASSWORD) {
            throw new ActionFailure("password is longer than " + MAX_PASSWORD + " characters");
        }
        return given;
    }

    /** A boolean parameter; absent is false. */
    static boolean flag(Map<String, Object> params, String key) {
        return Boolean.TRUE.equals(params.get(key));
    }

    /** {@code groups}: the names of top-level groups (see {@link GroupNames}); {@code required} refuses none. */
    static List<String> groups(Map<String, Object> params, boolean required) {
        GroupNames.Parsed parsed = GroupNames.parse(string(params, "groups"));
        if (parsed instanceof GroupNames.Invalid invalid) {
            throw new ActionFailure(invalid.problem());
        }
        List<String> names = ((GroupNames.Valid) parsed).names();
        if (required && names.isEmpty()) {
            throw new ActionFailure(GROUPS_EMPTY);
        }
        return names;
    }

    /** {@code client}: a clientId, or empty for "every managed client" (or "the only one"). */
    static Optional<String> client(Map<String, Object> params) {
        String client = string(params, "client");
        return client.isEmpty() ? Optional.empty() : Optional.of(client);
    }

    /** A value as a one-line message echoes it: every run of white space one space, cut short. */
    static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\s+", " ");
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN - 3) + "...";
    }
}
