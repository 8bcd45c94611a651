package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.RawAdmin;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Faults of the world around the charm (issue 5, part 1), each made by the test against a real
 * Keycloak: the hook ends with the status that explains it and exit 0, and a later ordinary hook
 * converges with nobody's help ({@link Converged}).
 */
class FaultsIT {

    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";

    @Test
    void keycloakStopped_isWaiting_andOnceStartedAgainWithItsDataLost_theNextHookRebuildsRealmClientAndSecret()
            throws Exception {
        try (KeycloakServer own = KeycloakServer.start();
             CharmScene scene = CharmScene.configured(own)) {
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
            Map<String, String> before = scene.juju.localAppData(rel);
            String secretId = before.get("client_secret_id");
            int revision = scene.jujuSecret(secretId).latestRevision();
            String oldSecret = scene.jujuSecret(secretId).content().get("secret");

            own.shutDown();
            scene.hook("update-status");
            assertEquals("waiting: Keycloak unreachable at " + own.baseUrl()
                    + "/realms/master/protocol/openid-connect/token: connection refused", scene.unitStatus());
            assertEquals(before, scene.juju.localAppData(rel), "a hook with Keycloak down changed the databag");

            own.startAgain();  // --db=dev-mem: the realm, its client and its secret are gone
            scene.hook("update-status");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
            assertEquals(secretId, scene.juju.localAppData(rel).get("client_secret_id"), "consumers keep one secret id");
            assertEquals(revision + 1, scene.jujuSecret(secretId).latestRevision());
            assertNotEquals(oldSecret, scene.jujuSecret(secretId).content().get("secret"));
            scene.assertHygiene();
        }
    }

    @Test
    void aPortThatAcceptsAndNeverAnswers_isWaiting_andTheHookEndsWithinAMinute() throws Exception {
        // Never accept()ed: the kernel completes the handshake from the backlog, then nothing is ever said.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CharmScene scene = CharmScene.configured()) {
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            scene.juju.setConfig("keycloak-url", url);
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            HookRun run = scene.relationChanged(rel);
            assertTrue(run.duration().compareTo(Duration.ofSeconds(60)) < 0, "hook took " + run.duration());
            assertTrue(scene.unitStatus().startsWith("waiting: Keycloak unreachable at " + url + "/"),
                    scene.unitStatus());
            assertTrue(scene.juju.localAppData(rel).isEmpty());

            scene.juju.setConfig("keycloak-url", scene.keycloak.baseUrl());
            scene.hook("config-changed");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
        }
    }

    @Test
    void keycloakAnswering503Or500_isWaiting_thenConverges() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            scene.juju.setConfig("keycloak-url", proxy.baseUrl());
            // Keycloak names itself in its issuer, not the proxy in front of it.
            scene.juju.setConfig("issuer", scene.keycloak.baseUrl() + "/realms/" + scene.realm);
            String rel = scene.relateProvider("dex-auth", CALLBACK);

            proxy.fail(503, FaultProxy.TOKEN);
            scene.relationChanged(rel);
            assertEquals("waiting: Keycloak answered 503 to POST /realms/master/protocol/openid-connect/token; "
                    + "retrying on the next hook", scene.unitStatus());

            // config-changed reads the server info (for the application version) first.
            proxy.heal().fail(500, FaultProxy.ADMIN);
            scene.hook("config-changed");
            assertEquals("waiting: Keycloak answered 500 to GET /admin/serverinfo; retrying on the next hook",
                    scene.unitStatus());

            // Half-way: the realm is made, then creating the client fails.
            String clients = "/admin/realms/" + scene.realm + "/clients";
            proxy.heal().fail(503, FaultProxy.request("POST", clients));
            scene.hook("update-status");
            assertEquals("waiting: Keycloak answered 503 to POST " + clients + "; retrying on the next hook",
                    scene.unitStatus());
            assertTrue(scene.juju.localAppData(rel).isEmpty(), "published without a client");

            proxy.heal();
            scene.hook("update-status");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
        }
    }

    /**
     * Regression: a realm made by the charm whose set-up (names optional, no VERIFY_PROFILE) was
     * cut short after the POST used to stay half-made, since the next hook found the realm there.
     */
    @Test
    void realmCreationCutShortAfterThePost_isFinishedByTheNextHook() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            scene.juju.setConfig("keycloak-url", proxy.baseUrl());
            scene.juju.setConfig("issuer", scene.keycloak.baseUrl() + "/realms/" + scene.realm);
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            proxy.fail(503, FaultProxy.request("PUT", "/admin/realms/" + scene.realm + "/users/profile"));
            scene.relationChanged(rel);
            assertTrue(scene.unitStatus().startsWith("waiting: Keycloak answered 503 to PUT"), scene.unitStatus());

            proxy.heal();
            scene.hook("update-status");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
        }
    }

    /**
     * Regression: a realm POST Keycloak carried out after the charm stopped listening (the hook
     * was killed while Keycloak took seconds to create the realm) made the retried POST answer 409,
     * and the hook ended blocked instead of carrying on with the realm.
     */
    @Test
    void realmCreatedByARequestWhoseAnswerWasLost_isTakenOver() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            scene.juju.setConfig("keycloak-url", proxy.baseUrl());
            scene.juju.setConfig("issuer", scene.keycloak.baseUrl() + "/realms/" + scene.realm);
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            proxy.failAfterForwarding(409, FaultProxy.request("POST", "/admin/realms"));
            scene.relationChanged(rel);
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
        }
    }

    @Test
    void wrongAdminPassword_isBlocked_untilTheOperatorFixesTheSecret() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            String uri = scene.juju.addUserSecret(Map.of("username", "admin", "password", "not-the-password"));
            scene.juju.grantSecret(uri, scene.juju.app());
            String good = (String) scene.juju.config().get("admin-credentials");
            scene.juju.setConfig("admin-credentials", uri);
            scene.secrets.add("not-the-password");
            scene.relationChanged(rel);
            assertEquals(CharmScene.WRONG_PASSWORD_STATUS, scene.unitStatus());
            assertTrue(scene.juju.localAppData(rel).isEmpty());

            scene.juju.setConfig("admin-credentials", good);
            scene.hook("config-changed");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
            scene.assertHygiene();
        }
    }

    @Test
    void serviceAccountWithoutEnoughRoles_isBlockedNamingTheMissingRole_untilGranted() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String account = "sa-" + scene.realm;
            String secret = scene.admin.serviceAccount(account);
            scene.secrets.add(secret);
            String uri = scene.juju.addUserSecret(Map.of("client-id", account, "client-secret", secret));
            scene.juju.grantSecret(uri, scene.juju.app());
            scene.juju.setConfig("admin-credentials", uri);
            String rel = scene.relateProvider("dex-auth", CALLBACK);

            // No admin role at all: Keycloak refuses even its server info (read on config-changed).
            scene.hook("config-changed");
            assertEquals("blocked: admin credentials hold no admin role (GET /admin/serverinfo answered 403); "
                    + "grant manage-clients and manage-users for the realm (docs/least-privilege.md)",
                    scene.unitStatus());

            // The realm exists; the account may only look at its clients.
            scene.admin.post("/admin/realms", scene.admin.object().put("realm", scene.realm).put("enabled", true));
            scene.admin.grantRealmManagement(account, scene.realm, "view-clients");
            scene.hook("update-status");
            assertEquals("blocked: admin credentials lack the manage-clients role for realm " + scene.realm
                    + " (POST /admin/realms/" + scene.realm + "/clients answered 403); grant it "
                    + "(docs/least-privilege.md)", scene.unitStatus());
            assertTrue(scene.juju.localAppData(rel).isEmpty());

            // Another realm, which the charm would have to create.
            scene.juju.setConfig("realm", scene.realm + "-new");
            scene.hook("config-changed");
            assertEquals("blocked: admin credentials lack the create-realm role (POST /admin/realms answered 403); "
                    + "grant it, or create the realm in Keycloak (docs/least-privilege.md)", scene.unitStatus());

            scene.juju.setConfig("realm", scene.realm);
            scene.admin.grantRealmManagement(account, scene.realm, "manage-clients");
            scene.hook("config-changed");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            assertEquals(Converged.DATABAG_KEYS, scene.juju.localAppData(rel).keySet());
            scene.assertHygiene();
        }
    }

    /**
     * Tokens of this service account live 12 s and the charm renews 10 s before expiry, so within
     * one hook the token runs out several times; every renewal passes the proxy, which counts them.
     */
    @Test
    void tokensExpiringWithinAHook_areRenewed_andTheHookConverges() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            String account = "short-" + scene.realm;
            String secret = scene.admin.serviceAccount(account);
            scene.secrets.add(secret);
            scene.admin.grantMasterRealmRole(account, "admin");
            String id = scene.admin.clientUuid("master", account);
            ObjectNode client = (ObjectNode) scene.admin.get("/admin/realms/master/clients/" + id);
            ((ObjectNode) client.path("attributes")).put("access.token.lifespan", "12");
            scene.admin.put("/admin/realms/master/clients/" + id, client);
            String uri = scene.juju.addUserSecret(Map.of("client-id", account, "client-secret", secret));
            scene.juju.grantSecret(uri, scene.juju.app());
            scene.juju.setConfig("admin-credentials", uri);
            scene.juju.setConfig("keycloak-url", proxy.baseUrl());
            scene.juju.setConfig("issuer", scene.keycloak.baseUrl() + "/realms/" + scene.realm);
            Map<String, String> consumers = new java.util.TreeMap<>();
            for (String app : List.of("dex-a", "dex-b", "dex-c", "dex-d")) {
                consumers.put(scene.relateProvider(app, "https://" + app + ".example.com/dex/callback"),
                        "https://" + app + ".example.com/dex/callback");
            }

            HookRun run = scene.hook("config-changed");
            long tokens = proxy.requests().stream().filter(r -> r.endsWith("/protocol/openid-connect/token")).count();
            assertTrue(tokens >= 2, tokens + " token request(s) in a " + run.duration() + " hook");
            Converged.assertConverged(scene, consumers);
            scene.assertHygiene();
        }
    }

    @Test
    void realmDeletedBehindTheCharmsBack_isRecreatedWithClientAndANewSecretRevision_andALoginWorks()
            throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");
            int revision = scene.jujuSecret(secretId).latestRevision();

            scene.admin.delete("/admin/realms/" + scene.realm);
            scene.hook("update-status");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
            assertEquals(secretId, scene.juju.localAppData(rel).get("client_secret_id"));
            assertEquals(revision + 1, scene.jujuSecret(secretId).latestRevision());

            scene.createUser("alice", "correct-horse-9");
            scene.secrets.add("correct-horse-9");
            Map<String, String> data = scene.juju.localAppData(rel);
            assertEquals("alice", OidcLogin.login(data.get("issuer_url"), data.get("client_id"),
                    scene.jujuSecret(secretId).content().get("secret"), data.get("redirect_uri"),
                    List.of(data.get("scope").split(" ")), "alice", "correct-horse-9").get("preferred_username"));
            scene.assertHygiene();
        }
    }

    @Test
    void managedClientEditedInTheConsole_isRestored_andItsRegeneratedSecretPublishedAsANewRevision()
            throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");
            int revision = scene.jujuSecret(secretId).latestRevision();

            String id = scene.client("dex-auth").path("id").asText();
            ObjectNode edited = (ObjectNode) scene.client("dex-auth");
            edited.set("redirectUris", RawAdmin.JSON.createArrayNode().add("https://evil.example.com/*"));
            edited.put("directAccessGrantsEnabled", true).put("implicitFlowEnabled", true)
                    .put("standardFlowEnabled", false).put("publicClient", true);
            scene.admin.put("/admin/realms/" + scene.realm + "/clients/" + id, edited);
            scene.admin.post("/admin/realms/" + scene.realm + "/clients/" + id + "/client-secret", scene.admin.object());

            scene.hook("update-status");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
            assertEquals(id, scene.client("dex-auth").path("id").asText(), "restored in place, not recreated");
            assertEquals(revision + 1, scene.jujuSecret(secretId).latestRevision());
            scene.assertHygiene();
        }
    }

    /**
     * Regression: a hook that deleted a departed consumer's client and was killed before exiting
     * leaves that client's Juju secret (Juju drops the secret-remove) and no client naming it.
     */
    @Test
    void aClientSecretLeftByAKilledHook_whoseClientIsGone_isRemoved() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);
            String orphan = scene.juju.addAppSecret(Map.of("secret", "left-behind"), "client-secret-gone-dex");
            String unrelated = scene.juju.addAppSecret(Map.of("note", "not a client secret"), "something-else");
            scene.hook("update-status");
            assertTrue(scene.juju.secret(orphan).isEmpty(), "orphan client secret kept");
            assertTrue(scene.juju.secret(unrelated).isPresent(), "a secret the charm does not manage was removed");
        }
    }

    @Test
    void jujuSecretRemovedByHand_isCreatedAgain_grantedAndPublished() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(rel);
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");

            scene.juju.removeSecret(secretId);
            scene.hook("update-status");
            Converged.assertConverged(scene, Map.of(rel, CALLBACK));
            assertNotEquals(secretId, scene.juju.localAppData(rel).get("client_secret_id"));
            assertTrue(scene.juju.secret(secretId).isEmpty());
            scene.assertHygiene();
        }
    }
}
