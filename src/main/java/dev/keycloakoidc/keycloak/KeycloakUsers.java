package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.http.Urls;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.keycloak.AdminHttp.Reply;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A realm's users and its user profile: the part of the admin API that
 * {@link KeycloakAdmin#users()} hands out. Needs {@code manage-users} of the realm.
 */
public final class KeycloakUsers {

    private final AdminHttp http;

    KeycloakUsers(AdminHttp http) {
        this.http = http;
    }

    /**
     * The user attributes the realm's user profile requires (for users or admins), e.g.
     * {@code [email, firstName, lastName]} in a realm with Keycloak's default profile; lets
     * {@code create-user} name the parameters to add before Keycloak refuses or a login stalls.
     */
    public Set<String> requiredAttributes(String realm) {
        URI url = http.admin("realms", realm, "users", "profile");
        JsonNode profile = http.expectJson("GET", url, http.get(url), 200);
        Set<String> required = new LinkedHashSet<>();
        for (JsonNode attribute : profile.path("attributes")) {
            if (attribute.hasNonNull("required")) {
                required.add(attribute.path("name").asText());
            }
        }
        return Set.copyOf(required);
    }

    /** Exact, case-insensitive username lookup; returns the user's id. */
    public Optional<String> findByUsername(String realm, String username) {
        return find(realm, "username", username);
    }

    /** Exact e-mail lookup; returns the user's id. */
    public Optional<String> findByEmail(String realm, String email) {
        return find(realm, "email", email);
    }

    private Optional<String> find(String realm, String field, String value) {
        Optional<JsonNode> users = http.getIfExists(Urls.withQuery(http.admin("realms", realm, "users"),
                field, value, "exact", "true", "briefRepresentation", "true"));
        if (users.isPresent()) {
            for (JsonNode user : users.get()) {
                if (value.equalsIgnoreCase(user.path(field).asText())) {
                    return Optional.of(user.path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Creates the user with its password and group memberships in one request, so that Keycloak
     * either makes all or nothing (a password its policy refuses leaves no user behind); returns
     * the user's id. Throws 409 with {@code User exists with same username} (or {@code email}),
     * and 400 with the policy's words ({@code Invalid password: minimum length 12.}). Every group
     * must exist: Keycloak 26.5 answers a missing one with 500 and makes no user.
     */
    public String create(String realm, UserSpec user) {
        URI url = http.admin("realms", realm, "users");
        ObjectNode rep = Json.object()
                .put("username", user.username())
                .put("email", user.email())
                .put("emailVerified", true)
                .put("enabled", true);
        user.firstName().ifPresent(name -> rep.put("firstName", name));
        user.lastName().ifPresent(name -> rep.put("lastName", name));
        ArrayNode credentials = rep.putArray("credentials");
        credentials.addObject()
                .put("type", "password")
                .put("value", user.password())
                .put("temporary", user.temporaryPassword());
        if (!user.groups().isEmpty()) {
            // Group paths; a top-level group's is "/" and its name.
            ArrayNode groups = rep.putArray("groups");
            user.groups().forEach(name -> groups.add("/" + name));
        }
        Reply reply = http.post(url, rep);
        http.expect("POST", url, reply, 201);
        return AdminHttp.createdId("POST", url, reply);
    }
}
