package dev.keycloakoidc.juju;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The exact argv of every {@link HookTools} method, as {@code ops/hookcmds} sends it, and how each
 * method reads the tool's stdout. One table row per method and variant.
 */
final class HookToolsArgvTest {

    static Stream<Arguments> everyTool() {
        return Stream.of(
                row("config-get", List.of("config-get", "--format=json"),
                        "{\"keycloak-url\":\"https://kc\",\"port\":8443,\"ratio\":0.5,\"debug\":true,"
                                + "\"admin-credentials\":\"secret:d0sq9e7mp25c76ok2ds0\"}\n",
                        HookTools::configGet,
                        ordered("keycloak-url", "https://kc", "port", 8443, "ratio", 0.5, "debug", true,
                                "admin-credentials", "secret:d0sq9e7mp25c76ok2ds0")),
                row("is-leader true", List.of("is-leader", "--format=json"), "true\n", HookTools::isLeader, true),
                row("is-leader false", List.of("is-leader", "--format=json"), "false\n", HookTools::isLeader, false),
                row("relation-ids", List.of("relation-ids", "oidc-provider", "--format=json"),
                        "[\"oidc-provider:3\",\"oidc-provider:7\"]\n",
                        t -> t.relationIds("oidc-provider"), List.of("oidc-provider:3", "oidc-provider:7")),
                row("relation-ids none", List.of("relation-ids", "oidc-provider", "--format=json"), "[]\n",
                        t -> t.relationIds("oidc-provider"), List.of()),
                row("relation-list --app", List.of("relation-list", "--format=json", "--app", "-r", "oidc-provider:3"),
                        "\"dex-auth\"\n", t -> t.relationRemoteApp("oidc-provider:3"), "dex-auth"),
                row("relation-list units", List.of("relation-list", "--format=json", "-r", "receive-ca-cert:3"),
                        "[\"ca/0\",\"ca/1\"]\n", t -> t.relationUnits("receive-ca-cert:3"), List.of("ca/0", "ca/1")),
                row("relation-get unit",
                        List.of("relation-get", "--format=json", "-r", "oidc-provider:3", "-", "dex-auth/0"),
                        "{\"egress-subnets\":\"10.1.0.0/32\",\"private-address\":\"10.1.0.7\"}\n",
                        t -> t.relationGet("oidc-provider:3", "dex-auth/0", false),
                        ordered("egress-subnets", "10.1.0.0/32", "private-address", "10.1.0.7")),
                row("relation-get app",
                        List.of("relation-get", "--format=json", "-r", "oidc-provider:3", "--app", "-", "dex-auth"),
                        "{\"redirect_uri\":\"https://kf.example.com/dex/callback\",\"scope\":\"groups\"}\n",
                        t -> t.relationGet("oidc-provider:3", "dex-auth", true),
                        ordered("redirect_uri", "https://kf.example.com/dex/callback", "scope", "groups")),
                row("relation-set unit", List.of("relation-set", "-r", "oidc-provider:3", "--file", "-"), "",
                        run(t -> t.relationSet("oidc-provider:3", Map.of("a", "b"), false)), null),
                row("relation-set app", List.of("relation-set", "-r", "oidc-provider:3", "--app", "--file", "-"), "",
                        run(t -> t.relationSet("oidc-provider:3", Map.of("a", "b"), true)), null),
                row("status-set unit",
                        List.of("status-set", "--application=False", "blocked", "--", "set keycloak-url"), "",
                        run(t -> t.statusSet("blocked", "set keycloak-url", false)), null),
                row("status-set application",
                        List.of("status-set", "--application=True", "active", "--", "2 clients in realm kubeflow"), "",
                        run(t -> t.statusSet("active", "2 clients in realm kubeflow", true)), null),
                row("status-set empty message",
                        List.of("status-set", "--application=False", "active", "--", ""), "",
                        run(t -> t.statusSet("active", "", false)), null),
                row("application-version-set", List.of("application-version-set", "--", "26.5.6"), "",
                        run(t -> t.applicationVersionSet("26.5.6")), null),
                row("action-get", List.of("action-get", "--format=json"),
                        "{\"username\":\"alice\",\"temporary-password\":false,\"nested\":{\"n\":1}}\n",
                        HookTools::actionGet,
                        ordered("username", "alice", "temporary-password", false, "nested", Map.of("n", 1))),
                row("action-set", List.of("action-set", "user-id=4f1c", "username=alice", "0.client=dex-auth",
                                "password=p=w rd --x"), "",
                        run(t -> t.actionSet(ordered("user-id", "4f1c", "username", "alice",
                                "0.client", "dex-auth", "password", "p=w rd --x"))), null),
                row("action-fail", List.of("action-fail", "--", "username is required"), "",
                        run(t -> t.actionFail("username is required")), null),
                row("juju-log", List.of("juju-log", "--log-level", "WARNING", "--", "Keycloak unreachable"), "",
                        run(t -> t.jujuLog(LogLevel.WARNING, "Keycloak unreachable")), null),
                row("secret-add", List.of("secret-add", "--owner", "application", "secret#file=*"),
                        "secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0\n",
                        t -> t.secretAdd(Map.of("secret", "s3cret"), new SecretMetadata(Optional.empty(), Optional.empty(), Optional.empty())),
                        "secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0"),
                row("secret-add label description",
                        List.of("secret-add", "--label", "client-dex-auth", "--description", "client secret of dex-auth",
                                "--owner", "application", "secret#file=*"),
                        "secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0\n",
                        t -> t.secretAdd(Map.of("secret", "s3cret"),
                                SecretMetadata.of("client-dex-auth", "client secret of dex-auth", Optional.empty())),
                        "secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0"),
                // ops' order: --rotate after --description, before --owner
                row("secret-add --rotate",
                        List.of("secret-add", "--label", "client-dex-auth", "--description", "client secret of dex-auth",
                                "--rotate", "monthly", "--owner", "application", "secret#file=*"),
                        "secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0\n",
                        t -> t.secretAdd(Map.of("secret", "s3cret"), SecretMetadata.of("client-dex-auth",
                                "client secret of dex-auth", Optional.of(RotatePolicy.MONTHLY))),
                        "secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0"),
                row("secret-get", List.of("secret-get", "--format=json", "secret:abc"),
                        "{\"username\":\"admin\",\"password\":\"pw\"}\n",
                        t -> t.secretGet("secret:abc", Optional.empty(), SecretRead.TRACKED),
                        ordered("username", "admin", "password", "pw")),
                row("secret-get --label --peek",
                        List.of("secret-get", "--format=json", "secret:abc", "--label", "admin", "--peek"),
                        "{\"password\":\"pw\"}\n",
                        t -> t.secretGet("secret:abc", Optional.of("admin"), SecretRead.PEEK), Map.of("password", "pw")),
                row("secret-get --refresh", List.of("secret-get", "--format=json", "secret:abc", "--refresh"),
                        "{\"password\":\"pw\"}\n",
                        t -> t.secretGet("secret:abc", Optional.empty(), SecretRead.REFRESH), Map.of("password", "pw")),
                row("secret-set", List.of("secret-set", "--owner", "application", "secret:abc", "secret#file=*"), "",
                        run(t -> t.secretSet("secret:abc", Map.of("secret", "n3w"))), null),
                // the policy alone, as ops' secret_set(id, rotate=...) sends it: no content, no new revision
                row("secret-set --rotate", List.of("secret-set", "--rotate", "daily", "--owner", "application", "secret:abc"), "",
                        run(t -> t.secretSetRotation("secret:abc", RotatePolicy.DAILY)), null),
                row("secret-set --rotate never", List.of("secret-set", "--rotate", "never", "--owner", "application", "secret:abc"), "",
                        run(t -> t.secretSetRotation("secret:abc", RotatePolicy.NEVER)), null),
                row("secret-grant", List.of("secret-grant", "--relation", "oidc-provider:3", "secret:abc"), "",
                        run(t -> t.secretGrant("secret:abc", "oidc-provider:3")), null),
                row("secret-remove", List.of("secret-remove", "secret:abc"), "",
                        run(t -> t.secretRemove("secret:abc", OptionalInt.empty())), null),
                row("secret-remove --revision", List.of("secret-remove", "secret:abc", "--revision", "3"), "",
                        run(t -> t.secretRemove("secret:abc", OptionalInt.of(3))), null),
                // Juju prints bare ids (the keys of the hook's secret metadata, jujuc/secret-ids.go).
                row("secret-ids", List.of("secret-ids", "--format=json"), "[\"d0sq9e7mp25c76ok2ds0\",\"d0sq9e7mp25c76ok2ds1\"]\n",
                        HookTools::secretIds, List.of("d0sq9e7mp25c76ok2ds0", "d0sq9e7mp25c76ok2ds1")),
                row("secret-info-get", List.of("secret-info-get", "--format=json", "secret:d0sq9e7mp25c76ok2ds0"),
                        "{\"d0sq9e7mp25c76ok2ds0\":{\"revision\":2,\"label\":\"client-dex-auth\",\"owner\":\"application\","
                                + "\"rotation\":\"never\",\"expiry\":\"2026-01-01T00:00:00Z\"}}\n",
                        t -> t.secretInfoGet("secret:d0sq9e7mp25c76ok2ds0"),
                        new SecretInfo("d0sq9e7mp25c76ok2ds0", 2, Optional.of("client-dex-auth"),
                                Optional.of("application"), Optional.of(RotatePolicy.NEVER), Optional.of("2026-01-01T00:00:00Z"))),
                row("secret-info-get with a schedule", List.of("secret-info-get", "--format=json", "--label", "client-dex-auth"),
                        "{\"d0sq9e7mp25c76ok2ds0\":{\"revision\":3,\"label\":\"client-dex-auth\",\"owner\":\"application\","
                                + "\"rotation\":\"weekly\",\"rotates\":\"2026-01-08T00:00:00Z\"}}\n",
                        t -> t.secretInfoByLabel("client-dex-auth").orElseThrow(),
                        new SecretInfo("d0sq9e7mp25c76ok2ds0", 3, Optional.of("client-dex-auth"),
                                Optional.of("application"), Optional.of(RotatePolicy.WEEKLY), Optional.empty())),
                row("secret-info-get without label", List.of("secret-info-get", "--format=json", "secret:x"),
                        "{\"x\":{\"revision\":1,\"label\":\"\",\"owner\":\"application\"}}\n",
                        t -> t.secretInfoGet("secret:x"),
                        new SecretInfo("x", 1, Optional.empty(), Optional.of("application"), Optional.empty(),
                                Optional.empty())),
                row("state-get", List.of("state-get", "--format=json"), "{\"clients\":\"[\\\"dex-auth\\\"]\"}\n",
                        HookTools::stateGet, Map.of("clients", "[\"dex-auth\"]")),
                row("state-set", List.of("state-set", "--file", "-"), "",
                        run(t -> t.stateSet(Map.of("k", "v"))), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTool")
    void sendsOpsArgvAndReadsOutput(String name, List<String> argv, String stdout,
                                    Function<HookTools, Object> call, Object expected) {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on(argv.toArray(String[]::new)).prints(stdout);

        Object result = call.apply(new HookTools(runner));

        assertEquals(expected, result);
        runner.onlyCall();
    }

    /** Pins the wire format of relation-set: a JSON object on stdin, "" kept (it deletes the key). */
    @Test
    void relationSetWritesJsonOnStdin() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("relation-set", "-r", "oidc-provider:3", "--app", "--file", "-").prints("");

        new HookTools(runner).relationSet("oidc-provider:3",
                ordered("issuer_url", "https://kc/realms/kubeflow", "dex_connector", "{\"id\":\"x\"}", "old", ""), true);

        assertEquals("{\"issuer_url\":\"https://kc/realms/kubeflow\",\"dex_connector\":\"{\\\"id\\\":\\\"x\\\"}\","
                + "\"old\":\"\"}", runner.onlyCall().stdin());
    }

    @Test
    void stateSetWritesJsonOnStdin() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on("state-set", "--file", "-").prints("");

        new HookTools(runner).stateSet(Map.of("clients", "dex-auth\nother"));

        assertEquals("{\"clients\":\"dex-auth\\nother\"}", runner.onlyCall().stdin());
    }

    @Test
    void toolsWithoutDataGetEmptyStdin() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on("is-leader", "--format=json").prints("true");

        new HookTools(runner).isLeader();

        assertEquals("", runner.onlyCall().stdin());
    }

    /** `--` keeps a message that starts with a dash from being read as a flag. */
    @Test
    void freeTextStartingWithADashFollowsDoubleDash() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("status-set", "--application=False", "blocked", "--", "-r is not a realm").prints("")
                .on("juju-log", "--log-level", "DEBUG", "--", "--log-level ERROR").prints("")
                .on("action-fail", "--", "-h").prints("")
                .on("application-version-set", "--", "-1").prints("");
        HookTools tools = new HookTools(runner);

        tools.statusSet("blocked", "-r is not a realm", false);
        tools.jujuLog(LogLevel.DEBUG, "--log-level ERROR");
        tools.actionFail("-h");
        tools.applicationVersionSet("-1");

        assertEquals(4, runner.calls().size());
    }

    static Stream<Arguments> emptyOutputs() {
        return Stream.of(
                Arguments.of("relation-get null", List.of("relation-get", "--format=json", "-r", "db:1", "-", "x/0"),
                        "null\n", (Function<HookTools, Object>) t -> t.relationGet("db:1", "x/0", false)),
                Arguments.of("relation-get {}", List.of("relation-get", "--format=json", "-r", "db:1", "--app", "-", "x"),
                        "{}\n", (Function<HookTools, Object>) t -> t.relationGet("db:1", "x", true)),
                Arguments.of("state-get null", List.of("state-get", "--format=json"), "null\n",
                        (Function<HookTools, Object>) HookTools::stateGet),
                Arguments.of("state-get {}", List.of("state-get", "--format=json"), "{}\n",
                        (Function<HookTools, Object>) HookTools::stateGet),
                Arguments.of("config-get null", List.of("config-get", "--format=json"), "null\n",
                        (Function<HookTools, Object>) HookTools::configGet),
                Arguments.of("config-get {}", List.of("config-get", "--format=json"), "{}\n",
                        (Function<HookTools, Object>) HookTools::configGet),
                Arguments.of("secret-ids null", List.of("secret-ids", "--format=json"), "null\n",
                        (Function<HookTools, Object>) HookTools::secretIds));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyOutputs")
    void nullOrEmptyObjectIsEmpty(String name, List<String> argv, String stdout, Function<HookTools, Object> call) {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on(argv.toArray(String[]::new)).prints(stdout);

        Object result = call.apply(new HookTools(runner));

        assertEquals(0, result instanceof Map<?, ?> m ? m.size() : ((List<?>) result).size());
    }

    @Test
    void configValuesKeepTheirJsonTypes() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on("config-get", "--format=json")
                .prints("{\"n\":3,\"big\":10000000000,\"f\":1.5,\"b\":false,\"s\":\"3\"}");

        Map<String, Object> config = new HookTools(runner).configGet();

        assertInstanceOf(Integer.class, config.get("n"));
        assertInstanceOf(Long.class, config.get("big"));
        assertInstanceOf(Double.class, config.get("f"));
        assertInstanceOf(Boolean.class, config.get("b"));
        assertInstanceOf(String.class, config.get("s"));
    }

    @Test
    void anEmptyActionSetRunsNothing() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner();

        new HookTools(runner).actionSet(Map.of());

        assertEquals(List.of(), runner.calls());
    }

    private static Arguments row(String name, List<String> argv, String stdout, Function<HookTools, Object> call,
                                 Object expected) {
        return Arguments.of(name, argv, stdout, call, expected);
    }

    private static Function<HookTools, Object> run(Consumer<HookTools> call) {
        return t -> {
            call.accept(t);
            return null;
        };
    }

    /** A map that keeps insertion order, so the argv and stdin built from it are predictable. */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }
}
