package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.SecretSnapshot;
import dev.keycloakoidc.testing.ToolCall;
import dev.keycloakoidc.testing.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Juju secret ids as Juju 3.x spells them (issue 18), through ./dispatch, the stand-ins and a real
 * Keycloak: {@code secret-add} prints {@code secret://<model-uuid>/<id>}, {@code secret-ids} and
 * {@code secret-info-get} speak bare ids, and a unit whose lease ran out mid-hook is answered
 * {@code this unit is not the leader} (docs/juju-hook-tools.md has where each fact comes from).
 */
class SecretIdsIT {

    private static final String DEX_CALLBACK = "https://kubeflow.example.com/dex/callback";
    private static final String OTHER_CALLBACK = "https://other.example.com/oidc/callback";

    /**
     * A hook killed after deleting a client in Keycloak leaves that client's Juju secret behind
     * (Juju drops the hook's secret-remove). A second consumer then relates: one hook serves it
     * (client, secret granted, databag) and removes the orphan, and exits 0; the first consumer
     * keeps its secret. With the ids compared as strings, the hook removed the secret it had just
     * made and its secret-grant failed, hook after hook.
     */
    @Test
    void anOrphanedClientSecret_andANewConsumer_convergeInOneHook() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String first = scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.hook("install");
            scene.relationChanged(first);
            String firstSecret = scene.juju.localAppData(first).get("client_secret_id");
            assertNotNull(firstSecret);
            // What the killed hook left: a client secret whose client is gone, named by no relation.
            String orphan = scene.juju.addAppSecret(Map.of("secret", "of-a-deleted-client"), "client-secret-gone-app");
            scene.secrets.add("of-a-deleted-client");
            assertEquals(null, scene.client("gone-app"));

            String second = scene.relateProvider("other-app", OTHER_CALLBACK);
            int runsBefore = scene.juju.hookRuns().size();
            int callsBefore = scene.juju.calls().size();
            scene.relationChanged(second);

            List<HookRun> runs = scene.juju.hookRuns().subList(runsBefore, scene.juju.hookRuns().size());
            assertEquals(1, runs.size());
            assertEquals(0, runs.get(0).exitCode(), runs.get(0).stderr());
            assertEquals("active: 2 clients in realm " + scene.realm, scene.unitStatus());
            assertNotNull(scene.client("other-app"), "the new consumer has no client");
            String secondSecret = scene.juju.localAppData(second).get("client_secret_id");
            assertNotNull(secondSecret, "the new consumer got no secret");
            SecretSnapshot served = scene.jujuSecret(secondSecret);
            assertEquals(Optional.of("client-secret-other-app"), served.label());
            assertTrue(served.grantedTo("other-app"), "not granted to the new consumer");
            assertEquals(scene.keycloakSecret("other-app"), served.content().get("secret"));
            assertEquals(Optional.empty(), scene.juju.secret(orphan), "the orphan is still there");
            assertTrue(scene.jujuSecret(firstSecret).grantedTo("dex-auth"), "the first consumer lost its secret");
            List<ToolCall> calls = scene.juju.calls().subList(callsBefore, scene.juju.calls().size());
            assertEquals(List.of(List.of("secret-remove", inModel(scene, orphan))),
                    calls.stream().filter(c -> c.tool().equals("secret-remove")).map(ToolCall::argv).toList(),
                    "the hook removed something other than the orphan");
            // (secret-info-get --label may say not found: that is how the charm learns a secret is new.)
            List<ToolCall> writes = calls.stream().filter(c -> Set.of("secret-add", "secret-set", "secret-grant", "secret-remove",
                    "relation-set").contains(c.tool())).toList();
            assertTrue(writes.stream().allMatch(c -> c.result().exitCode() == 0),
                    () -> "a write failed: " + writes.stream().filter(c -> c.result().exitCode() != 0).map(ToolCall::argv).toList());
            scene.assertHygiene();
        }
    }

    /**
     * The id a consumer is handed is Juju's full form, {@code secret://<model-uuid>/<id>}, from the
     * first hook on, and stays byte for byte the same through later hooks (one that finds the
     * secret by its label, whose id secret-info-get prints bare); a steady hook writes no
     * relation data and grants nothing, on either interface.
     */
    @Test
    void thePublishedSecretId_isTheFullForm_byteIdentical_andASteadyHookWritesNothing() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String dex = scene.relateProvider("dex-auth", DEX_CALLBACK);
            String grafana = scene.relateOAuth("grafana", OAuthIT.grafana(OAuthIT.GRAFANA_CALLBACK));
            int callsBefore = scene.juju.calls().size();
            scene.hook("install");
            Map<String, String> published = Map.of(
                    dex, scene.juju.localAppData(dex).get("client_secret_id"),
                    grafana, scene.juju.localAppData(grafana).get("client_secret_id"));
            List<String> added = scene.juju.calls().subList(callsBefore, scene.juju.calls().size()).stream()
                    .filter(c -> c.tool().equals("secret-add")).map(c -> c.result().stdout().strip()).toList();
            assertEquals(2, added.size(), "one secret per consumer");
            for (String rel : published.keySet()) {
                String id = published.get(rel);
                assertTrue(id.matches("secret://" + scene.juju.modelUuid() + "/[0-9a-v]{20}"), rel + ": " + id);
                assertTrue(added.contains(id), rel + ": not what secret-add printed: " + id + " vs " + added);
            }

            for (String hook : List.of("update-status", "config-changed", "leader-elected")) {
                int before = scene.juju.calls().size();
                scene.hook(hook);
                assertEquals(published.get(dex), scene.juju.localAppData(dex).get("client_secret_id"), hook);
                assertEquals(published.get(grafana), scene.juju.localAppData(grafana).get("client_secret_id"), hook);
                List<ToolCall> calls = scene.juju.calls().subList(before, scene.juju.calls().size());
                assertTrue(calls.stream().anyMatch(c -> c.tool().equals("secret-info-get")), hook + " looked up no secret");
                assertEquals(List.of(), calls.stream().filter(c -> Set.of("relation-set", "secret-grant", "secret-add",
                        "secret-set", "secret-remove").contains(c.tool())).map(ToolCall::argv).toList(), hook + " wrote");
            }
            scene.relationChanged(dex);
            scene.relationChanged(grafana);
            assertEquals(published, Map.of(dex, scene.juju.localAppData(dex).get("client_secret_id"),
                    grafana, scene.juju.localAppData(grafana).get("client_secret_id")));
            scene.assertHygiene();
        }
    }

    /**
     * The leader's lease runs out during its hook; Juju answers its next leader-only write with
     * {@code ERROR this unit is not the leader}. The charm reports a refused write and exits 1, so
     * that Juju commits nothing of the hook; the unit that leads next serves the consumer, with
     * the client the refused hook made and no second one.
     */
    @Test
    void aWriteRefusedAsNotTheLeader_failsTheHook_commitsNothing_andTheNewLeaderServes() throws Exception {
        assertRefusedMidHook(argv -> argv.get(0).equals("secret-add"));
    }

    /** The same, with the application status the last write the hook makes. */
    @Test
    void anApplicationStatusRefusedAsNotTheLeader_failsTheHook_commitsNothing_andTheNewLeaderServes() throws Exception {
        assertRefusedMidHook(argv -> argv.get(0).equals("status-set") && argv.contains("--application=True"));
    }

    private static void assertRefusedMidHook(Predicate<List<String>> refusedCall) throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String first = scene.leader();
            String second = scene.juju.addUnit();
            scene.hook("install");
            String rel = scene.relateProvider("dex-auth", DEX_CALLBACK);
            scene.juju.moveLeadershipDuringNextHook(second, refusedCall);
            int callsBefore = scene.juju.calls().size();
            HookRun run = scene.driver.relationHook(first, "relation-changed", rel, "dex-auth/0");

            assertEquals(1, run.exitCode(), run.stderr());
            List<ToolCall> calls = scene.juju.calls().subList(callsBefore, scene.juju.calls().size());
            ToolCall refused = calls.stream().filter(c -> refusedCall.test(named(c))).findFirst().orElseThrow();
            assertEquals(new ToolResult(1, "", "ERROR this unit is not the leader\n"), refused.result());
            assertEquals(refused, calls.get(calls.size() - 1), "the charm carried on after the refusal");
            assertTrue(run.stderr().contains("Juju refused a write as not this unit's to make (leadership moved during the hook?)")
                    && run.stderr().contains("this unit is not the leader"), run.stderr());
            assertEquals(Map.of(), scene.juju.localAppData(rel), "a refused hook committed relation data");
            assertEquals(List.of(), scene.juju.secrets().stream().filter(s -> s.ownerKind().equals("application")).toList(),
                    "a refused hook committed a secret");

            HookRun elected = scene.driver.hook(second, "leader-elected");
            assertEquals(0, elected.exitCode(), elected.stderr());
            assertEquals("active: 1 client in realm " + scene.realm, scene.juju.unitStatus(second).status() + ": "
                    + scene.juju.unitStatus(second).message());
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");
            assertTrue(scene.jujuSecret(secretId).grantedTo("dex-auth"));
            assertEquals(1, scene.admin.get("/admin/realms/" + scene.realm + "/clients?clientId=dex-auth").size(),
                    "a second client");
            HookRun retried = scene.driver.relationHook(first, "relation-changed", rel, "dex-auth/0");
            assertEquals(0, retried.exitCode(), retried.stderr());
            assertEquals("standby: the leader manages Keycloak", scene.juju.unitStatus(first).message());
            scene.assertHygiene();
        }
    }

    /** argv with the tool's bare name first, as the stand-in's leadership trigger sees it. */
    private static List<String> named(ToolCall call) {
        List<String> argv = new java.util.ArrayList<>(call.argv());
        argv.set(0, call.tool());
        return argv;
    }

    /** How the charm names a secret to Juju: the full form in this model. */
    private static String inModel(CharmScene scene, String uri) {
        return "secret://" + scene.juju.modelUuid() + "/" + uri.substring(uri.lastIndexOf('/') + 1);
    }
}
