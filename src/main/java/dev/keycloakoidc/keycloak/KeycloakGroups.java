package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.http.Urls;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.keycloak.AdminHttp.Reply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A realm's groups and their members: the part of the admin API that {@link KeycloakAdmin#groups()}
 * hands out. Needs {@code manage-users} of the realm (measured on Keycloak 26.5: {@code manage-clients}
 * alone gets 403 on every call here). Group names are case-sensitive in Keycloak: {@code Admins}
 * and {@code admins} can be two top-level groups.
 */
public final class KeycloakGroups {

    /** Lists are read a page at a time; Keycloak's own default page is 100 for a user's groups. */
    private static final int PAGE = 500;

    /**
     * A group as Keycloak lists it.
     *
     * @param path {@code /name} for a top-level group, {@code /parent/name} for a subgroup
     */
    public record Group(String id, String name, String path) {}

    private final AdminHttp http;

    KeycloakGroups(AdminHttp http) {
        this.http = http;
    }

    /** The realm's top-level groups (without their subgroups). */
    public List<Group> topLevel(String realm) {
        return pages(http.admin("realms", realm, "groups"));
    }

    /**
     * Creates a top-level group carrying {@code attributes} (one value each); returns its id.
     * Throws (409 {@code Top level group named 'x' already exists.}) if the realm has one of that
     * name, in exactly that case.
     */
    public String create(String realm, String name, Map<String, String> attributes) {
        URI url = http.admin("realms", realm, "groups");
        ObjectNode rep = Json.object().put("name", name);
        ObjectNode values = rep.putObject("attributes");
        attributes.forEach((key, value) -> values.putArray(key).add(value));
        Reply reply = http.post(url, rep);
        http.expect("POST", url, reply, 201);
        return AdminHttp.createdId("POST", url, reply);
    }

    /** Deletes the group (and with it every membership in it); an already-missing group counts as deleted. */
    public void delete(String realm, String id) {
        http.deleteIfExists(http.admin("realms", realm, "groups", id));
    }

    /** The groups the user is a direct member of, at any level. */
    public List<Group> ofUser(String realm, String userId) {
        return pages(http.admin("realms", realm, "users", userId, "groups"));
    }

    /** Makes the user a member of the group; idempotent (Keycloak answers 204 again). */
    public void join(String realm, String userId, String groupId) {
        URI url = http.admin("realms", realm, "users", userId, "groups", groupId);
        http.expect("PUT", url, http.put(url, null), 204);
    }

    /** Ends the user's membership of the group; idempotent (Keycloak answers 204 to a non-member too). */
    public void leave(String realm, String userId, String groupId) {
        URI url = http.admin("realms", realm, "users", userId, "groups", groupId);
        http.expect("DELETE", url, http.delete(url), 204);
    }

    private List<Group> pages(URI list) {
        List<Group> groups = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            URI url = Urls.withQuery(list, "briefRepresentation", "true", "first", Integer.toString(first),
                    "max", Integer.toString(PAGE));
            JsonNode page = http.expectJson("GET", url, http.get(url), 200);
            page.forEach(g -> groups.add(new Group(g.path("id").asText(), g.path("name").asText(), g.path("path").asText())));
            if (page.size() < PAGE) {
                return List.copyOf(groups);
            }
        }
    }
}
