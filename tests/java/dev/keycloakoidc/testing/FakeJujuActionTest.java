package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.FakeJujuFixture.UNIT0;
import static dev.keycloakoidc.testing.FakeJujuFixture.hook;
import static dev.keycloakoidc.testing.FakeJujuFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Actions: parameters checked against actions.yaml as `juju run` does; results apply at once. */
class FakeJujuActionTest {

    private final FakeJuju juju = FakeJujuFixture.juju();

    private HookContext createUser(Map<String, ?> params) {
        return juju.begin(HookEvent.action(UNIT0, "create-user", params));
    }

    @Test
    void params_areValidatedAgainstActionsYaml() {
        assertThrows(IllegalArgumentException.class, () -> juju.begin(HookEvent.action(UNIT0, "delete-realm", Map.of())));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> createUser(Map.of("username", "alice")));
        assertTrue(missing.getMessage().contains("missing required [email]"), missing.getMessage());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> createUser(Map.of("username", "alice", "email", "a@example.com", "admin", true)));
        assertTrue(extra.getMessage().contains("additional property \"admin\""), extra.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> createUser(Map.of("username", "alice", "email", "a@example.com", "temporary-password", "yes")));
        assertTrue(type.getMessage().contains("expected boolean"), type.getMessage());
    }

    @Test
    void actionGet_fillsDeclaredDefaults() {
        HookContext ctx = createUser(Map.of("username", "alice", "email", "a@example.com"));
        assertEquals("{\"email\":\"a@example.com\",\"temporary-password\":false,\"username\":\"alice\"}\n",
                run(juju, ctx, "action-get", "--format=json").stdout());
        assertEquals("\"alice\"\n", run(juju, ctx, "action-get", "--format=json", "username").stdout());
        Map<String, String> env = juju.jujuEnv(ctx);
        assertEquals("actions/create-user", env.get("JUJU_DISPATCH_PATH"));
        assertEquals("", env.get("JUJU_HOOK_NAME"));
        assertEquals("create-user", env.get("JUJU_ACTION_NAME"));
        assertEquals("action-" + env.get("JUJU_ACTION_UUID"), env.get("JUJU_ACTION_TAG"));
    }

    @Test
    void actionSet_nestsDottedKeys_andChecksKeyRules() {
        HookContext ctx = juju.begin(HookEvent.action(UNIT0, "rotate-secret", Map.of()));
        assertEquals(0, run(juju, ctx, "action-set", "rotated=dex-auth", "0.client=dex-auth", "0.revision=3").exitCode());
        assertEquals(2, run(juju, ctx, "action-set", "Bad=x").exitCode());
        assertEquals("ERROR cannot set reserved action key \"stdout\"\n", run(juju, ctx, "action-set", "stdout=x").stderr());
        assertEquals(2, run(juju, ctx, "action-set", "novalue").exitCode());
        assertEquals(0, run(juju, ctx, "action-log", "--", "rotating dex-auth").exitCode());
        assertEquals(0, run(juju, ctx, "action-fail", "--", "Keycloak said 403").exitCode());
        HookRun hookRun = juju.end(ctx, 1);
        ActionRun a = hookRun.action().orElseThrow();
        assertEquals(Map.of("rotated", "dex-auth", "0", Map.of("client", "dex-auth", "revision", "3")), a.results());
        assertEquals("3", a.result("0.revision").orElseThrow());
        assertEquals(List.of("rotating dex-auth"), a.logs());
        assertEquals("Keycloak said 403", a.failure().orElseThrow(), "kept although the process failed");
    }

    @Test
    void actionFail_withoutAMessage_isJujusOwn() {
        HookContext ctx = juju.begin(HookEvent.action(UNIT0, "rotate-secret", Map.of()));
        assertEquals(0, run(juju, ctx, "action-fail").exitCode());
        // jujuc/action-fail.go's default message.
        assertEquals("action failed without reason given, check action for errors",
                juju.end(ctx, 0).action().orElseThrow().failure().orElseThrow());
    }

    @Test
    void actionTools_outsideAnAction_fail() {
        HookContext ctx = hook(juju, UNIT0);
        for (String tool : new String[] {"action-get", "action-set", "action-fail", "action-log"}) {
            List<String> argv = tool.equals("action-get") ? List.of(tool, "--format=json") : List.of(tool, "x=y");
            ToolResult r = juju.call(ctx.id(), UNIT0, argv, new byte[0], Map.of());
            assertEquals(1, r.exitCode(), tool);
            assertEquals("ERROR not running an action\n", r.stderr(), tool);
        }
    }

    @Test
    void everyCall_isRecordedInOrder() {
        HookContext ctx = hook(juju, UNIT0);
        run(juju, ctx, "is-leader", "--format=json");
        FakeJujuFixture.runStdin(juju, ctx, "{}", "state-set", "--file", "-");
        List<ToolCall> calls = juju.calls();
        assertEquals(List.of("is-leader", "state-set"), calls.stream().map(ToolCall::tool).toList());
        assertEquals("{}", calls.get(1).stdin());
        assertEquals(ctx.id(), calls.get(0).contextId());
    }
}
