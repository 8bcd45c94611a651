package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.FakeJujuFixture.UNIT0;
import static dev.keycloakoidc.testing.FakeJujuFixture.hook;
import static dev.keycloakoidc.testing.FakeJujuFixture.run;
import static dev.keycloakoidc.testing.FakeJujuFixture.runFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** secret-* tools: ownership, leader-only management, revisions and tracking, grants, commit. */
class FakeJujuSecretTest {

    private final FakeJuju juju = FakeJujuFixture.juju();

    private String addAsLeader(HookContext ctx, String value, String... flags) {
        List<String> argv = new java.util.ArrayList<>(List.of("secret-add"));
        argv.addAll(List.of(flags));
        argv.add("secret#file=/tmp/x/secret");
        ToolResult r = runFiles(juju, ctx, Map.of("/tmp/x/secret", value), argv.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().strip();
    }

    @Test
    void secretAdd_printsAUri_readsValuesFromFiles_andCommitsOnExit0() {
        HookContext ctx = hook(juju, UNIT0);
        String uri = addAsLeader(ctx, "s3cr3t", "--label", "client-dex-auth", "--description", "dex client", "--owner", "application");
        assertTrue(uri.matches("secret://" + juju.modelUuid() + "/[0-9a-v]{20}"), uri);
        assertEquals("{\"secret\":\"s3cr3t\"}\n", run(juju, ctx, "secret-get", "--format=json", uri).stdout(), "read your own write");
        assertTrue(juju.secret(uri).isEmpty(), "staged");
        juju.end(ctx, 0);
        SecretSnapshot s = juju.secret(uri).orElseThrow();
        assertEquals("application", s.ownerKind());
        assertEquals("client-dex-auth", s.label().orElseThrow());
        assertEquals(Map.of("secret", "s3cr3t"), s.content());
        assertEquals(s, juju.secretByLabel("client-dex-auth").orElseThrow());
    }

    @Test
    void secretAdd_discardedOnNonZeroExit() {
        HookContext ctx = hook(juju, UNIT0);
        String uri = addAsLeader(ctx, "v");
        juju.end(ctx, 1);
        assertTrue(juju.secret(uri).isEmpty());
        assertEquals(0, juju.secrets().size());
    }

    @Test
    void secretAdd_validatesArguments() {
        HookContext ctx = hook(juju, UNIT0);
        assertEquals(2, run(juju, ctx, "secret-add").exitCode());
        assertEquals("ERROR key \"pw\" not valid\n", run(juju, ctx, "secret-add", "pw=x").stderr());
        assertEquals(2, run(juju, ctx, "secret-add", "--rotate", "sometimes", "token=x").exitCode());
        assertEquals(2, run(juju, ctx, "secret-add", "token#file=/missing").exitCode());
        addAsLeader(ctx, "a", "--label", "dup");
        ToolResult dup = runFiles(juju, ctx, Map.of("/f", "b"), "secret-add", "--label", "dup", "secret#file=/f");
        assertEquals(1, dup.exitCode());
        assertTrue(dup.stderr().contains("already exists"), dup.stderr());
    }

    /**
     * A unit that is not the leader, as Juju's hook context treats it (worker/uniter/runner/context/
     * context.go): secret-add of an application secret is ErrIsNotLeader; the application's
     * secrets are not in its hook's metadata, so secret-ids and secret-info-get do not show them
     * and secret-grant does not find them; secret-set, secret-revoke and secret-remove are queued
     * unchecked and the controller refuses the hook's commit.
     */
    @Test
    void nonLeader_cannotManageAppSecrets() {
        HookContext ctx = hook(juju, UNIT0);
        String uri = addAsLeader(ctx, "v");
        juju.end(ctx, 0);
        String id = uri.substring(uri.lastIndexOf('/') + 1);
        String unit1 = juju.addUnit();
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        ctx = juju.begin(HookEvent.hook(unit1, "config-changed"));
        assertEquals(new ToolResult(1, "", "ERROR this unit is not the leader\n"), run(juju, ctx, "secret-add", "token=x"));
        assertEquals(new ToolResult(1, "", "ERROR secret \"" + id + "\" not found\n"),
                run(juju, ctx, "secret-grant", "--relation", rel, uri));
        assertEquals(new ToolResult(1, "", "ERROR secret \"" + id + "\" not found\n"),
                run(juju, ctx, "secret-info-get", "--format=json", uri));
        assertEquals("null\n", run(juju, ctx, "secret-ids", "--format=json").stdout(), "Go's nil slice");
        assertEquals("{\"secret\":\"v\"}\n", run(juju, ctx, "secret-get", "--format=json", uri).stdout(), "but may read them");
        ToolResult unitOwned = run(juju, ctx, "secret-add", "--owner", "unit", "token=x");
        assertEquals(0, unitOwned.exitCode(), "a unit may own its own secrets");
        String unitSecret = unitOwned.stdout().strip();
        assertEquals("[\"" + unitSecret.substring(unitSecret.lastIndexOf('/') + 1) + "\"]\n",
                run(juju, ctx, "secret-ids", "--format=json").stdout(), "its own, not the application's");
        for (String[] argv : new String[][] {{"secret-set", uri, "token=y"}, {"secret-revoke", "--relation", rel, uri}, {"secret-remove", uri}}) {
            assertEquals(new ToolResult(0, "", ""), run(juju, ctx, argv), argv[0] + " is queued unchecked");
        }
        HookRun run = juju.end(ctx, 0);
        assertEquals(1, run.exitCode(), "the controller refuses the commit");
        assertEquals("ERROR cannot apply changes: permission denied\n", run.stderr());
        assertEquals(1, juju.secret(uri).orElseThrow().latestRevision(), "nothing applied");
        assertEquals(java.util.Optional.empty(), juju.secretByLabel("x"));
        assertEquals(1, juju.secrets().size(), "not even the unit's own secret");
    }

    /**
     * The leader's lease runs out during its hook: Juju asks again on every leader-only call, and
     * the hook context refuses with ErrIsNotLeader, printed as is, for the application's secrets it
     * loaded while leading and for the application's status.
     */
    @Test
    void leadershipLostMidHook_isThisUnitIsNotTheLeader() {
        HookContext ctx = hook(juju, UNIT0);
        String uri = addAsLeader(ctx, "v");
        juju.end(ctx, 0);
        String unit1 = juju.addUnit();
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        juju.moveLeadershipDuringNextHook(unit1, argv -> argv.get(0).equals("secret-set"));
        ctx = hook(juju, UNIT0);
        assertEquals("true\n", run(juju, ctx, "is-leader", "--format=json").stdout());
        String[][] calls = {
            {"secret-set", uri, "token=y"},
            {"secret-grant", "--relation", rel, uri},
            {"secret-revoke", "--relation", rel, uri},
            {"secret-remove", uri},
            {"secret-add", "token=x"},
            {"status-set", "--application=True", "active", "--", "x"},
        };
        for (String[] argv : calls) {
            assertEquals(new ToolResult(1, "", "ERROR this unit is not the leader\n"), run(juju, ctx, argv), argv[0]);
        }
        assertEquals("false\n", run(juju, ctx, "is-leader", "--format=json").stdout());
        assertEquals(unit1, juju.leader());
        assertEquals(0, juju.end(ctx, 0).exitCode(), "refused calls queue nothing");
    }

    @Test
    void secretIds_listsSecretsAddedInThisHook_andNotThoseRemovedInIt() {
        HookContext ctx = hook(juju, UNIT0);
        String kept = addAsLeader(ctx, "a");
        juju.end(ctx, 0);
        String rel = juju.relate("oauth", "grafana", "grafana/0");
        ctx = hook(juju, UNIT0);
        String added = addAsLeader(ctx, "b");
        assertEquals(0, run(juju, ctx, "secret-remove", kept).exitCode());
        assertEquals("[\"" + added.substring(added.lastIndexOf('/') + 1) + "\"]\n", run(juju, ctx, "secret-ids", "--format=json").stdout());
        assertEquals(1, run(juju, ctx, "secret-grant", "--relation", rel, kept).exitCode(),
                "a secret removed in this hook is not found");
    }

    @Test
    void unknownSecret_isNotFound() {
        HookContext ctx = hook(juju, UNIT0);
        ToolResult r = run(juju, ctx, "secret-get", "--format=json", "secret:0123456789abcdefghij");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("not found"), r.stderr());
        assertTrue(run(juju, ctx, "secret-info-get", "--format=json", "--label", "nope").stderr().contains("not found"));
        assertTrue(run(juju, ctx, "secret-get", "--format=json", "--label", "nope").stderr().contains("not found"));
        assertEquals(2, run(juju, ctx, "secret-get", "--format=json", "not-a-uri").exitCode());
    }

    @Test
    void trackedRevision_pinnedByFirstGet_movedByRefresh_notByPeek() {
        String user = juju.addUserSecret(Map.of("username", "admin", "password", "one"));
        juju.grantSecret(user, "keycloak-oidc");
        HookContext ctx = hook(juju, UNIT0);
        assertEquals("{\"password\":\"one\",\"username\":\"admin\"}\n", run(juju, ctx, "secret-get", "--format=json", user).stdout());
        juju.end(ctx, 0);
        assertEquals(Map.of(UNIT0, 1), juju.secret(user).orElseThrow().tracked());

        assertEquals(2, juju.updateSecret(user, Map.of("username", "admin", "password", "two")));
        ctx = hook(juju, UNIT0);
        assertEquals("\"one\"\n", run(juju, ctx, "secret-get", "--format=json", user, "password").stdout(), "still pinned");
        assertEquals("\"two\"\n", run(juju, ctx, "secret-get", "--format=json", user, "password", "--peek").stdout());
        assertEquals("\"one\"\n", run(juju, ctx, "secret-get", "--format=json", user, "password").stdout(), "peek tracks nothing");
        assertEquals("\"two\"\n", run(juju, ctx, "secret-get", "--format=json", user, "password", "--refresh").stdout());
        assertEquals("\"two\"\n", run(juju, ctx, "secret-get", "--format=json", user, "password").stdout());
        assertEquals(2, run(juju, ctx, "secret-get", "--format=json", user, "--peek", "--refresh").exitCode());
        juju.end(ctx, 1);
        assertEquals(Map.of(UNIT0, 1), juju.secret(user).orElseThrow().tracked(), "tracking commits with the hook");
    }

    @Test
    void userSecret_notGranted_isPermissionDenied_andNotManageable() {
        String user = juju.addUserSecret(Map.of("username", "admin", "password", "pw"));
        HookContext ctx = hook(juju, UNIT0);
        ToolResult r = run(juju, ctx, "secret-get", "--format=json", user);
        assertEquals(1, r.exitCode());
        assertEquals("ERROR permission denied\n", r.stderr());
        juju.end(ctx, 0);
        juju.grantSecret(user, "keycloak-oidc");
        ctx = hook(juju, UNIT0);
        assertEquals(0, run(juju, ctx, "secret-get", "--format=json", user).exitCode());
        assertEquals(1, run(juju, ctx, "secret-info-get", "--format=json", user).exitCode(), "info is for owners");
        assertEquals(0, run(juju, ctx, "secret-set", user, "password=x").exitCode(), "queued unchecked: not in the hook's metadata");
        assertEquals(1, juju.end(ctx, 0).exitCode(), "not ours to change: the controller refuses the commit");
        assertEquals(1, juju.secret(user).orElseThrow().latestRevision());
    }

    @Test
    void consumerLabel_setByIdAndLabel_thenFindsTheSecret() {
        String user = juju.addUserSecret(Map.of("username", "admin", "password", "pw"));
        juju.grantSecret(user, "keycloak-oidc");
        HookContext ctx = hook(juju, UNIT0);
        run(juju, ctx, "secret-get", "--format=json", user, "--label", "admin-creds");
        assertEquals("{\"password\":\"pw\",\"username\":\"admin\"}\n", run(juju, ctx, "secret-get", "--format=json", "--label", "admin-creds").stdout());
        juju.end(ctx, 0);
        assertEquals(Map.of(UNIT0, "admin-creds"), juju.secret(user).orElseThrow().consumerLabels());
    }

    @Test
    void setGrantRevokeRemove_andInfo() {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        HookContext ctx = hook(juju, UNIT0);
        String uri = addAsLeader(ctx, "one", "--label", "client-dex-auth");
        assertEquals(0, runFiles(juju, ctx, Map.of("/f", "two"), "secret-set", uri, "secret#file=/f").exitCode());
        assertEquals(0, run(juju, ctx, "secret-grant", "--relation", rel, uri).exitCode());
        String id = uri.substring(uri.lastIndexOf('/') + 1);
        assertEquals("[\"" + id + "\"]\n", run(juju, ctx, "secret-ids", "--format=json").stdout());
        String info = run(juju, ctx, "secret-info-get", "--format=json", uri).stdout();
        assertTrue(info.startsWith("{\"" + id + "\":{\"revision\":2,\"label\":\"client-dex-auth\",\"owner\":\"application\""), info);
        assertEquals(info, run(juju, ctx, "secret-info-get", "--format=json", "--label", "client-dex-auth").stdout());
        juju.end(ctx, 0);
        SecretSnapshot s = juju.secret(uri).orElseThrow();
        assertEquals(2, s.latestRevision());
        assertEquals(Map.of("secret", "two"), s.content());
        assertEquals(Map.of(rel.split(":")[1], "dex-auth"), s.relationGrants());

        ctx = hook(juju, UNIT0);
        assertEquals(2, run(juju, ctx, "secret-grant", "--relation", "nope:99", uri).exitCode());
        assertEquals(0, run(juju, ctx, "secret-revoke", "--relation", rel, uri).exitCode());
        assertEquals(0, run(juju, ctx, "secret-remove", uri, "--revision", "1").exitCode());
        assertEquals(1, run(juju, ctx, "secret-remove", uri, "--revision", "1").exitCode());
        juju.end(ctx, 0);
        s = juju.secret(uri).orElseThrow();
        assertEquals(List.of(2), List.copyOf(s.revisions().keySet()));
        assertTrue(!s.grantedTo("dex-auth"));

        ctx = hook(juju, UNIT0);
        assertEquals(0, run(juju, ctx, "secret-remove", uri).exitCode());
        juju.end(ctx, 0);
        assertTrue(juju.secret(uri).isEmpty());
    }

    @Test
    void remoteSecret_grantedOverTheRelation_isReadable() {
        String rel = juju.relate("dex-oidc-config", "dex-auth", "dex-auth/0");
        String uri = juju.addRemoteSecret(rel, Map.of("token", "t"));
        HookContext ctx = juju.begin(HookEvent.secret(UNIT0, "secret-changed", uri, java.util.OptionalInt.empty()));
        assertEquals("{\"token\":\"t\"}\n", run(juju, ctx, "secret-get", "--format=json", uri).stdout());
        // Juju 3.x passes the short form: its watchers know the secret by its local id.
        assertEquals("secret:" + uri.substring(uri.lastIndexOf(':') + 1), juju.jujuEnv(ctx).get("JUJU_SECRET_ID"));
        assertEquals(0, run(juju, ctx, "secret-set", uri, "token=x").exitCode(), "queued unchecked");
        assertEquals(1, juju.end(ctx, 0).exitCode(), "not ours to change: the controller refuses the commit");
    }
}
