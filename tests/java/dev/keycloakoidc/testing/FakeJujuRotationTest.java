package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.FakeJujuFixture.UNIT0;
import static dev.keycloakoidc.testing.FakeJujuFixture.hook;
import static dev.keycloakoidc.testing.FakeJujuFixture.run;
import static dev.keycloakoidc.testing.FakeJujuFixture.runFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rotation as Juju does it: {@code --rotate} on secret-add and secret-set, and the secret-rotate hook. */
class FakeJujuRotationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeJuju juju = FakeJujuFixture.juju();

    @Test
    void aPolicy_isStored_andShownAsJujuShowsIt_andNeverEndsTheSchedule() throws Exception {
        HookContext ctx = hook(juju, UNIT0);
        String uri = add(ctx, "--label", "client-secret-dex-auth", "--rotate", "daily");
        JsonNode info = info(ctx, uri);
        assertEquals("daily", info.path("rotation").asText());
        Instant rotates = Instant.parse(info.path("rotates").asText());
        assertTrue(Duration.between(Instant.now(), rotates).compareTo(Duration.ofHours(23)) > 0, rotates::toString);

        assertEquals(0, run(juju, ctx, "secret-set", "--rotate", "weekly", "--owner", "application", uri).exitCode());
        assertEquals("weekly", info(ctx, uri).path("rotation").asText());
        assertEquals(0, run(juju, ctx, "secret-set", "--rotate", "never", "--owner", "application", uri).exitCode());
        info = info(ctx, uri);
        assertEquals("never", info.path("rotation").asText(), "once set, Juju shows never");
        assertTrue(info.path("rotates").isMissingNode(), info::toString);
        assertEquals(1, info.path("revision").asInt(), "a policy alone makes no revision");
        juju.end(ctx, 0);
        assertEquals(java.util.Optional.of("never"), juju.secret(uri).orElseThrow().rotate());
    }

    @Test
    void withoutAPolicy_secretInfoShowsNone() throws Exception {
        HookContext ctx = hook(juju, UNIT0);
        JsonNode info = info(ctx, add(ctx));
        assertTrue(info.path("rotation").isMissingNode() && info.path("rotates").isMissingNode(), info::toString);
    }

    @Test
    void aPolicyJujuDoesNotHave_isRefusedWithJujusError() {
        HookContext ctx = hook(juju, UNIT0);
        String uri = add(ctx);
        for (String[] argv : new String[][] {
            {"secret-add", "--rotate", "sometimes", "token=x"},
            {"secret-set", "--rotate", "Daily", uri},
        }) {
            ToolResult r = run(juju, ctx, argv);
            assertEquals(2, r.exitCode(), argv[0]);
            assertEquals("ERROR rotate policy \"" + argv[2] + "\" not valid\n", r.stderr());
        }
    }

    @Test
    void rotationDue_runsSecretRotateOnTheLeader_withJujusEnvironment_untilANewRevision() {
        HookContext setUp = hook(juju, UNIT0);
        String uri = add(setUp, "--label", "client-secret-dex-auth", "--rotate", "daily");
        juju.end(setUp, 0);
        Instant due = juju.secret(uri).orElseThrow().rotates().orElseThrow();

        HookEvent event = juju.rotationDue(uri);
        HookContext ctx = juju.begin(event);
        Map<String, String> env = juju.jujuEnv(ctx);
        assertEquals("hooks/secret-rotate", env.get("JUJU_DISPATCH_PATH"));
        assertEquals(juju.leader(), env.get("JUJU_UNIT_NAME"));
        assertEquals(Secrets.parseUri(uri), Secrets.parseUri(env.get("JUJU_SECRET_ID")));
        assertEquals("client-secret-dex-auth", env.get("JUJU_SECRET_LABEL"));
        assertFalse(env.containsKey("JUJU_SECRET_REVISION"));
        juju.end(ctx, 0);
        assertEquals(due.plus(Duration.ofMinutes(5)), juju.secret(uri).orElseThrow().rotates().orElseThrow(),
                "no new revision: Juju runs it again 5 minutes later");

        ctx = juju.begin(juju.rotationDue(uri));
        assertEquals(0, runFiles(juju, ctx, Map.of("/f", "new"), "secret-set", uri, "secret#file=/f").exitCode());
        juju.end(ctx, 0);
        Instant next = juju.secret(uri).orElseThrow().rotates().orElseThrow();
        assertFalse(next.isBefore(due.plus(Duration.ofDays(1))), next::toString);
    }

    @Test
    void rotationDue_onlyForASecretThatRotates() {
        HookContext ctx = hook(juju, UNIT0);
        String plain = add(ctx);
        String stopped = add(ctx, "--rotate", "never");
        juju.end(ctx, 0);
        String user = juju.addUserSecret(Map.of("token", "t"));
        for (String uri : new String[] {plain, stopped, user}) {
            assertThrows(IllegalArgumentException.class, () -> juju.rotationDue(uri), uri);
        }
    }

    private String add(HookContext ctx, String... flags) {
        String[] argv = new String[flags.length + 2];
        argv[0] = "secret-add";
        System.arraycopy(flags, 0, argv, 1, flags.length);
        argv[argv.length - 1] = "secret#file=/f";
        ToolResult r = runFiles(juju, ctx, Map.of("/f", "v"), argv);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().strip();
    }

    private JsonNode info(HookContext ctx, String uri) throws Exception {
        ToolResult r = run(juju, ctx, "secret-info-get", "--format=json", uri);
        assertEquals(0, r.exitCode(), r.stderr());
        return JSON.readTree(r.stdout()).path(Secrets.parseUri(uri).orElseThrow());
    }
}
