package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.RawAdmin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Scopes Keycloak grants, and groups from create-user to the ID token, end to end: the packed
 * charm's ./dispatch, the hook-tool stand-ins, a real Keycloak and the logins Dex would run.
 */
class ScopesIT {

    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";
    private static final String GROUPS_SCOPES = "openid profile email groups";

    @Test
    void groups_reachTheIdToken_throughTheDatabag_andGetConnector_andSurviveTheirScopeBeingDeleted() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("scopes", GROUPS_SCOPES);
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            Map<String, String> data = scene.juju.localAppData(rel);
            assertEquals(GROUPS_SCOPES, data.get("scope"));
            assertEquals("groups", data.get("groups"));
            JsonNode connector = RawAdmin.JSON.readTree(data.get("dex_connector")).path("config");
            assertTrue(connector.path("insecureEnableGroups").asBoolean(), "dex_connector: " + connector);
            JsonNode scope = groupsScope(scene);
            assertNotNull(scope, "the realm has no groups client scope");
            assertEquals(scene.juju.modelUuid(), scope.path("attributes").path("juju.model-uuid").asText());

            ActionRun created = scene.action("create-user", Map.of("username", "alice", "email", "alice@example.com",
                    "groups", "ml-team,admins"));
            assertTrue(created.failure().isEmpty(), () -> created.failure().get());
            assertEquals("ml-team,admins", created.result("groups").orElseThrow());
            String password = created.result("password").orElseThrow();

            // (b) what a consumer of oidc-provider has: the databag and its Juju secret
            assertEquals(Set.of("ml-team", "admins"), groups(scene.login(rel, "alice", password)));

            // (a) what stock dex-auth gets: get-connector's connector
            ActionRun got = scene.action("get-connector", Map.of());
            assertTrue(got.failure().isEmpty(), () -> got.failure().get());
            List<Map<String, Object>> connectors = new Yaml().load(got.result("connectors").orElseThrow());
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) connectors.get(0).get("config");
            assertEquals(Boolean.TRUE, config.get("insecureEnableGroups"));
            @SuppressWarnings("unchecked")
            List<String> scopes = (List<String>) config.get("scopes");
            assertEquals(List.of("openid", "profile", "email", "groups"), scopes);
            Map<String, Object> claims = OidcLogin.login((String) config.get("issuer"), (String) config.get("clientID"),
                    (String) config.get("clientSecret"), (String) config.get("redirectURI"), scopes, "alice", password);
            assertEquals(Set.of("ml-team", "admins"), groups(claims));

            // An administrator deletes the scope in the console: logins asking for groups now
            // fail (Keycloak: invalid_scope), until the next hook makes it again.
            scene.admin.delete("/admin/realms/" + scene.realm + "/client-scopes/" + scope.path("id").asText());
            assertThrows(OidcLogin.Failure.class, () -> scene.login(rel, "alice", password));
            scene.hook("update-status");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            assertNotNull(groupsScope(scene), "the groups scope was not made again");
            assertEquals(Set.of("ml-team", "admins"), groups(scene.login(rel, "alice", password)));
            scene.assertHygiene();
        }
    }

    @Test
    void aSteadyHookWithGroups_addsOnlyTheRealmsClientScopesRead() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            scene.adminThrough(proxy);
            scene.juju.setConfig("scopes", GROUPS_SCOPES);
            scene.relateProvider("dex-auth", CALLBACK);
            scene.hook("config-changed");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            int before = proxy.requests().size();
            scene.hook("update-status");
            // Discovery goes straight to Keycloak (the issuer is its own URL). With a service
            // account, as the benchmark's case B signs in, the logout is not sent: 4 in all.
            assertEquals(List.of("POST /realms/master/protocol/openid-connect/token",
                    "GET /admin/realms/" + scene.realm + "/clients",
                    "GET /admin/realms/" + scene.realm + "/client-scopes",
                    "POST /realms/master/protocol/openid-connect/logout"),
                    proxy.requests().subList(before, proxy.requests().size()));
        }
    }

    @Test
    void aConsumerAskingForOfflineAccess_logsIn_oneAskingForAScopeTheRealmLacks_isNotServed() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String offline = scene.relateProvider("offline-app", "https://offline.example.com/callback");
            scene.juju.setRemoteAppData(offline, Map.of("redirect_uri", "https://offline.example.com/callback",
                    "scope", "offline_access"));
            scene.relationChanged(offline);
            String bad = scene.relateProvider("bad-app", "https://bad.example.com/callback");
            scene.juju.setRemoteAppData(bad, Map.of("redirect_uri", "https://bad.example.com/callback",
                    "scope", "openid no-such-scope"));
            scene.relationChanged(bad);

            assertEquals("blocked: consumer bad-app (" + bad + "): realm " + scene.realm + " has no OpenID Connect "
                    + "client scope no-such-scope; create it in Keycloak or drop it from the consumer's scope",
                    scene.unitStatus());
            assertEquals(Map.of(), scene.juju.localAppData(bad));
            assertNull(scene.client("bad-app"), "a client for a consumer that is not served");
            assertTrue(scene.juju.secrets().stream().noneMatch(s -> s.label().orElse("").equals("client-secret-bad-app")));

            Map<String, String> data = scene.juju.localAppData(offline);
            assertEquals("openid profile email offline_access", data.get("scope"));
            scene.createUser("olga", "olga-Passw0rd-1");
            scene.secrets.add("olga-Passw0rd-1");
            assertEquals("olga", scene.login(offline, "olga", "olga-Passw0rd-1").get("preferred_username"));

            // The realm gets the scope: the next hook serves bad-app too.
            scene.admin.post("/admin/realms/" + scene.realm + "/client-scopes", scene.admin.object()
                    .put("name", "no-such-scope").put("protocol", "openid-connect"));
            scene.hook("update-status");
            assertEquals("active: 2 clients in realm " + scene.realm, scene.unitStatus());
            assertTrue(Converged.strings(scene.client("bad-app").path("optionalClientScopes")).contains("no-such-scope"));
            assertEquals("olga", scene.login(bad, "olga", "olga-Passw0rd-1").get("preferred_username"));
            scene.assertHygiene();
        }
    }

    @Test
    void aScopeTheRealmLacks_inTheScopesOption_blocksNamingIt_andChangesNoDatabag() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);
            Map<String, String> before = scene.juju.localAppData(rel);

            scene.juju.setConfig("scopes", "openid profile email kubeflow-extra");
            scene.hook("config-changed");
            assertEquals("blocked: scopes: realm " + scene.realm + " has no OpenID Connect client scope kubeflow-extra; "
                    + "create it in Keycloak (Client scopes) or remove it from scopes", scene.unitStatus());
            assertEquals(before, scene.juju.localAppData(rel), "settings that cannot log in were published");

            scene.admin.post("/admin/realms/" + scene.realm + "/client-scopes", scene.admin.object()
                    .put("name", "kubeflow-extra").put("protocol", "openid-connect"));
            scene.hook("update-status");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            assertEquals("openid profile email kubeflow-extra", scene.juju.localAppData(rel).get("scope"));
            scene.assertHygiene();
        }
    }

    @Test
    void anAdministratorsGroupsScopeWithoutAMapper_isLeftAlone_andTheStatusSaysSo() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.hook("config-changed");
            scene.admin.post("/admin/realms/" + scene.realm + "/client-scopes", scene.admin.object()
                    .put("name", "groups").put("protocol", "openid-connect"));
            JsonNode before = groupsScope(scene);
            scene.juju.setConfig("scopes", GROUPS_SCOPES);
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);

            assertEquals("active: 1 client in realm " + scene.realm + "; warning: client scope groups of realm "
                    + scene.realm + " (not made by keycloak-oidc) puts no groups claim in ID tokens; add a Group "
                    + "Membership mapper to it, or delete it to have it made", scene.unitStatus());
            assertEquals(before, groupsScope(scene), "an administrator's client scope was changed");
            assertEquals("groups", scene.juju.localAppData(rel).get("groups"));
            scene.assertHygiene();
        }
    }

    private static JsonNode groupsScope(CharmScene scene) {
        for (JsonNode scope : scene.admin.get("/admin/realms/" + scene.realm + "/client-scopes")) {
            if (scope.path("name").asText().equals("groups")) {
                return scope;
            }
        }
        return null;
    }

    private static Set<String> groups(Map<String, Object> claims) {
        Object groups = claims.get("groups");
        assertTrue(groups instanceof List<?>, () -> "no groups list in the ID token: " + claims.keySet());
        return Set.copyOf(((List<?>) groups).stream().map(String::valueOf).toList());
    }
}
