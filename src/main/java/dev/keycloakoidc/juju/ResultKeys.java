package dev.keycloakoidc.juju;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key rules Juju applies to {@code action-set} results and secret content, checked before the
 * tool runs: Juju would reject the call anyway, but only after earlier calls of the same hook took
 * effect, and its message does not say which of our maps held the bad key.
 */
final class ResultKeys {

    /** One dot-separated part of an action result key: Juju's action name rule. */
    private static final Pattern ACTION_KEY_PART = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    /** Juju keeps these for the action's own output. */
    private static final Set<String> RESERVED = Set.of("stdout", "stdout-encoding", "stderr", "stderr-encoding");

    /** A secret content key, as Juju's {@code secret-add} and ops validate it. */
    private static final Pattern SECRET_KEY = Pattern.compile("[a-z](?:-?[a-z0-9]){2,}");

    private ResultKeys() {}

    /**
     * @throws IllegalArgumentException naming the first key Juju would refuse, or a key that is
     *     both a value and a parent ({@code a} and {@code a.b}: the second write would clobber the
     *     first)
     */
    static void checkActionResultKeys(Collection<String> keys) {
        for (String key : keys) {
            for (String part : key.split("\\.", -1)) {
                if (!ACTION_KEY_PART.matcher(part).matches()) {
                    throw new IllegalArgumentException("action result key \"" + key + "\": each dot-separated"
                            + " part must be lowercase letters, digits and '-', starting and ending with a"
                            + " letter or digit");
                }
                if (RESERVED.contains(part)) {
                    throw new IllegalArgumentException("action result key \"" + key + "\": \"" + part
                            + "\" is reserved by Juju");
                }
            }
        }
        Set<String> all = Set.copyOf(keys);
        for (String key : keys) {
            for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                String parent = key.substring(0, dot);
                if (all.contains(parent)) {
                    throw new IllegalArgumentException("action result keys \"" + parent + "\" and \"" + key
                            + "\": a key cannot hold a value and nested keys at once");
                }
            }
        }
    }

    /** @throws IllegalArgumentException naming the first key Juju would refuse */
    static void checkSecretKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("secret content is empty: Juju needs at least one key");
        }
        for (String key : keys) {
            if (!SECRET_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("secret content key \"" + key + "\": use at least three"
                        + " lowercase letters, digits or single '-', starting with a letter");
            }
        }
    }
}
