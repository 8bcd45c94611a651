package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.oidc.OAuthValues;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.SecretSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Crash mid-hook (issue 5, part 2): the charm's JVM killed with SIGKILL at points spread over a
 * hook's measured duration, then the hook run again as Juju would retry it. Juju drops every
 * change of a hook that did not exit 0, so whatever the killed run did to Keycloak is all that is
 * left of it; after the rerun Keycloak and Juju must be exactly as if the hook had run once.
 *
 * <p>Every kill point must land: the hook dies of the signal before it exits. One that came after
 * the hook had ended is tried again earlier (see {@link #atEachKillPoint}), and in each scenario
 * at least one kill must come after the charm's first hook-tool call, not only during the JVM's
 * start. Kill points: {@code -Dcrash.points=N} per scenario (default 4; the first reconcile gets
 * twice as many) and {@code -Dcrash.seed=S} to replay a run (the seed is printed).
 */
class CrashIT {

    private static final int POINTS = Integer.getInteger("crash.points", 4);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final Random RANDOM = new Random(SEED);
    /** Tries per kill point, each aimed this much earlier in the hook than the one before. */
    private static final int TRIES = 3;
    private static final double EARLIER = 0.8;

    private static final String A = "https://a.example.com/dex/callback";
    private static final String B = "https://b.example.com/dex/callback";
    private static final String C = "https://c.example.com/dex/callback";

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
            scene.assertHygiene();
            dropRealm(scene);
        }
        atEachKillPoint("first reconcile", full, 2 * POINTS, delay -> {
            try (CharmScene scene = twoConsumers()) {
                HookRun run = scene.driver.runKilledAfter(HookEvent.hook(scene.leader(), "config-changed"), delay);
                if (run.killedBySignal()) {
                    assertNothingCommitted(scene);
                }
                scene.hook("config-changed");
                Converged.assertConverged(scene, Map.of(rel(scene, "dex-a"), A, rel(scene, "dex-b"), B));
                scene.assertHygiene();
                dropRealm(scene);
                return Attempt.of(scene, run);
            }
        });
    }

    /** A running charm: one consumer leaves (client and secret deleted), another joins, in one hook. */
    @Test
    void consumerLeavingAndJoining_killedAnywhere_thenRerun_isAsIfRunOnce() throws Exception {
        Duration full;
        try (CharmScene scene = twoConsumers()) {  // the measuring run
            Swap swap = Swap.prepare(scene);
            full = scene.driver.run(swap.event()).duration();
            Converged.assertConverged(scene, Map.of(swap.a(), A, swap.c(), C));
            scene.assertHygiene();
            dropRealm(scene);
        }
        atEachKillPoint("consumer leaving and joining", full, POINTS, delay -> {
            try (CharmScene scene = twoConsumers()) {
                Swap swap = Swap.prepare(scene);
                Map<String, String> before = scene.juju.localAppData(swap.a());
                HookRun run = scene.driver.runKilledAfter(swap.event(), delay);
                if (run.killedBySignal()) {
                    assertEquals(before, scene.juju.localAppData(swap.a()));
                    assertTrue(scene.juju.localAppData(swap.c()).isEmpty(), "a killed hook's databag was committed");
                }
                HookRun rerun = scene.driver.run(swap.event());
                assertEquals(0, rerun.exitCode(), rerun.stderr());
                Converged.assertConverged(scene, Map.of(swap.a(), A, swap.c(), C));
                scene.assertHygiene();
                dropRealm(scene);
                return Attempt.of(scene, run);
            }
        });
    }

    /**
     * Two consumers related and reconciled; then dex-b's relation is gone and dex-c joins, and
     * dex-c's relation-changed is the hook under test.
     */
    private record Swap(String a, String c, HookEvent event) {

        static Swap prepare(CharmScene scene) {
            String a = rel(scene, "dex-a");
            String b = rel(scene, "dex-b");
            scene.hook("config-changed");
            String c = scene.relateProvider("dex-c", C);
            scene.juju.removeRelation(b);
            return new Swap(a, c, HookEvent.relation(scene.leader(), "relation-changed", c, "dex-c/0"));
        }
    }

    /**
     * oauth requirers: a running charm serves grafana and a Kafka client; in one hook grafana moves
     * its callback, the Kafka client asks for a second audience, kafka joins and so does a requirer
     * that writes nothing. Client updates, mapper changes, a new client and provider info, killed anywhere.
     */
    @Test
    void oauthRequestsChangingAndJoining_killedAnywhere_thenRerun_isAsIfRunOnce() throws Exception {
        Duration full;
        try (CharmScene scene = CharmScene.configured()) {  // the measuring run
            OAuthChanges changes = OAuthChanges.prepare(scene);
            full = scene.driver.run(changes.event()).duration();
            changes.assertConverged(scene);
            scene.assertHygiene();
            dropRealm(scene);
        }
        atEachKillPoint("oauth requests changing and joining", full, POINTS, delay -> {
            try (CharmScene scene = CharmScene.configured()) {
                OAuthChanges changes = OAuthChanges.prepare(scene);
                Map<String, String> before = scene.juju.localAppData(changes.grafana());
                HookRun run = scene.driver.runKilledAfter(changes.event(), delay);
                if (run.killedBySignal()) {
                    assertEquals(before, scene.juju.localAppData(changes.grafana()), "a killed hook's databag was committed");
                    assertTrue(scene.juju.localAppData(changes.kafka()).isEmpty(), "a killed hook's databag was committed");
                }
                HookRun rerun = scene.driver.run(changes.event());
                assertEquals(0, rerun.exitCode(), rerun.stderr());
                changes.assertConverged(scene);
                scene.assertHygiene();
                dropRealm(scene);
                return Attempt.of(scene, run);
            }
        });
    }

    /**
     * grafana and a Kafka client related and served; then grafana moves its callback, the Kafka
     * client asks for a second audience, kafka joins and so does a requirer that writes nothing,
     * and kafka's relation-changed is the hook under test.
     */
    private record OAuthChanges(String grafana, String client, String kafka, String silent, HookEvent event) {

        static final String MOVED = "https://dashboards.example.com/login/generic_oauth";

        static OAuthChanges prepare(CharmScene scene) {
            String grafana = scene.relateOAuth("grafana", OAuthIT.grafana(OAuthIT.GRAFANA_CALLBACK));
            String client = scene.relateOAuth("kafka-client", OAuthIT.kafkaClient("[\"kafka\"]"));
            scene.hook("config-changed");
            scene.requestOAuth(grafana, OAuthIT.grafana(MOVED));
            scene.requestOAuth(client, OAuthIT.kafkaClient("[\"kafka\", \"schema-registry\"]"));
            String kafka = scene.relateOAuth("kafka", OAuthIT.KAFKA);
            String silent = scene.relateOAuth("request-authentication-configurator", Map.of());
            return new OAuthChanges(grafana, client, kafka, silent,
                    HookEvent.relation(scene.leader(), "relation-changed", kafka, "kafka/0"));
        }

        void assertConverged(CharmScene scene) {
            assertOAuthConverged(scene, Map.of(grafana, List.of(MOVED), client, List.of(), kafka, List.of()),
                    Map.of("kafka-client", List.of("kafka", "schema-registry")), silent);
        }
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
            AtomicInteger users = new AtomicInteger(1);
            AtomicInteger existed = new AtomicInteger();
            atEachKillPoint("create-user", createUser, POINTS, delay -> {
                String name = "user" + users.getAndIncrement();
                Map<String, String> params = Map.of("username", name, "email", name + "@example.com");
                HookRun run = scene.driver.runKilledAfter(HookEvent.action(scene.leader(), "create-user", params), delay);
                ActionRun rerun = action(scene, "create-user", params);
                if (rerun.failure().isPresent()) {
                    assertEquals("a user named " + name + " already exists in realm " + scene.realm
                            + "; nothing was changed", rerun.failure().get());
                    existed.incrementAndGet();
                }
                assertEquals(1, scene.admin.get("/admin/realms/" + scene.realm + "/users?username=" + name
                        + "&exact=true").size(), "users named " + name);
                return Attempt.of(scene, run);
            });
            assertEquals(users.get(), scene.admin.get("/admin/realms/" + scene.realm + "/users?max=1000").size());
            System.err.printf("CrashIT: create-user: %d reruns found the user made by the killed run%n", existed.get());

            // rotate-secret: a killed rotation may have changed Keycloak's secret; the rerun
            // rotates again and Juju ends one revision on, holding Keycloak's secret.
            String secretA = scene.juju.localAppData(a).get("client_secret_id");
            Duration rotate = scene.driver.action(scene.leader(), "rotate-secret", Map.of("client", "dex-a")).duration();
            atEachKillPoint("rotate-secret", rotate, POINTS, delay -> {
                int revision = scene.jujuSecret(secretA).latestRevision();
                HookRun run = scene.driver.runKilledAfter(
                        HookEvent.action(scene.leader(), "rotate-secret", Map.of("client", "dex-a")), delay);
                int expected = revision + (run.committed() ? 1 : 0) + 1;
                ActionRun rerun = action(scene, "rotate-secret", Map.of("client", "dex-a"));
                assertTrue(rerun.failure().isEmpty(), () -> rerun.failure().get());
                assertEquals(expected, scene.jujuSecret(secretA).latestRevision());
                assertEquals(Integer.toString(expected), rerun.result("1.revision").orElseThrow());
                Converged.assertConverged(scene, consumers);
                return Attempt.of(scene, run);
            });

            // Before get-connector, whose one purpose is to hand the operator a secret (the one output allowed to carry one).
            scene.assertHygiene();

            // get-connector reads only: killed or not, nothing changes anywhere.
            scene.admin.enableAdminEvents(scene.realm);
            int events = scene.admin.adminEvents(scene.realm).size();
            Duration connector = scene.driver.action(scene.leader(), "get-connector", Map.of("client", "dex-b")).duration();
            atEachKillPoint("get-connector", connector, POINTS, delay -> {
                HookRun run = scene.driver.runKilledAfter(
                        HookEvent.action(scene.leader(), "get-connector", Map.of("client", "dex-b")), delay);
                ActionRun rerun = action(scene, "get-connector", Map.of("client", "dex-b"));
                List<Map<String, Object>> list = new Yaml().load(rerun.result("connectors").orElseThrow());
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) list.get(0).get("config");
                assertEquals(scene.keycloakSecret("dex-b"), config.get("clientSecret"));
                return Attempt.of(scene, run);
            });
            JsonNode writes = scene.admin.adminEvents(scene.realm);
            assertEquals(events, writes.size(), () -> "get-connector wrote to Keycloak: " + writes);
            Converged.assertConverged(scene, consumers);
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
            atEachKillPoint("secret-rotate", full, POINTS, delay -> {
                int revision = scene.jujuSecret(secretA).latestRevision();
                String before = scene.keycloakSecret("dex-a");
                String otherBefore = scene.keycloakSecret("dex-b");
                scene.secrets.add(before);
                HookRun run = scene.driver.runKilledAfter(scene.juju.rotationDue(secretA), delay);
                if (!run.committed()) {
                    assertEquals(revision, scene.jujuSecret(secretA).latestRevision(), "a killed hook's revision was committed");
                    HookRun again = scene.driver.run(scene.juju.rotationDue(secretA));
                    assertEquals(0, again.exitCode(), again.stderr());
                }
                assertEquals(revision + 1, scene.jujuSecret(secretA).latestRevision());
                assertNotEquals(before, scene.keycloakSecret("dex-a"), "not rotated");
                assertEquals(otherBefore, scene.keycloakSecret("dex-b"), "another client was rotated");
                Converged.assertConverged(scene, consumers);
                return Attempt.of(scene, run);
            });
            scene.assertHygiene();
            dropRealm(scene);
        }
    }

    /** One try at a kill point: the run under test, in the scene it ran in. */
    @FunctionalInterface
    private interface Trial {
        Attempt killedAfter(Duration delay) throws Exception;
    }

    /**
     * A run killed (or not) and how far the charm had got: its hook-tool calls, less the
     * {@code is-leader} that {@code dispatch} itself asks before it starts the JVM.
     */
    private record Attempt(HookRun run, long charmCalls) {

        static Attempt of(CharmScene scene, HookRun run) {
            return new Attempt(run, scene.juju.calls().stream()
                    .filter(call -> call.contextId().equals(run.contextId()) && !call.tool().equals("is-leader"))
                    .count());
        }
    }

    /**
     * {@code points} kill points spread over the hook: point i at a fraction drawn at random in the
     * i-th of {@code points} equal slices of its duration, so every phase of the hook (JVM start,
     * token, realm, clients, secrets, databags) gets hit. The duration is that of the latest run
     * that ended by itself (first the measuring run), so the points follow the machine's speed.
     * A kill that came after the hook had ended is tried again, aimed earlier; each point must
     * land within {@link #TRIES} tries, and at least one after the charm's first hook-tool call.
     */
    private static void atEachKillPoint(String what, Duration measured, int points, Trial trial) throws Exception {
        long fullMillis = Math.max(measured.toMillis(), 1);
        int tries = 0;
        int charmWorking = 0;
        for (int point = 0; point < points; point++) {
            double fraction = (point + RANDOM.nextDouble()) / points;
            Attempt attempt;
            for (int t = 0; ; t++) {
                Duration delay = Duration.ofMillis((long) (fullMillis * fraction * Math.pow(EARLIER, t)));
                attempt = trial.killedAfter(delay);
                tries++;
                HookRun run = attempt.run();
                System.err.printf("CrashIT: %s: kill after %d ms of a %d ms hook: %s%n", what, delay.toMillis(),
                        fullMillis, run.killedBySignal() ? "died after " + attempt.charmCalls() + " hook-tool calls"
                                : "ended first (exit " + run.exitCode() + " in " + run.duration().toMillis() + " ms)");
                if (run.killedBySignal() || t == TRIES - 1) {
                    break;
                }
                assertEquals(0, run.exitCode(), () -> "the hook neither died of the kill nor succeeded:\n" + run.stderr());
                fullMillis = Math.max(run.duration().toMillis(), 1);
            }
            int missed = point;
            assertTrue(attempt.run().killedBySignal(), () -> what + ": kill point " + missed + " (" + fraction
                    + " of the hook) came after the hook had ended, " + TRIES + " times; -Dcrash.seed=" + SEED);
            charmWorking += attempt.charmCalls() > 0 ? 1 : 0;
        }
        int working = charmWorking;
        assertTrue(working > 0, () -> what + ": every kill landed before the charm's first hook-tool call; -Dcrash.seed=" + SEED);
        System.err.printf("CrashIT: %s: %d kill points, every one died mid-hook (%d tries), %d after the charm's first "
                + "hook-tool call%n", what, points, tries, working);
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
}
