package dev.keycloakoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.ProcessResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process seam a charm's unit tests use: one hook, real argv, files read from disk. */
class FakeProcessRunnerTest {

    private final FakeJuju juju = FakeJujuFixture.juju();

    @Test
    void readsKeyFileArguments_andCommitsOnFinish0(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("secret");
        Files.writeString(f, "s3cr3t");
        FakeProcessRunner runner = FakeProcessRunner.inHook(juju, HookEvent.hook(FakeJujuFixture.UNIT0, "config-changed"));
        ProcessResult r = runner.run(List.of("secret-add", "--label", "x", "--owner", "application", "secret#file=" + f), new byte[0]);
        assertEquals(0, r.exitCode(), r.stderr());
        String uri = r.stdout().strip();
        ProcessResult set = runner.run(List.of("relation-set", "--file", "-"), "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(2, set.exitCode(), "no relation in config-changed");
        assertTrue(runner.finish(0).committed());
        assertEquals(Map.of("secret", "s3cr3t"), juju.secret(uri).orElseThrow().content());
    }

    @Test
    void unknownProgram_cannotStart() {
        FakeProcessRunner runner = FakeProcessRunner.inHook(juju, HookEvent.hook(FakeJujuFixture.UNIT0, "install"));
        assertThrows(IOException.class, () -> runner.run(List.of("kubectl", "get", "pods"), new byte[0]));
    }

    @Test
    void env_isWhatTheCharmsJujuContextReads() {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        FakeProcessRunner runner = FakeProcessRunner.inHook(juju, HookEvent.relation(FakeJujuFixture.UNIT0, "relation-departed", rel, "dex-auth/0"));
        JujuContext ctx = JujuContext.fromEnv(runner.env());
        assertEquals("hooks/oidc-provider-relation-departed", ctx.dispatchPath());
        assertEquals(rel, ctx.relationId().orElseThrow());
        assertEquals("dex-auth", ctx.remoteApp().orElseThrow());
        assertEquals("dex-auth/0", ctx.departingUnit().orElseThrow());
        assertEquals("test-model", ctx.modelName());
    }
}
