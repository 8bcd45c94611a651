package dev.keycloakoidc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The admin calls tests need to set a scene that the charm itself never makes (service accounts,
 * role mappings, password policies, token lifespans), as the master admin. Deliberately not
 * {@code KeycloakAdmin}: the scene must not depend on the code under test.
 */
public final class RawAdmin {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer keycloak;
    /** Long read timeout: creating a realm takes seconds on a busy two-core machine. */
    private final OkHttpClient http = new OkHttpClient.Builder().followRedirects(false)
            .readTimeout(java.time.Duration.ofSeconds(60)).build();

    public RawAdmin(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    public ObjectNode object() {
        return JSON.createObjectNode();
    }

    public JsonNode get(String path) {
        return send("GET", path, null).body();
    }

    /** Returns the created id (from Location) or the answer's JSON text for non-201 successes. */
    public String post(String path, JsonNode body) {
        Answer answer = send("POST", path, body);
        String location = answer.location();
        return location == null ? "" : location.substring(location.lastIndexOf('/') + 1);
    }

    public void put(String path, JsonNode body) {
        send("PUT", path, body);
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    /** Makes Keycloak record every admin write in {@code realm}, so a test can count them. */
    public void enableAdminEvents(String realm) {
        ObjectNode config = (ObjectNode) get("/admin/realms/" + realm + "/events/config");
        config.put("adminEventsEnabled", true);
        put("/admin/realms/" + realm + "/events/config", config);
    }

    /** The admin writes recorded in {@code realm} since {@link #enableAdminEvents}. */
    public JsonNode adminEvents(String realm) {
        return get("/admin/realms/" + realm + "/admin-events?max=1000");
    }

    /** Creates a confidential service-account client in master and returns its secret. */
    public String serviceAccount(String clientId) {
        String id = post("/admin/realms/master/clients", object()
                .put("clientId", clientId)
                .put("publicClient", false)
                .put("serviceAccountsEnabled", true)
                .put("standardFlowEnabled", false)
                .put("directAccessGrantsEnabled", false));
        return get("/admin/realms/master/clients/" + id + "/client-secret").path("value").asText();
    }

    /** Gives a master service account roles of the {@code <realm>-realm} client (the realm's admin roles). */
    public void grantRealmManagement(String serviceAccountClientId, String realm, String... roles) {
        String userId = serviceAccountUser(serviceAccountClientId);
        String managementId = clientUuid("master", realm + "-realm");
        var list = JSON.createArrayNode();
        for (String role : roles) {
            list.add(get("/admin/realms/master/clients/" + managementId + "/roles/" + role));
        }
        post("/admin/realms/master/users/" + userId + "/role-mappings/clients/" + managementId, list);
    }

    public void grantMasterRealmRole(String serviceAccountClientId, String role) {
        String userId = serviceAccountUser(serviceAccountClientId);
        var list = JSON.createArrayNode().add(get("/admin/realms/master/roles/" + role));
        post("/admin/realms/master/users/" + userId + "/role-mappings/realm", list);
    }

    /** Creates a user in master with this password and master's {@code admin} role; returns its id. */
    public String masterAdmin(String username, String password) {
        String id = post("/admin/realms/master/users", object()
                .put("username", username).put("enabled", true)
                .set("credentials", JSON.createArrayNode().add(object()
                        .put("type", "password").put("value", password).put("temporary", false))));
        post("/admin/realms/master/users/" + id + "/role-mappings/realm",
                JSON.createArrayNode().add(get("/admin/realms/master/roles/admin")));
        return id;
    }

    /** The user's live sessions in {@code realm} (each sign-in with a password opens one). */
    public JsonNode userSessions(String realm, String userId) {
        return get("/admin/realms/" + realm + "/users/" + userId + "/sessions");
    }

    public String clientUuid(String realm, String clientId) {
        return get("/admin/realms/" + realm + "/clients?clientId=" + clientId).get(0).path("id").asText();
    }

    /** The id of the user behind a master service account. */
    public String serviceAccountUser(String clientId) {
        return get("/admin/realms/master/clients/" + clientUuid("master", clientId) + "/service-account-user")
                .path("id").asText();
    }

    private record Answer(JsonNode body, String location) {}

    private Answer send(String method, String path, JsonNode body) {
        RequestBody requestBody = null;
        try {
            if (body != null) {
                requestBody = RequestBody.create(JSON.writeValueAsBytes(body), MediaType.get("application/json"));
            }
            Request request = new Request.Builder()
                    .url(HttpUrl.get(keycloak.baseUrl() + path))
                    .header("Authorization", "Bearer " + token())
                    .method(method, requestBody)
                    .build();
            try (Response response = http.newCall(request).execute()) {
                String text = response.body().string();
                if (response.code() >= 300) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.code() + ": " + text);
                }
                return new Answer(text.isEmpty() ? JSON.nullNode() : JSON.readTree(text), response.header("Location"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String token() throws IOException {
        try (Response response = http.newCall(new Request.Builder()
                .url(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token")
                .post(new FormBody.Builder()
                        .add("grant_type", "password")
                        .add("client_id", "admin-cli")
                        .add("username", keycloak.adminUsername())
                        .add("password", keycloak.adminPassword())
                        .build())
                .build()).execute()) {
            return JSON.readTree(response.body().string()).path("access_token").asText();
        }
    }
}
