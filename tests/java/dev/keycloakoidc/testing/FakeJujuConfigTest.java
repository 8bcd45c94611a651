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

/** Config as config.yaml declares it, and the tools about the unit itself. */
class FakeJujuConfigTest {

    private final FakeJuju juju = FakeJujuFixture.juju();

    @Test
    void configGet_showsDefaultsFromConfigYaml_andOmitsUnsetOptionsWithoutDefault() {
        HookContext ctx = hook(juju, UNIT0);
        ToolResult r = run(juju, ctx, "config-get", "--format=json");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("\"realm\":\"kubeflow\""), r.stdout());
        assertTrue(r.stdout().contains("\"scopes\":\"openid profile email\""), r.stdout());
        assertTrue(!r.stdout().contains("admin-credentials"), r.stdout());
        assertTrue(run(juju, ctx, "config-get", "--format=json", "--all").stdout().contains("\"admin-credentials\":null"));
        assertEquals("\"kubeflow\"\n", run(juju, ctx, "config-get", "--format=json", "realm").stdout());
        assertEquals("null\n", run(juju, ctx, "config-get", "--format=json", "no-such").stdout());
    }

    @Test
    void setConfig_secretOptionHoldsItsUri() {
        String uri = juju.addUserSecret(Map.of("username", "admin", "password", "pw"));
        juju.setConfig("admin-credentials", uri).setConfig("keycloak-url", "https://kc.example.com");
        HookContext ctx = hook(juju, UNIT0);
        String out = run(juju, ctx, "config-get", "--format=json").stdout();
        assertTrue(out.contains("\"admin-credentials\":\"" + uri + "\""), out);
        assertTrue(out.contains("\"keycloak-url\":\"https://kc.example.com\""), out);
    }

    @Test
    void setConfig_refusesUnknownKeysAndWrongTypes() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> juju.setConfig("keycloak_url", "x"));
        assertTrue(unknown.getMessage().contains("not in config.yaml"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> juju.setConfig("realm", 3));
        assertThrows(IllegalArgumentException.class, () -> juju.setConfig("admin-credentials", "admin:pw"));
    }

    @Test
    void setConfig_nullResetsToDefault() {
        juju.setConfig("realm", "other").setConfig("realm", null);
        assertEquals("kubeflow", juju.config().get("realm"));
    }

    @Test
    void isLeader_followsTheModel() {
        String unit1 = juju.addUnit();
        HookContext ctx = juju.begin(HookEvent.hook(unit1, "update-status"));
        assertEquals("false\n", run(juju, ctx, "is-leader", "--format=json").stdout());
        juju.end(ctx, 0);
        juju.setLeader(unit1);
        ctx = juju.begin(HookEvent.hook(unit1, "leader-elected"));
        assertEquals("true\n", run(juju, ctx, "is-leader", "--format=json").stdout());
    }

    @Test
    void unknownFlag_isUsageErrorExit2() {
        HookContext ctx = hook(juju, UNIT0);
        ToolResult r = run(juju, ctx, "config-get", "--format=json", "--bogus");
        assertEquals(2, r.exitCode());
        assertEquals("ERROR flag provided but not defined: --bogus\n", r.stderr());
        assertEquals(2, run(juju, ctx, "is-leader").exitCode(), "no --format=json");
    }

    @Test
    void statusSet_validatesStatus_andKeepsHistory_evenWhenTheHookFails() {
        HookContext ctx = hook(juju, UNIT0);
        ToolResult bad = run(juju, ctx, "status-set", "--application=False", "happy", "--", "x");
        assertEquals(2, bad.exitCode());
        assertEquals("ERROR invalid status \"happy\", expected one of [maintenance blocked waiting active]\n", bad.stderr());
        assertEquals(0, run(juju, ctx, "status-set", "--application=False", "maintenance", "--", "-starting").exitCode());
        assertEquals(0, run(juju, ctx, "status-set", "--application=True", "blocked", "--", "set keycloak-url").exitCode());
        assertEquals(0, run(juju, ctx, "application-version-set", "--", "26.5.6").exitCode());
        juju.end(ctx, 1);
        assertEquals(new StatusEntry("maintenance", "-starting"), juju.unitStatus(UNIT0));
        assertEquals(new StatusEntry("blocked", "set keycloak-url"), juju.appStatus());
        assertEquals("26.5.6", juju.applicationVersion().orElseThrow());
        assertEquals(List.of(new StatusEntry("maintenance", "-starting")), juju.unitStatusHistory(UNIT0));
    }

    @Test
    void statusSet_applicationByNonLeader_isRefused() {
        String unit1 = juju.addUnit();
        HookContext ctx = juju.begin(HookEvent.hook(unit1, "config-changed"));
        ToolResult r = run(juju, ctx, "status-set", "--application=True", "active", "--", "x");
        // SetApplicationStatus returns Juju's ErrIsNotLeader, and status-set prints it unwrapped.
        assertEquals(new ToolResult(1, "", "ERROR this unit is not the leader\n"), r);
        assertEquals(StatusEntry.UNKNOWN, juju.appStatus());
        assertEquals(new ToolResult(2, "", "ERROR invalid args, require <status> [message]\n"), run(juju, ctx, "status-set"));
    }

    @Test
    void statusGet_unitAndApplication() {
        HookContext ctx = hook(juju, UNIT0);
        run(juju, ctx, "status-set", "--application=False", "active", "--", "ok");
        assertEquals("{\"message\":\"ok\",\"status\":\"active\",\"status-data\":{}}\n",
                run(juju, ctx, "status-get", "--include-data", "--format=json", "--application=false").stdout());
        assertTrue(run(juju, ctx, "status-get", "--include-data", "--format=json", "--application=true").stdout()
                .startsWith("{\"application-status\":{\"message\":\"\",\"status\":\"unknown\""));
    }

    @Test
    void jujuLog_recordsLevelAndMessage() {
        HookContext ctx = hook(juju, UNIT0);
        assertEquals(0, run(juju, ctx, "juju-log", "--log-level", "WARNING", "--", "-careful").exitCode());
        // jujuc/juju-log.go: an unknown level warns in the unit's log, not on stderr, and logs at INFO.
        ToolResult odd = run(juju, ctx, "juju-log", "--log-level", "LOUD", "--", "hi", "there");
        assertEquals(new ToolResult(0, "", ""), odd);
        assertEquals(List.of(new LogEntry(UNIT0, "WARNING", "-careful"),
                new LogEntry(UNIT0, "WARNING", "Specified log level of \"LOUD\" is not valid"),
                new LogEntry(UNIT0, "INFO", "hi there")), juju.logs());
    }

    @Test
    void jujuLog_inARelationHook_isPrefixedWithTheRelationId() {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        HookContext ctx = juju.begin(HookEvent.relation(UNIT0, "relation-changed", rel, "dex-auth/0"));
        assertEquals(0, run(juju, ctx, "juju-log", "--log-level", "INFO", "--", "hello").exitCode());
        assertEquals(new LogEntry(UNIT0, "INFO", rel + ": hello"), juju.logs().get(juju.logs().size() - 1));
    }

    @Test
    void stateTools_commitOnlyOnExit0_andReadTheirOwnWrites() {
        HookContext ctx = hook(juju, UNIT0);
        assertEquals(0, FakeJujuFixture.runStdin(juju, ctx, "{\"a\":\"1\",\"b\":\"2\"}", "state-set", "--file", "-").exitCode());
        assertEquals(0, run(juju, ctx, "state-delete", "b").exitCode());
        assertEquals("{\"a\":\"1\"}\n", run(juju, ctx, "state-get", "--format=json").stdout());
        assertEquals("null\n", run(juju, ctx, "state-get", "--format=json", "b").stdout());
        assertEquals(1, run(juju, ctx, "state-get", "--format=json", "--strict", "b").exitCode());
        assertEquals(Map.of(), juju.unitState(UNIT0), "not committed while the hook runs");
        juju.end(ctx, 0);
        assertEquals(Map.of("a", "1"), juju.unitState(UNIT0));

        ctx = hook(juju, UNIT0);
        run(juju, ctx, "state-set", "a=2");
        juju.end(ctx, 1);
        assertEquals(Map.of("a", "1"), juju.unitState(UNIT0));
    }

    @Test
    void setupDuringAHook_isRefused() {
        hook(juju, UNIT0);
        assertThrows(IllegalStateException.class, () -> juju.setConfig("realm", "x"));
        assertThrows(IllegalStateException.class, () -> hook(juju, UNIT0));
    }

    @Test
    void callWithUnknownContextId_fails() {
        hook(juju, UNIT0);
        ToolResult r = juju.call("nope", UNIT0, List.of("is-leader", "--format=json"), new byte[0], Map.of());
        assertEquals(1, r.exitCode());
    }

    @Test
    void callWithoutHook_runsInItsOwnContext() {
        ToolResult r = juju.call(UNIT0, List.of("state-set", "k=v"), new byte[0], Map.of());
        assertEquals(0, r.exitCode());
        assertEquals(Map.of("k", "v"), juju.unitState(UNIT0));
        assertEquals(1, juju.calls().size());
    }
}
