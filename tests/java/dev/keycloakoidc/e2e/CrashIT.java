package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.oidc.OAuthValues;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.SecretSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Crash mid-hook (issue 5, part 2): the charm's JVM killed with SIGKILL at points spread over a
 * hook's measured duration, then the hook run again as Juju would retry it. Juju drops every
 * change of a hook that did not exit 0, so whatever the killed run did to Keycloak is all that is
 * left of it; after the rerun Keycloak and Juju must be exactly as if the hook had run once.
 *
 * <p>Kill points: {@code -Dcrash.points=N} per scenario (default 4; the first reconcile gets twice as many) and {@code -Dcrash.seed=S} to
 * replay a run (the seed is printed).
 */
class CrashIT {

    private static final int POINTS = Integer.getInteger("crash.points", 4);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final Random RANDOM = new Random(SEED);

    private static final String A = "https://a.example.com/dex/callback";
    private static final String B = "https://b.example.com/dex/callback";

    @BeforeAll
    static void printSeed() {
        System.err.println("CrashIT: -Dcrash.seed=" + SEED + " -Dcrash.points=" + POINTS);
    }

    /** The first hook: realm created, two clients, two secrets, two databags; killed anywhere. */
    @Test
    void firstReconcile_killedAnywhere_thenRerun_isAsIfRunOnce() throws Exception {
        Duration full;
        try (CharmScene scene = twoConsumers()) {  // the measuring run
            full = scene.hook("config-changed").duration();
            Converged.assertConverged(scene, Map.of(rel(scene, "dex-a"), A, rel(scene, "dex-b"), B));
            dropRealm(scene);
        }
        int killed = 0;
        for (Duration delay : delays(full, 2 * POINTS)) {
            try (CharmScene scene = twoConsumers()) {
                HookRun run = scene.driver.runKilledAfter(HookEvent.hook(scene.leader(), "config-changed"), delay);
                killed += run.exitCode() == 0 ? 0 : 1;
                if (run.exitCode() != 0) {
                    assertNothingCommitted(scene);
                }
                HookRun rerun = scene.hook("config-changed");
                System.err.printf("CrashIT: first reconcile killed after %d ms (exit %d), rerun: %s%n",
                        delay.toMillis(), run.exitCode(), scene.unitStatus());
                Converged.assertConverged(scene, Map.of(rel(scene, "dex-a"), A, rel(scene, "dex-b"), B));
                dropRealm(scene);
            }
        }
        report("first reconcile", full, killed, 2 * POINTS);
    }

    /** A running charm: one consumer leaves (client and secret deleted), another joins, in one hook. */
    @Test
    void consumerLeavingAndJoining_killedAnywhere_thenRerun_isAsIfRunOnce() throws Exception {
        int killed = 0;
        Duration full = null;
        for (int i = 0; i <= POINTS; i++) {
            try (CharmScene scene = twoConsumers()) {
                String a = rel(scene, "dex-a");
                String b = rel(scene, "dex-b");
                scene.hook("config-changed");
                String c = scene.relateProvider("dex-c", "https://c.example.com/dex/callback");
                scene.juju.removeRelation(b);
                HookEvent event = HookEvent.relation(scene.leader(), "relation-changed", c, "dex-c/0");
                if (full == null) {
                    full = scene.driver.run(event).duration();  // the measuring run
                } else {
                    Map<String, String> before = scene.juju.localAppData(a);
                    HookRun run = scene.driver.runKilledAfter(event,
                            delays(full, POINTS).get(i - 1));
                    killed += run.exitCode() == 0 ? 0 : 1;
                    if (run.exitCode() != 0) {
                        assertEquals(before, scene.juju.localAppData(a));
                        assertTrue(scene.juju.localAppData(c).isEmpty(), "a killed hook's databag was committed");
                    }
                    HookRun rerun = scene.driver.run(event);
                    assertEquals(0, rerun.exitCode(), rerun.stderr());
                }
                Converged.assertConverged(scene, Map.of(a, A, c, "https://c.example.com/dex/callback"));
                dropRealm(scene);
            }
        }
        report("consumer leaving and joining", full, killed, POINTS);
    }

    /**
     * oauth requirers: a running charm serves grafana and a Kafka client; in one hook grafana moves
     * its callback, the Kafka client asks for a second audience, kafka joins and so does a requirer
     * that writes nothing. Client updates, mapper changes, a new client and provider info, killed anywhere.
     */
    @Test
    void oauthRequestsChangingAndJoining_killedAnywhere_thenRerun_isAsIfRunOnce() throws Exception {
        String moved = "https://dashboards.example.com/login/generic_oauth";
        int killed = 0;
        Duration full = null;
        for (int i = 0; i <= POINTS; i++) {
            try (CharmScene scene = CharmScene.configured()) {
                String grafana = scene.relateOAuth("grafana", OAuthIT.grafana(OAuthIT.GRAFANA_CALLBACK));
                String client = scene.relateOAuth("kafka-client", OAuthIT.kafkaClient("[\"kafka\"]"));
                scene.hook("config-changed");
                scene.requestOAuth(grafana, OAuthIT.grafana(moved));
                scene.requestOAuth(client, OAuthIT.kafkaClient("[\"kafka\", \"schema-registry\"]"));
                String kafka = scene.relateOAuth("kafka", OAuthIT.KAFKA);
                String silent = scene.relateOAuth("request-authentication-configurator", Map.of());
                HookEvent event = HookEvent.relation(scene.leader(), "relation-changed", kafka, "kafka/0");
                if (full == null) {
                    full = scene.driver.run(event).duration();  // the measuring run
                } else {
                    Map<String, String> before = scene.juju.localAppData(grafana);
                    HookRun run = scene.driver.runKilledAfter(event, delays(full, POINTS).get(i - 1));
                    killed += run.exitCode() == 0 ? 0 : 1;
                    if (run.exitCode() != 0) {
                        assertEquals(before, scene.juju.localAppData(grafana), "a killed hook's databag was committed");
                        assertTrue(scene.juju.localAppData(kafka).isEmpty(), "a killed hook's databag was committed");
                    }
                    HookRun rerun = scene.driver.run(event);
                    assertEquals(0, rerun.exitCode(), rerun.stderr());
                }
                assertOAuthConverged(scene, Map.of(grafana, List.of(moved), client, List.of(), kafka, List.of()),
                        Map.of("kafka-client", List.of("kafka", "schema-registry")), silent);
                dropRealm(scene);
            }
        }
        report("oauth requests changing and joining", full, killed, POINTS);
    }

    /**
     * One reconcile's state for these oauth requirers: a client each with exactly its redirect
     * URIs and audience mappers, one Juju secret each holding Keycloak's secret and granted to its
     * relation, provider info everywhere, a client only for those that asked.
     */
    private static void assertOAuthConverged(CharmScene scene, Map<String, List<String>> redirectsByRelation,
                                             Map<String, List<String>> audiencesByClient, String silent) {
        Set<String> clientIds = new TreeSet<>();
        redirectsByRelation.keySet().forEach(rel -> clientIds.add(scene.juju.remoteApp(rel)));
        List<JsonNode> managed = Converged.managedClients(scene);
        assertEquals(clientIds, managed.stream().map(c -> c.path("clientId").asText()).collect(Collectors.toCollection(TreeSet::new)),
                () -> "managed clients; status " + scene.unitStatus());
        for (var entry : redirectsByRelation.entrySet()) {
            String clientId = scene.juju.remoteApp(entry.getKey());
            JsonNode client = scene.client(clientId);
            assertEquals(Set.copyOf(entry.getValue()), Set.copyOf(Converged.strings(client.path("redirectUris"))), clientId);
            assertEquals(audiencesByClient.getOrDefault(clientId, List.of()), OAuthIT.audienceMappers(client), clientId);
            Map<String, String> data = scene.juju.localAppData(entry.getKey());
            assertEquals(OAuthValues.encode(clientId), data.get("client_id"));
            SecretSnapshot secret = scene.jujuSecret(data.get("client_secret_id"));
            assertEquals(Optional.of("client-secret-" + clientId), secret.label());
            String keycloakSecret = scene.keycloakSecret(clientId);
            scene.secrets.add(keycloakSecret);
            assertEquals(Map.of("secret", keycloakSecret), secret.content(), clientId);
            assertEquals(clientId, secret.relationGrants().get(entry.getKey().substring(entry.getKey().indexOf(':') + 1)));
        }
        assertEquals(clientIds.size(), scene.juju.secrets().stream().filter(s -> s.ownerKind().equals("application")).count(),
                "application secrets (orphans or missing ones)");
        Map<String, String> silentData = scene.juju.localAppData(silent);
        assertTrue(silentData.containsKey("issuer_url") && !silentData.containsKey("client_id"), silentData::toString);
        assertEquals("active: " + clientIds.size() + " clients in realm " + scene.realm, scene.unitStatus());
    }

    @Test
    void actions_killedAnywhere_thenRerun_areAsIfRunOnce() throws Exception {
        try (CharmScene scene = twoConsumers()) {
            String a = rel(scene, "dex-a");
            String b = rel(scene, "dex-b");
            scene.hook("config-changed");
            Map<String, String> consumers = Map.of(a, A, b, B);

            // create-user: Keycloak makes the user and its password in one request, so a rerun
            // either creates it or, when the killed run got that far, says it exists; never two.
            Duration createUser = scene.driver.action(scene.leader(), "create-user",
                    Map.of("username", "measure", "email", "measure@example.com")).duration();
            int killed = 0;
            int existed = 0;
            List<Duration> delays = delays(createUser, POINTS);
            for (int i = 0; i < delays.size(); i++) {
                Map<String, String> params = Map.of("username", "user" + i, "email", "user" + i + "@example.com");
                HookRun run = scene.driver.runKilledAfter(HookEvent.action(scene.leader(), "create-user", params),
                        delays.get(i));
                killed += run.exitCode() == 0 ? 0 : 1;
                ActionRun rerun = action(scene, "create-user", params);
                if (rerun.failure().isPresent()) {
                    assertEquals("a user named user" + i + " already exists in realm " + scene.realm
                            + "; nothing was changed", rerun.failure().get());
                    existed++;
                }
                assertEquals(1, scene.admin.get("/admin/realms/" + scene.realm + "/users?username=user" + i
                        + "&exact=true").size(), "users named user" + i);
            }
            assertEquals(1 + POINTS, scene.admin.get("/admin/realms/" + scene.realm + "/users?max=1000").size());
            report("create-user (" + existed + " reruns found the user made by the killed run)",
                    createUser, killed, POINTS);

            // rotate-secret: a killed rotation may have changed Keycloak's secret; the rerun
            // rotates again and Juju ends one revision on, holding Keycloak's secret.
            String secretA = scene.juju.localAppData(a).get("client_secret_id");
            Duration rotate = scene.driver.action(scene.leader(), "rotate-secret", Map.of("client", "dex-a")).duration();
            killed = 0;
            for (Duration delay : delays(rotate, POINTS)) {
                int revision = scene.jujuSecret(secretA).latestRevision();
                HookRun run = scene.driver.runKilledAfter(
                        HookEvent.action(scene.leader(), "rotate-secret", Map.of("client", "dex-a")), delay);
                killed += run.exitCode() == 0 ? 0 : 1;
                int expected = revision + (run.exitCode() == 0 ? 1 : 0) + 1;
                ActionRun rerun = action(scene, "rotate-secret", Map.of("client", "dex-a"));
                assertTrue(rerun.failure().isEmpty(), () -> rerun.failure().get());
                assertEquals(expected, scene.jujuSecret(secretA).latestRevision());
                assertEquals(Integer.toString(expected), rerun.result("1.revision").orElseThrow());
                Converged.assertConverged(scene, consumers);
            }
            report("rotate-secret", rotate, killed, POINTS);

            // Before get-connector, whose one purpose is to hand the operator a secret (DESIGN.md, Secrets).
            scene.assertHygiene();

            // get-connector reads only: killed or not, nothing changes anywhere.
            scene.admin.enableAdminEvents(scene.realm);
            int events = scene.admin.adminEvents(scene.realm).size();
            Duration connector = scene.driver.action(scene.leader(), "get-connector", Map.of("client", "dex-b")).duration();
            killed = 0;
            for (Duration delay : delays(connector, POINTS)) {
                HookRun run = scene.driver.runKilledAfter(
                        HookEvent.action(scene.leader(), "get-connector", Map.of("client", "dex-b")), delay);
                killed += run.exitCode() == 0 ? 0 : 1;
                ActionRun rerun = action(scene, "get-connector", Map.of("client", "dex-b"));
                List<Map<String, Object>> list = new Yaml().load(rerun.result("connectors").orElseThrow());
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) list.get(0).get("config");
                assertEquals(scene.keycloakSecret("dex-b"), config.get("clientSecret"));
            }
            JsonNode writes = scene.admin.adminEvents(scene.realm);
            assertEquals(events, writes.size(), () -> "get-connector wrote to Keycloak: " + writes);
            Converged.assertConverged(scene, consumers);
            report("get-connector", connector, killed, POINTS);
            dropRealm(scene);
        }
    }

    /**
     * Juju's secret-rotate, killed anywhere, then run again (Juju runs it until a new revision
     * exists): Keycloak's secret rotated once, Juju exactly one revision on holding it. A run killed
     * after Keycloak rotated is finished by publishing Keycloak's secret, not by rotating again.
     */
    @Test
    void secretRotate_killedAnywhere_thenRunAgain_rotatesOnce() throws Exception {
        try (CharmScene scene = twoConsumers()) {
            String a = rel(scene, "dex-a");
            String b = rel(scene, "dex-b");
            scene.juju.setConfig("secret-rotation", "daily");
            scene.hook("config-changed");
            Map<String, String> consumers = Map.of(a, A, b, B);
            String secretA = scene.juju.localAppData(a).get("client_secret_id");
            Duration full = scene.driver.run(scene.juju.rotationDue(secretA)).duration();  // the measuring run
            int killed = 0;
            for (Duration delay : delays(full, POINTS)) {
                int revision = scene.jujuSecret(secretA).latestRevision();
                String before = scene.keycloakSecret("dex-a");
                String otherBefore = scene.keycloakSecret("dex-b");
                scene.secrets.add(before);
                HookRun run = scene.driver.runKilledAfter(scene.juju.rotationDue(secretA), delay);
                if (run.exitCode() != 0) {
                    killed++;
                    assertEquals(revision, scene.jujuSecret(secretA).latestRevision(), "a killed hook's revision was committed");
                    HookRun again = scene.driver.run(scene.juju.rotationDue(secretA));
                    assertEquals(0, again.exitCode(), again.stderr());
                }
                System.err.printf("CrashIT: secret-rotate killed after %d ms (exit %d)%n", delay.toMillis(), run.exitCode());
                assertEquals(revision + 1, scene.jujuSecret(secretA).latestRevision());
                assertNotEquals(before, scene.keycloakSecret("dex-a"), "not rotated");
                assertEquals(otherBefore, scene.keycloakSecret("dex-b"), "another client was rotated");
                Converged.assertConverged(scene, consumers);
            }
            report("secret-rotate", full, killed, POINTS);
            dropRealm(scene);
        }
    }

    private static CharmScene twoConsumers() {
        CharmScene scene = CharmScene.configured();
        scene.relateProvider("dex-a", A);
        scene.relateProvider("dex-b", B);
        return scene;
    }

    private static String rel(CharmScene scene, String app) {
        return scene.juju.relationIds("oidc-provider").stream().filter(r -> scene.juju.remoteApp(r).equals(app))
                .findFirst().orElseThrow();
    }

    /**
     * {@code n} kill delays spread over {@code full}: one drawn at random in each of n equal slices,
     * so every phase of the hook (JVM start, token, realm, clients, secrets, databags) gets hit.
     */
    private static List<Duration> delays(Duration full, int n) {
        List<Duration> delays = new ArrayList<>();
        long millis = Math.max(full.toMillis(), 1);
        for (int i = 0; i < n; i++) {
            delays.add(Duration.ofMillis((long) (millis * (i + RANDOM.nextDouble()) / n)));
        }
        return delays;
    }

    private static ActionRun action(CharmScene scene, String name, Map<String, ?> params) {
        HookRun run = scene.driver.action(scene.leader(), name, params);
        assertEquals(0, run.exitCode(), () -> name + " exited " + run.exitCode() + ":\n" + run.stderr());
        return run.action().orElseThrow();
    }

    /** Juju as before the killed hook: no databag, no application secret. */
    private static void assertNothingCommitted(CharmScene scene) {
        for (String rel : scene.juju.relationIds("oidc-provider")) {
            assertTrue(scene.juju.localAppData(rel).isEmpty(), "a killed hook's databag was committed");
        }
        assertTrue(scene.juju.secrets().stream().noneMatch(s -> s.ownerKind().equals("application")),
                "a killed hook's secret was committed");
    }

    private static void dropRealm(CharmScene scene) {
        scene.admin.delete("/admin/realms/" + scene.realm);  // the shared Keycloak keeps realms in memory
    }

    private static void report(String what, Duration full, int killed, int points) {
        System.err.printf("CrashIT: %s: %d kill points over %d ms, %d killed mid-hook%n",
                what, points, full.toMillis(), killed);
    }
}
