package dev.keycloakoidc.actions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of the user actions ({@code create-user}, {@code add-user-to-groups},
 * {@code remove-user-from-groups}), each key written here once: every one of them says which user
 * ({@code user-id}, {@code username} as Keycloak keeps it, in lower case), then lists of group
 * names, each left out when empty.
 */
final class UserResults {

    static final String GROUPS = "groups";
    static final String CREATED_GROUPS = "created-groups";
    static final String ADDED = "added";
    static final String ALREADY_MEMBER = "already-member";
    static final String REMOVED = "removed";
    static final String NOT_MEMBER = "not-member";
    static final String PASSWORD = "password";

    private final Map<String, String> results = new LinkedHashMap<>();

    UserResults(String userId, String username) {
        results.put("user-id", userId);
        results.put("username", username.toLowerCase(Locale.ROOT));
    }

    /** {@code key}: the names, comma-separated; nothing when there are none. */
    UserResults names(String key, List<String> names) {
        if (!names.isEmpty()) {
            results.put(key, String.join(",", names));
        }
        return this;
    }

    /** {@code key}: one value. */
    UserResults put(String key, String value) {
        results.put(key, value);
        return this;
    }

    Map<String, String> map() {
        return results;
    }
}
