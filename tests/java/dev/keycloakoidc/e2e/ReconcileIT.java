package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.KeycloakChanges;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.LogEntry;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.RawAdmin;
import dev.keycloakoidc.testing.SecretSnapshot;
import dev.keycloakoidc.testing.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The reconcile end to end: the packed charm's ./dispatch, the hook-tool stand-ins and a real
 * Keycloak, with assertions on Keycloak's and Juju's state afterwards.
 */
class ReconcileIT {

    private static final String DEX_CALLBACK = "https://kubeflow.example.com/dex/callback";

    @Test
    void relatingAConsumer_createsItsClient_publishesTheDesignsDatabag_andALoginWorks() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.hook("install");
            scene.hook("config-changed");
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());
            assertEquals(KeycloakServer.version(), scene.juju.applicationVersion().orElseThrow());

            String rel = scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.relationChanged(rel);
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            assertEquals(scene.juju.unitStatus(scene.leader()), scene.juju.appStatus());

            JsonNode client = scene.client("dex-auth");
            assertNotNull(client, "client dex-auth was not created");
            assertEquals(List.of(DEX_CALLBACK), strings(client.path("redirectUris")));
            assertTrue(client.path("standardFlowEnabled").asBoolean());
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean());
            assertFalse(client.path("implicitFlowEnabled").asBoolean());
            assertFalse(client.path("publicClient").asBoolean());
            assertEquals("client-secret", client.path("clientAuthenticatorType").asText());
            assertEquals(scene.juju.modelUuid(), client.path("attributes").path("juju.model-uuid").asText());

            Map<String, String> data = scene.juju.localAppData(rel);
            String issuer = scene.keycloak.baseUrl() + "/realms/" + scene.realm;
            assertEquals(issuer, data.get("issuer_url"));
            assertEquals(issuer + "/protocol/openid-connect/auth", data.get("authorization_endpoint"));
            assertEquals(issuer + "/protocol/openid-connect/token", data.get("token_endpoint"));
            assertEquals(issuer + "/protocol/openid-connect/userinfo", data.get("userinfo_endpoint"));
            assertEquals(issuer + "/protocol/openid-connect/certs", data.get("jwks_endpoint"));
            assertEquals(issuer + "/protocol/openid-connect/token/introspect", data.get("introspection_endpoint"));
            assertEquals("openid profile email", data.get("scope"));
            assertEquals("dex-auth", data.get("client_id"));
            assertEquals(DEX_CALLBACK, data.get("redirect_uri"));
            assertFalse(data.containsKey("ca_chain"));

            SecretSnapshot secret = scene.jujuSecret(data.get("client_secret_id"));
            String keycloakSecret = scene.keycloakSecret("dex-auth");
            scene.secrets.add(keycloakSecret);
            assertEquals(Map.of("secret", keycloakSecret), secret.content());
            assertEquals("dex-auth", secret.relationGrants().get(rel.substring(rel.indexOf(':') + 1)),
                    "secret not granted to the relation");

            JsonNode connector = RawAdmin.JSON.readTree(data.get("dex_connector"));
            assertEquals("oidc", connector.path("type").asText());
            assertEquals("keycloak", connector.path("id").asText());
            assertEquals(issuer, connector.path("config").path("issuer").asText());
            assertEquals("dex-auth", connector.path("config").path("clientID").asText());
            assertEquals(DEX_CALLBACK, connector.path("config").path("redirectURI").asText());
            assertEquals("preferred_username", connector.path("config").path("userNameKey").asText());
            assertTrue(connector.path("config").path("clientSecret").isMissingNode(), "dex_connector carries the secret");

            // The login Dex would run, with nothing but what the relation published and the secret.
            scene.createUser("alice", "correct-horse-9");
            scene.secrets.add("correct-horse-9");
            Map<String, Object> claims = OidcLogin.login(data.get("issuer_url"), data.get("client_id"),
                    secret.content().get("secret"), data.get("redirect_uri"), List.of(data.get("scope").split(" ")),
                    "alice", "correct-horse-9");
            assertEquals("alice", claims.get(connector.path("config").path("userNameKey").asText()));
            // issuer left at its default here (the AOT training sets it): still nothing made at run time.
            scene.assertUpdateStatusLoadsEveryClassFromTheAotCache();
            scene.assertHygiene();
        }
    }

    @Test
    void stockDexAuth_onDexOidcConfig_getsAClientForItsCallback_sharedWithItsOidcProviderRelation() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String dex = scene.relateDex("dex-auth", "http://dex.example.com:5556/dex");
            scene.relationChanged(dex);
            assertEquals(List.of("http://dex.example.com:5556/dex/callback"),
                    strings(scene.client("dex-auth").path("redirectUris")));
            assertTrue(scene.juju.localAppData(dex).isEmpty(), "the charm writes nothing on dex-oidc-config");

            String provider = scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.relationChanged(provider);
            assertEquals(Set.of("http://dex.example.com:5556/dex/callback", DEX_CALLBACK),
                    Set.copyOf(strings(scene.client("dex-auth").path("redirectUris"))));
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            scene.assertHygiene();
        }
    }

    @Test
    void aSecondConsumer_getsItsOwnClient_andRemovingItsRelation_deletesOnlyThatClient() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String first = scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.relationChanged(first);
            String second = scene.relateProvider("other-dex", "https://other.example.com/dex/callback");
            scene.relationChanged(second);
            scene.secrets.add(scene.keycloakSecret("other-dex")); // gone from Juju below, still secret
            assertEquals("active: 2 clients in realm " + scene.realm, scene.unitStatus());
            String firstSecretId = scene.juju.localAppData(first).get("client_secret_id");
            String secondSecretId = scene.juju.localAppData(second).get("client_secret_id");
            assertFalse(firstSecretId.equals(secondSecretId));
            assertFalse(scene.keycloakSecret("dex-auth").equals(scene.keycloakSecret("other-dex")));

            var broken = scene.driver.relationHook(scene.leader(), "relation-broken", second, null);
            assertEquals(0, broken.exitCode(), broken.stderr());
            scene.juju.removeRelation(second);

            assertNull(scene.client("other-dex"), "the departed consumer's client is still there");
            assertTrue(scene.juju.secret(secondSecretId).isEmpty(), "its Juju secret is still there");
            assertNotNull(scene.client("dex-auth"));
            assertTrue(scene.juju.secret(firstSecretId).isPresent());
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            scene.assertHygiene();
        }
    }

    @Test
    void aSteadyHook_asksKeycloakForATokenAndTheClientsOnly_notForTheRealm() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            scene.adminThrough(proxy);
            scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.hook("config-changed");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            int before = proxy.requests().size();
            scene.hook("update-status");
            // The scene signs in with a password: the hook ends the session that opened.
            assertEquals(List.of("POST /realms/master/protocol/openid-connect/token",
                    "GET /admin/realms/" + scene.realm + "/clients",
                    "POST /realms/master/protocol/openid-connect/logout"),
                    proxy.requests().subList(before, proxy.requests().size()));
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            scene.assertUpdateStatusLoadsEveryClassFromTheAotCache();
        }
    }

    /**
     * docs/least-privilege.md's service account learns Keycloak's version from /admin/serverinfo
     * up to 26.6; from 26.7 on Keycloak tells it none. The charm then keeps the version it showed
     * (it never sets an empty one) and logs why.
     */
    @Test
    void leastPrivilegeServiceAccount_onASetUpHook_setsTheVersionKeycloakTellsIt_orKeepsTheLastOne() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.hook("install");
            assertEquals(KeycloakServer.version(), scene.juju.applicationVersion().orElseThrow());
            String account = "sa-" + scene.realm;
            String secret = scene.admin.serviceAccount(account);
            scene.secrets.add(secret);
            scene.admin.grantRealmManagement(account, scene.realm, "manage-clients", "manage-users");
            String uri = scene.juju.addUserSecret(Map.of("client-id", account, "client-secret", secret));
            scene.juju.grantSecret(uri, scene.juju.app());
            scene.juju.setConfig("admin-credentials", uri);

            int callsBefore = scene.juju.calls().size();
            int logsBefore = scene.juju.logs().size();
            scene.hook("config-changed");
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());
            Optional<String> told = KeycloakChanges.serverInfoVersionForLeastPrivilege();
            List<List<String>> versionSets = scene.juju.calls().subList(callsBefore, scene.juju.calls().size()).stream()
                    .filter(call -> call.tool().equals("application-version-set"))
                    .map(call -> call.argv().subList(1, call.argv().size())).toList();
            assertEquals(told.map(v -> List.of(List.of("--", v))).orElse(List.of()), versionSets,
                    "Keycloak " + KeycloakServer.version());
            assertEquals(KeycloakServer.version(), scene.juju.applicationVersion().orElseThrow());
            List<String> why = scene.juju.logs().subList(logsBefore, scene.juju.logs().size()).stream()
                    .filter(log -> log.message().startsWith("Keycloak does not tell these admin credentials its version"))
                    .map(LogEntry::level).toList();
            assertEquals(told.isEmpty() ? List.of("INFO") : List.of(), why);
            scene.assertHygiene();
        }
    }

    @Test
    void aForeignClientWithTheSameClientId_isLeftUntouched_andReported() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.hook("config-changed");
            scene.admin.post("/admin/realms/" + scene.realm + "/clients", scene.admin.object()
                    .put("clientId", "dex-auth").put("publicClient", true)
                    .set("redirectUris", RawAdmin.JSON.createArrayNode().add("https://elsewhere.example.com/*")));
            JsonNode before = scene.client("dex-auth");

            String rel = scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.relationChanged(rel);

            assertEquals("blocked: clientId dex-auth in realm " + scene.realm + " is taken by a client keycloak-oidc "
                    + "does not manage; rename or delete that client in Keycloak", scene.unitStatus());
            assertEquals(before, scene.client("dex-auth"), "the foreign client was modified");
            assertTrue(scene.juju.localAppData(rel).isEmpty(), "settings published for a client the charm does not own");
            scene.assertHygiene();
        }
    }

    @Test
    void configChanges_propagate_andARepeatedHookWritesNothing() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.relationChanged(rel);
            scene.juju.setConfig("username-key", "email");
            scene.juju.setConfig("connector-name", "Company SSO");
            scene.juju.setConfig("scopes", "openid profile email offline_access");
            scene.hook("config-changed");
            JsonNode connector = RawAdmin.JSON.readTree(scene.juju.localAppData(rel).get("dex_connector"));
            assertEquals("email", connector.path("config").path("userNameKey").asText());
            assertEquals("Company SSO", connector.path("name").asText());
            assertEquals("openid profile email offline_access", scene.juju.localAppData(rel).get("scope"));

            // A console edit of the managed client is put right by the next hook.
            String id = scene.client("dex-auth").path("id").asText();
            ObjectNode edited = (ObjectNode) scene.client("dex-auth");
            edited.set("redirectUris", RawAdmin.JSON.createArrayNode().add("https://evil.example.com/*"));
            edited.put("directAccessGrantsEnabled", true);
            scene.admin.put("/admin/realms/" + scene.realm + "/clients/" + id, edited);
            scene.hook("update-status");
            assertEquals(List.of(DEX_CALLBACK), strings(scene.client("dex-auth").path("redirectUris")));
            assertFalse(scene.client("dex-auth").path("directAccessGrantsEnabled").asBoolean());

            // Nothing differs now: the next hook must write nothing to Keycloak or to Juju.
            scene.admin.enableAdminEvents(scene.realm);
            int eventsBefore = scene.admin.adminEvents(scene.realm).size(); // enabling them is one
            int callsBefore = scene.juju.calls().size();
            scene.hook("update-status");
            JsonNode writes = scene.admin.adminEvents(scene.realm);
            assertEquals(eventsBefore, writes.size(), () -> "Keycloak writes on a no-op hook: " + writes);
            List<String> tools = scene.juju.calls().subList(callsBefore, scene.juju.calls().size()).stream()
                    .map(ToolCall::tool).toList();
            assertFalse(tools.contains("relation-set") || tools.contains("secret-set") || tools.contains("secret-add")
                    || tools.contains("secret-grant"), "Juju writes on a no-op hook: " + tools);
            scene.assertHygiene();
        }
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
