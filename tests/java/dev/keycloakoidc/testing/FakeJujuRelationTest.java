package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.FakeJujuFixture.UNIT0;
import static dev.keycloakoidc.testing.FakeJujuFixture.hook;
import static dev.keycloakoidc.testing.FakeJujuFixture.run;
import static dev.keycloakoidc.testing.FakeJujuFixture.runStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** relation-* tools: Juju's defaults, leader-only app bags, merge and delete, commit on exit 0. */
class FakeJujuRelationTest {

    private final FakeJuju juju = FakeJujuFixture.juju();
    private String rel;

    @BeforeEach
    void relate() {
        rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0", "dex-auth/1");
        juju.setRemoteAppData(rel, Map.of("redirect_uri", "https://kf.example.com/dex/callback"));
        juju.setRemoteUnitData(rel, "dex-auth/0", Map.of("private-address", "10.0.0.5"));
    }

    @Test
    void relate_refusesEndpointsNotInMetadata() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> juju.relate("ingress", "traefik"));
        assertTrue(e.getMessage().contains("not in metadata.yaml"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> juju.relate("oidc-provider", "dex-auth", "other/0"));
    }

    @Test
    void idsListAndGet() {
        HookContext ctx = hook(juju, UNIT0);
        assertEquals("[\"" + rel + "\"]\n", run(juju, ctx, "relation-ids", "oidc-provider", "--format=json").stdout());
        assertEquals("[]\n", run(juju, ctx, "relation-ids", "dex-oidc-config", "--format=json").stdout());
        assertEquals("[\"dex-auth/0\",\"dex-auth/1\"]\n", run(juju, ctx, "relation-list", "--format=json", "-r", rel).stdout());
        assertEquals("\"dex-auth\"\n", run(juju, ctx, "relation-list", "--format=json", "--app", "-r", rel).stdout());
        assertEquals("{\"redirect_uri\":\"https://kf.example.com/dex/callback\"}\n",
                run(juju, ctx, "relation-get", "--format=json", "-r", rel, "--app", "-", "dex-auth").stdout());
        assertEquals("\"10.0.0.5\"\n", run(juju, ctx, "relation-get", "--format=json", "-r", rel, "private-address", "dex-auth/0").stdout());
        assertEquals("null\n", run(juju, ctx, "relation-get", "--format=json", "-r", rel, "nope", "dex-auth/0").stdout());
        assertEquals("{}\n", run(juju, ctx, "relation-get", "--format=json", "-r", rel, "-", "dex-auth/1").stdout());
        assertEquals("{}\n", run(juju, ctx, "relation-get", "--format=json", "-r", rel.substring(rel.indexOf(':') + 1), "-", "dex-auth/1").stdout(),
                "a bare relation number works too");
    }

    @Test
    void unknownRelation_isExit2WithJujusMessage() {
        HookContext ctx = hook(juju, UNIT0);
        ToolResult r = run(juju, ctx, "relation-get", "--format=json", "-r", "x:9", "-", "dex-auth/0");
        assertEquals(2, r.exitCode());
        assertEquals("ERROR invalid value \"x:9\" for option -r: relation not found\n", r.stderr());
        // relationIdValue.Set (jujuc/context.go) reads the number after the last colon and never
        // looks at the endpoint before it.
        assertEquals(new ToolResult(0, "[\"dex-auth/0\",\"dex-auth/1\"]\n", ""),
                run(juju, ctx, "relation-list", "--format=json", "-r", "dex-oidc-config:" + rel.split(":")[1]),
                "right number, wrong endpoint");
        ToolResult notANumber = run(juju, ctx, "relation-list", "--format=json", "-r", "oidc-provider:x");
        assertEquals(new ToolResult(2, "", "ERROR invalid value \"oidc-provider:x\" for option -r: invalid relation id\n"), notANumber);
    }

    @Test
    void withoutRelationOutsideARelationHook_noRelationIdSpecified() {
        HookContext ctx = hook(juju, UNIT0);
        for (String tool : new String[] {"relation-get", "relation-list"}) {
            ToolResult r = run(juju, ctx, tool, "--format=json");
            assertEquals(2, r.exitCode(), tool);
            assertEquals("ERROR no relation id specified\n", r.stderr(), tool);
        }
    }

    @Test
    void inARelationHook_theRelationAndRemoteUnitAreDefaults() {
        HookContext ctx = juju.begin(HookEvent.relation(UNIT0, "relation-changed", rel, "dex-auth/0"));
        assertEquals("{\"private-address\":\"10.0.0.5\"}\n", run(juju, ctx, "relation-get", "--format=json").stdout());
        assertEquals("{\"redirect_uri\":\"https://kf.example.com/dex/callback\"}\n", run(juju, ctx, "relation-get", "--format=json", "--app").stdout());
        assertEquals("[\"" + rel + "\"]\n", run(juju, ctx, "relation-ids", "--format=json").stdout());
    }

    /**
     * In its own -broken hook the relation is marked broken: relation-ids leaves it out (RelationIds
     * in worker/uniter/runner/context/context.go; relation-ids' help says so), and -r still reaches it.
     */
    @Test
    void inTheBrokenHook_relationIdsLeavesTheRelationOut_butRStillReachesIt() {
        String other = juju.relate("oidc-provider", "other", "other/0");
        juju.removeRemoteUnit(rel, "dex-auth/0");
        juju.removeRemoteUnit(rel, "dex-auth/1");
        HookContext ctx = juju.begin(HookEvent.relation(UNIT0, "relation-broken", rel, null));
        assertEquals("[\"" + other + "\"]\n", run(juju, ctx, "relation-ids", "oidc-provider", "--format=json").stdout());
        assertEquals("{\"redirect_uri\":\"https://kf.example.com/dex/callback\"}\n",
                run(juju, ctx, "relation-get", "--format=json", "-r", rel, "--app", "-", "dex-auth").stdout());
        juju.end(ctx, 0);
    }

    /** relation-ids sorts its output as strings (sort.Strings in jujuc/relation-ids.go): 10 before 2. */
    @Test
    void relationIds_areSortedAsStrings() {
        for (int i = 0; i < 10; i++) {
            juju.relate("oidc-provider", "app" + i, "app" + i + "/0");
        }
        HookContext ctx = hook(juju, UNIT0);
        String out = run(juju, ctx, "relation-ids", "oidc-provider", "--format=json").stdout();
        java.util.List<String> ids = java.util.Arrays.asList(out.replaceAll("[\\[\\]\"\n]", "").split(","));
        assertEquals(ids.stream().sorted().toList(), ids);
        assertTrue(ids.indexOf("oidc-provider:10") < ids.indexOf("oidc-provider:2"), out);
    }

    @Test
    void relationSet_appBagIsTheLeaders() {
        String unit1 = juju.addUnit();
        HookContext ctx = juju.begin(HookEvent.hook(unit1, "config-changed"));
        ToolResult w = runStdin(juju, ctx, "{\"a\":\"1\"}", "relation-set", "-r", rel, "--app", "--file", "-");
        assertEquals(1, w.exitCode());
        assertEquals("ERROR cannot write relation settings\n", w.stderr());
        ToolResult r = run(juju, ctx, "relation-get", "--format=json", "-r", rel, "--app", "-", "keycloak-oidc");
        assertEquals(1, r.exitCode(), "own app bag is readable by the leader only");
        assertEquals(0, run(juju, ctx, "relation-set", "-r", rel, "k=v").exitCode(), "own unit bag is fine");
        juju.end(ctx, 0);
        assertEquals(Map.of("k", "v"), juju.localUnitData(rel, unit1));
    }

    @Test
    void relationSet_mergesDeletesAndReadsItsOwnWrites_committedOnExit0() {
        juju.setLocalAppData(rel, Map.of("old", "x", "keep", "y"));
        HookContext ctx = hook(juju, UNIT0);
        assertEquals(0, runStdin(juju, ctx, "{\"issuer_url\":\"https://kc/realms/kubeflow\",\"old\":\"\"}",
                "relation-set", "-r", rel, "--app", "--file", "-").exitCode());
        assertEquals(0, run(juju, ctx, "relation-set", "-r", rel, "--app", "client_id=dex-auth").exitCode());
        assertEquals("{\"client_id\":\"dex-auth\",\"issuer_url\":\"https://kc/realms/kubeflow\",\"keep\":\"y\"}\n",
                run(juju, ctx, "relation-get", "--format=json", "-r", rel, "--app", "-", "keycloak-oidc").stdout());
        assertEquals(Map.of("old", "x", "keep", "y"), juju.localAppData(rel), "staged until the hook ends");
        juju.end(ctx, 0);
        assertEquals(Map.of("client_id", "dex-auth", "issuer_url", "https://kc/realms/kubeflow", "keep", "y"), juju.localAppData(rel));
    }

    @Test
    void relationSet_discardedOnNonZeroExit() {
        HookContext ctx = hook(juju, UNIT0);
        run(juju, ctx, "relation-set", "-r", rel, "--app", "a=b");
        juju.end(ctx, 1);
        assertEquals(Map.of(), juju.localAppData(rel));
    }

    @Test
    void relationSet_valuesMustBeStrings() {
        HookContext ctx = hook(juju, UNIT0);
        ToolResult r = runStdin(juju, ctx, "{\"n\":3}", "relation-set", "-r", rel, "--app", "--file", "-");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("must be a string"), r.stderr());
        assertEquals(1, runStdin(juju, ctx, "[\"x\"]", "relation-set", "-r", rel, "--file", "-").exitCode());
    }

    @Test
    void relationGet_unitNotInRelation_fails() {
        HookContext ctx = hook(juju, UNIT0);
        ToolResult r = run(juju, ctx, "relation-get", "--format=json", "-r", rel, "-", "dex-auth/7");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("settings not found"), r.stderr());
        assertEquals(2, run(juju, ctx, "relation-get", "--format=json", "-r", rel, "-", "dex-auth").exitCode(),
                "an application name without --app");
    }

    @Test
    void removeRelation_dropsItAndItsGrants() {
        String uri = juju.addAppSecret(Map.of("secret", "s3cr3t"), "client-dex-auth");
        HookContext ctx = hook(juju, UNIT0);
        assertEquals(0, run(juju, ctx, "secret-grant", "--relation", rel, uri).exitCode());
        juju.end(ctx, 0);
        assertTrue(juju.secret(uri).orElseThrow().grantedTo("dex-auth"));
        juju.removeRelation(rel);
        assertEquals(0, juju.relationIds("oidc-provider").size());
        assertTrue(!juju.secret(uri).orElseThrow().grantedTo("dex-auth"));
    }
}
