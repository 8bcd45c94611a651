package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.SecretSnapshot;
import dev.keycloakoidc.testing.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code secret-rotation} option through the real ./dispatch against the real Keycloak: the
 * client secrets carry Juju's rotation policy, and Juju's {@code secret-rotate} hook rotates the
 * client in Keycloak and publishes a new revision. (With Keycloak's grace period: RotationGraceIT;
 * killed mid-hook: CrashIT.)
 */
class ScheduledRotationIT {

    private static final String A = "https://a.example.com/dex/callback";
    private static final String B = "https://b.example.com/dex/callback";
    private static final String DEX_ISSUER = "https://c.example.com/dex";

    @Test
    void thePolicy_isOnNewAndExistingSecrets_notOnDexOidcConfigOnlyClients_andNeverClearsIt() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String a = scene.relateProvider("dex-a", A);
            scene.relateDex("dex-c", DEX_ISSUER);
            scene.hook("config-changed");
            String secretA = scene.juju.localAppData(a).get("client_secret_id");
            String secretC = scene.juju.secretByLabel("client-secret-dex-c").orElseThrow().uri();
            assertEquals(Optional.empty(), scene.jujuSecret(secretA).rotate());

            // An existing secret gets the policy, and no new revision for it.
            scene.juju.setConfig("secret-rotation", "daily");
            scene.hook("config-changed");
            assertRotates(scene, secretA, "daily");
            assertEquals(1, scene.jujuSecret(secretA).latestRevision());
            assertEquals(Optional.empty(), scene.jujuSecret(secretC).rotate(), "stock dex-auth keeps its secret in Dex's config");
            assertEquals("active: 2 clients in realm " + scene.realm
                    + "; secret-rotation skips dex-c (dex-oidc-config: its secret is in Dex's config)", scene.unitStatus());

            // A new secret is added with it.
            String b = scene.relateProvider("dex-b", B);
            HookRun joined = scene.relationChanged(b);
            String secretB = scene.juju.localAppData(b).get("client_secret_id");
            assertRotates(scene, secretB, "daily");
            List<String> add = calls(scene, joined).stream().filter(c -> c.tool().equals("secret-add")).findFirst()
                    .orElseThrow().argv();
            assertEquals(List.of("--rotate", "daily"), add.subList(add.indexOf("--rotate"), add.indexOf("--rotate") + 2));

            // A steady hook reads the policy with the secret and writes nothing.
            HookRun steady = scene.hook("update-status");
            assertTrue(calls(scene, steady).stream().noneMatch(c -> c.tool().equals("secret-set")), () -> calls(scene, steady).toString());

            // A secret-rotate for the dex-oidc-config client (one Juju had queued) rotates nothing.
            String keycloakC = scene.keycloakSecret("dex-c");
            HookRun queued = scene.driver.run(HookEvent.secret(scene.leader(), "secret-rotate", secretC, OptionalInt.empty()));
            assertEquals(0, queued.exitCode(), queued.stderr());
            assertEquals(keycloakC, scene.keycloakSecret("dex-c"));
            assertEquals(1, scene.jujuSecret(secretC).latestRevision());

            // Once dex-c also reads the Juju secret (oidc-provider), its secret rotates too.
            scene.relationChanged(scene.relateProvider("dex-c", "https://c.example.com/dex/callback"));
            assertRotates(scene, secretC, "daily");
            assertEquals("active: 3 clients in realm " + scene.realm, scene.unitStatus());

            scene.juju.setConfig("secret-rotation", "never");
            scene.hook("config-changed");
            for (String secret : List.of(secretA, secretB, secretC)) {
                assertRotates(scene, secret, "never");
            }
            assertEquals("active: 3 clients in realm " + scene.realm, scene.unitStatus());
            scene.assertHygiene();
        }
    }

    @Test
    void secretRotate_givesANewRevisionEqualToKeycloaks_whichLogsIn_whileTheOldIsRefused() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("secret-rotation", "daily");
            CharmScene.Served served = scene.servedWithUser("dex-auth", A, "judy");
            String secretId = served.secretId();
            String oldSecret = served.secret();

            // Only the leader owns the secret: another unit's hook changes nothing.
            String other = scene.juju.addUnit();
            HookRun standby = scene.driver.run(HookEvent.secret(other, "secret-rotate", secretId, OptionalInt.empty()));
            assertEquals(0, standby.exitCode(), standby.stderr());
            assertEquals(oldSecret, scene.keycloakSecret("dex-auth"));

            HookRun rotated = scene.driver.run(scene.juju.rotationDue(secretId));
            assertEquals(0, rotated.exitCode(), rotated.stderr());
            SecretSnapshot secret = scene.jujuSecret(secretId);
            String newSecret = secret.content().get("secret");
            scene.secrets.add(newSecret);
            assertNotEquals(oldSecret, newSecret);
            assertEquals(scene.keycloakSecret("dex-auth"), newSecret);
            assertEquals(2, secret.latestRevision());
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            assertTrue(scene.juju.logs().stream().anyMatch(l -> l.message().equals(
                    "rotated the secret of client dex-auth (revision 2; the previous secret works until now)")));

            assertEquals(secretId, scene.juju.localAppData(served.relation()).get("client_secret_id"),
                    "the same Juju secret: consumers get secret-changed");
            assertEquals("judy", scene.login(served, newSecret).get("preferred_username"));
            assertThrows(OidcLogin.Failure.class, () -> scene.login(served, oldSecret));

            // Once no consumer tracks revision 1, Juju says so and its value goes.
            HookRun removed = scene.driver.secretHook(scene.leader(), "secret-remove", secretId, 1);
            assertEquals(0, removed.exitCode(), removed.stderr());
            assertEquals(Set.of(2), scene.jujuSecret(secretId).revisions().keySet());
            scene.assertHygiene();
        }
    }

    /** The rotation and the reconcile after it share one Keycloak session: one sign-in, one sign-out. */
    @Test
    void secretRotate_signsInOnce_forTheRotationAndTheReconcile() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            scene.adminThrough(proxy);
            scene.juju.setConfig("secret-rotation", "daily");
            String rel = scene.relateProvider("dex-auth", A);
            scene.relationChanged(rel);
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");
            String before = scene.keycloakSecret("dex-auth");

            int from = proxy.requests().size();
            HookRun rotated = scene.driver.run(scene.juju.rotationDue(secretId));

            assertEquals(0, rotated.exitCode(), rotated.stderr());
            assertNotEquals(before, scene.keycloakSecret("dex-auth"), "rotated");
            List<String> requests = proxy.requests().subList(from, proxy.requests().size());
            assertEquals(1, requests.stream().filter(r -> r.endsWith("/protocol/openid-connect/token")).count(), requests::toString);
            assertEquals(1, requests.stream().filter(r -> r.endsWith("/protocol/openid-connect/logout")).count(), requests::toString);
        }
    }

    /**
     * What a rotation cut short leaves (CrashIT kills at random points; this is the one that
     * matters, made on purpose): Keycloak rotated, Juju not. Juju runs secret-rotate again, and the
     * charm publishes Keycloak's secret instead of rotating a second time.
     */
    @Test
    void secretRotate_whenKeycloakIsAheadOfJuju_publishesKeycloaksSecret_withoutRotatingAgain() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("secret-rotation", "daily");
            String rel = scene.relateProvider("dex-auth", A);
            scene.relationChanged(rel);
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");
            scene.secrets.add(scene.jujuSecret(secretId).content().get("secret"));
            String id = scene.client("dex-auth").path("id").asText();
            scene.admin.post("/admin/realms/" + scene.realm + "/clients/" + id + "/client-secret", scene.admin.object());
            String ahead = scene.keycloakSecret("dex-auth");
            scene.secrets.add(ahead);

            HookRun run = scene.driver.run(scene.juju.rotationDue(secretId));

            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(ahead, scene.keycloakSecret("dex-auth"), "rotated a second time");
            assertEquals(Map.of("secret", ahead), scene.jujuSecret(secretId).content());
            assertEquals(2, scene.jujuSecret(secretId).latestRevision(), "Juju's rotation is done: a new revision");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
        }
    }

    @Test
    void secretRotate_forAClientNoConsumerAsksFor_removesTheSecret() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("secret-rotation", "weekly");
            String a = scene.relateProvider("dex-a", A);
            String b = scene.relateProvider("dex-b", B);
            scene.hook("config-changed");
            String secretA = scene.juju.localAppData(a).get("client_secret_id");
            String keycloakB = scene.keycloakSecret("dex-b");
            // dex-a left, and the hook that would have cleaned up did not run (or failed)
            scene.juju.removeRelation(a);

            HookRun run = scene.driver.run(scene.juju.rotationDue(secretA));

            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(scene.juju.secret(secretA).isEmpty(), "the secret of the client nobody asks for");
            assertNull(scene.client("dex-a"), "the reconcile deleted the client");
            assertEquals(keycloakB, scene.keycloakSecret("dex-b"), "no other client is rotated");
            Converged.assertConverged(scene, Map.of(b, B));
        }
    }

    private static void assertRotates(CharmScene scene, String secretUri, String policy) {
        SecretSnapshot secret = scene.jujuSecret(secretUri);
        assertEquals(Optional.of(policy), secret.rotate(), () -> secretUri + " " + secret.label());
        assertEquals(!policy.equals("never"), secret.rotates().isPresent(), "Juju's schedule");
    }

    private static List<ToolCall> calls(CharmScene scene, HookRun run) {
        return scene.juju.calls().stream().filter(c -> c.contextId().equals(run.contextId())).toList();
    }
}
