package dev.keycloakoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-dispatch path with a tiny shell charm (this repository's yaml, a dispatch that calls a
 * few tools), so the driver is tested without the Java charm: environment per hook kind, commit
 * on exit 0, discard on exit 1, the timeout.
 */
class DispatchDriverTest {

    /** Prints its environment, then does a little per hook; fails after writing if ./fail exists. */
    private static final String DISPATCH = """
            #!/bin/sh
            set -e
            env
            echo "---"
            case "$JUJU_DISPATCH_PATH" in
              hooks/config-changed)
                realm=$(config-get --format=json realm)
                echo '{"seen":"config-changed"}' | state-set --file -
                status-set --application=False active -- "realm $realm"
                juju-log --log-level INFO -- "configured"
                ;;
              hooks/*-relation-changed)
                relation-set -r "$JUJU_RELATION_ID" --app issuer_url=https://kc/realms/kubeflow
                relation-get --format=json --app
                ;;
              hooks/secret-changed)
                secret-get --format=json "$JUJU_SECRET_ID" --peek > /dev/null
                state-set "secret=$JUJU_SECRET_ID"
                ;;
              hooks/install)
                if [ -e hang ]; then sleep 60; fi
                ;;
              actions/create-user)
                action-log -- "creating"
                action-set username="$(action-get --format=json username)"
                ;;
            esac
            if [ -e fail ]; then echo "failing on purpose" >&2; exit 1; fi
            """;

    private static final Set<String> ALWAYS = Set.of("JUJU_DISPATCH_PATH", "JUJU_HOOK_NAME", "JUJU_UNIT_NAME", "JUJU_MODEL_NAME",
            "JUJU_MODEL_UUID", "JUJU_CHARM_DIR", "CHARM_DIR", "JUJU_CONTEXT_ID", "JUJU_AGENT_SOCKET_ADDRESS",
            "JUJU_AGENT_SOCKET_NETWORK", "JUJU_VERSION", "PATH",
            // Juju's ubuntuEnv (worker/uniter/runner/context/env.go) on an Ubuntu host.
            "APT_LISTCHANGES_FRONTEND", "DEBIAN_FRONTEND", "LANG", "TERM");
    /** What the shell itself adds to what it was given. */
    private static final Set<String> SHELL = Set.of("PWD", "SHLVL", "_", "OLDPWD");

    @TempDir
    Path charm;
    private FakeJuju juju;
    private DispatchDriver driver;

    @BeforeEach
    void layOutCharm() throws IOException {
        for (String f : new String[] {"metadata.yaml", "config.yaml", "actions.yaml"}) {
            Files.copy(Path.of(System.getProperty("basedir", "."), f), charm.resolve(f));
        }
        Path dispatch = charm.resolve("dispatch");
        Files.writeString(dispatch, DISPATCH);
        Files.setPosixFilePermissions(dispatch, PosixFilePermissions.fromString("rwxr-xr-x"));
        juju = FakeJuju.forCharm(charm);
        driver = DispatchDriver.start(juju, charm);
    }

    @AfterEach
    void stop() throws IOException {
        driver.close();
    }

    private static Map<String, String> env(HookRun run) {
        Map<String, String> env = new TreeMap<>();
        for (String line : run.stdout().substring(0, run.stdout().indexOf("---")).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !SHELL.contains(line.substring(0, eq))) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void plainHook_getsOnlyJujusEnvironment_andCommitsOnExit0() {
        HookRun run = driver.hook("keycloak-oidc/0", "config-changed");
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> env = env(run);
        assertEquals(ALWAYS, env.keySet());
        assertEquals("hooks/config-changed", env.get("JUJU_DISPATCH_PATH"));
        assertEquals("config-changed", env.get("JUJU_HOOK_NAME"));
        assertEquals("C.UTF-8", env.get("LANG"));
        assertEquals("keycloak-oidc/0", env.get("JUJU_UNIT_NAME"));
        assertEquals("3.6.0", env.get("JUJU_VERSION"));
        assertEquals("unix", env.get("JUJU_AGENT_SOCKET_NETWORK"));
        assertEquals(driver.charmDir().toString(), env.get("JUJU_CHARM_DIR"));
        assertEquals(driver.toolsDir() + ":/usr/bin:/bin", env.get("PATH"));
        assertFalse(env.containsKey("JAVA_HOME"));

        assertEquals(Map.of("seen", "config-changed"), juju.unitState("keycloak-oidc/0"));
        assertEquals(new StatusEntry("active", "realm \"kubeflow\""), juju.unitStatus("keycloak-oidc/0"));
        assertEquals("configured", juju.logs().get(0).message());
        assertTrue(run.duration().toMillis() > 0);
    }

    @Test
    void exit1_discardsRelationAndStateChanges_butKeepsStatusAndLogs() throws IOException {
        Files.createFile(charm.resolve("fail"));
        HookRun run = driver.hook("keycloak-oidc/0", "config-changed");
        assertEquals(1, run.exitCode());
        assertFalse(run.committed());
        assertEquals("failing on purpose\n", run.stderr());
        assertEquals(Map.of(), juju.unitState("keycloak-oidc/0"));
        assertEquals("active", juju.unitStatus("keycloak-oidc/0").status());
        assertEquals(1, juju.logs().size());
    }

    @Test
    void relationHook_environment_andCommit() throws IOException {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        HookRun run = driver.relationHook("keycloak-oidc/0", "relation-changed", rel, "dex-auth/0");
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> env = env(run);
        assertEquals("hooks/oidc-provider-relation-changed", env.get("JUJU_DISPATCH_PATH"));
        assertEquals("oidc-provider", env.get("JUJU_RELATION"));
        assertEquals(rel, env.get("JUJU_RELATION_ID"));
        assertEquals("dex-auth", env.get("JUJU_REMOTE_APP"));
        assertEquals("dex-auth/0", env.get("JUJU_REMOTE_UNIT"));
        assertFalse(env.containsKey("JUJU_DEPARTING_UNIT"));
        assertEquals(Map.of("issuer_url", "https://kc/realms/kubeflow"), juju.localAppData(rel));

        Files.createFile(charm.resolve("fail"));
        juju.setLocalAppData(rel, Map.of());
        assertEquals(1, driver.relationHook("keycloak-oidc/0", "relation-changed", rel, "dex-auth/0").exitCode());
        assertEquals(Map.of(), juju.localAppData(rel), "discarded");
    }

    @Test
    void relationCreatedBrokenAndDeparted_setRemoteUnitAsJujuDoes() {
        String rel = juju.relate("dex-oidc-config", "dex-auth", "dex-auth/0");
        Map<String, String> created = env(driver.relationHook("keycloak-oidc/0", "relation-created", rel, "dex-auth/0"));
        assertEquals("", created.get("JUJU_REMOTE_UNIT"));
        assertEquals("dex-auth", created.get("JUJU_REMOTE_APP"));
        Map<String, String> departed = env(driver.relationHook("keycloak-oidc/0", "relation-departed", rel, "dex-auth/0"));
        assertEquals("dex-auth/0", departed.get("JUJU_REMOTE_UNIT"));
        assertEquals("dex-auth/0", departed.get("JUJU_DEPARTING_UNIT"));
        Map<String, String> broken = env(driver.relationHook("keycloak-oidc/0", "relation-broken", rel, null));
        assertEquals("", broken.get("JUJU_REMOTE_UNIT"));
        assertEquals("hooks/dex-oidc-config-relation-broken", broken.get("JUJU_DISPATCH_PATH"));
    }

    @Test
    void action_environmentAndResults() {
        HookRun run = driver.action("keycloak-oidc/0", "create-user", Map.of("username", "alice", "email", "a@example.com"));
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> env = env(run);
        assertEquals("actions/create-user", env.get("JUJU_DISPATCH_PATH"));
        assertEquals("", env.get("JUJU_HOOK_NAME"));
        assertEquals("create-user", env.get("JUJU_ACTION_NAME"));
        assertEquals("action-" + env.get("JUJU_ACTION_UUID"), env.get("JUJU_ACTION_TAG"));
        ActionRun action = run.action().orElseThrow();
        assertEquals("\"alice\"", action.result("username").orElseThrow());
        assertEquals(java.util.List.of("creating"), action.logs());
    }

    @Test
    void secretHook_environment() {
        String user = juju.addUserSecret(Map.of("password", "pw"));
        juju.grantSecret(user, "keycloak-oidc");
        HookRun run = driver.secretHook("keycloak-oidc/0", "secret-changed", user);
        assertEquals(0, run.exitCode(), run.stderr());
        Map<String, String> env = env(run);
        assertEquals(user, env.get("JUJU_SECRET_ID"));
        assertEquals("", env.get("JUJU_SECRET_LABEL"));
        assertFalse(env.containsKey("JUJU_SECRET_REVISION"));
        assertEquals(Map.of("secret", user), juju.unitState("keycloak-oidc/0"));
        SecretsHygiene.of(juju).assertNoneLeaked(Set.of("pw"));
    }

    @Test
    void extraEnv_isPassedThrough() throws IOException {
        driver.withExtraEnv(Map.of("JAVA_HOME", "/opt/jdk"));
        assertEquals("/opt/jdk", env(driver.hook("keycloak-oidc/0", "start")).get("JAVA_HOME"));
    }

    @Test
    void timeout_killsTheProcessTree_andDiscards() throws IOException {
        Files.createFile(charm.resolve("hang"));
        driver.withTimeout(Duration.ofMillis(1500));
        HookRun run = driver.hook("keycloak-oidc/0", "install");
        assertFalse(run.committed());
        assertTrue(run.duration().toSeconds() < 20, run.duration().toString());
        assertTrue(run.stderr().contains("killed after"), run.stderr());
        Set<String> sleeping = new TreeSet<>();
        ProcessHandle.current().descendants().forEach(p -> p.info().command().ifPresent(sleeping::add));
        assertFalse(sleeping.stream().anyMatch(c -> c.endsWith("/sleep")), "sleep survived: " + sleeping);
    }
}
