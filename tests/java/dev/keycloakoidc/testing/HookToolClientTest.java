package dev.keycloakoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python client, spawned as a hook would spawn a tool, through the socket server. */
class HookToolClientTest {

    private final FakeJuju juju = FakeJujuFixture.juju();
    private HookToolServer server;
    private Path tools;
    private HookContext ctx;

    @BeforeEach
    void start() throws IOException {
        server = HookToolServer.start(juju);
        tools = DispatchDriver.toolsFolder();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var files = Files.list(tools)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(tools);
    }

    private ToolResult spawn(String stdin, String... argv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(argv));
        cmd.set(0, tools.resolve(argv[0]).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(Map.of("JUJU_AGENT_SOCKET_ADDRESS", server.socket().toString(), "JUJU_CONTEXT_ID", ctx.id(),
                "JUJU_UNIT_NAME", ctx.unit(), "PATH", tools + ":/usr/bin:/bin"));
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ToolResult(p.waitFor(), out, err);
    }

    @Test
    void configGet_relationSet_secretAdd_andAnError_overTheSocket(@TempDir Path tmp) throws Exception {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        ctx = juju.begin(HookEvent.relation(FakeJujuFixture.UNIT0, "relation-changed", rel, "dex-auth/0"));

        ToolResult config = spawn("", "config-get", "--format=json");
        assertEquals(0, config.exitCode(), config.stderr());
        assertTrue(config.stdout().contains("\"realm\":\"kubeflow\""), config.stdout());

        ToolResult set = spawn("{\"issuer_url\":\"https://kc/realms/kubeflow\"}", "relation-set", "-r", rel, "--app", "--file", "-");
        assertEquals(0, set.exitCode(), set.stderr());

        Path secretFile = tmp.resolve("secret");
        Files.writeString(secretFile, "s3cr3t-value");
        ToolResult add = spawn("", "secret-add", "--label", "client-dex-auth", "--owner", "application", "secret#file=" + secretFile);
        assertEquals(0, add.exitCode(), add.stderr());
        String uri = add.stdout().strip();
        assertTrue(uri.matches("secret:[0-9a-v]{20}"), uri);

        ToolResult bad = spawn("", "relation-get", "--format=json", "-r", "x:9", "-", "dex-auth/0");
        assertEquals(2, bad.exitCode());
        assertEquals("ERROR invalid value \"x:9\" for option -r: relation not found\n", bad.stderr());
        ToolResult denied = spawn("", "status-set", "bogus");
        assertEquals(2, denied.exitCode());

        juju.end(ctx, 0);
        assertEquals(Map.of("issuer_url", "https://kc/realms/kubeflow"), juju.localAppData(rel));
        assertEquals(Map.of("secret", "s3cr3t-value"), juju.secret(uri).orElseThrow().content());
        assertTrue(juju.calls().stream().noneMatch(c -> String.join(" ", c.argv()).contains("s3cr3t-value")));
        assertEquals("{\"issuer_url\":\"https://kc/realms/kubeflow\"}", juju.calls().get(1).stdin());
    }

    @Test
    void stdinIsReadOnlyForFileDash() throws Exception {
        ctx = juju.begin(HookEvent.hook(FakeJujuFixture.UNIT0, "install"));
        // Without --file - the client must not wait for stdin (a hook's stdin may never close).
        ProcessBuilder pb = new ProcessBuilder(tools.resolve("is-leader").toString(), "--format=json");
        pb.environment().clear();
        pb.environment().putAll(Map.of("JUJU_AGENT_SOCKET_ADDRESS", server.socket().toString(), "JUJU_CONTEXT_ID", ctx.id(),
                "JUJU_UNIT_NAME", ctx.unit()));
        Process p = pb.start(); // stdin left open
        assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "is-leader waited on stdin");
        assertEquals("true\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void perCallLatency_isTensOfMilliseconds() throws Exception {
        ctx = juju.begin(HookEvent.hook(FakeJujuFixture.UNIT0, "update-status"));
        spawn("", "is-leader", "--format=json"); // warm the page cache
        int n = 30;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertEquals(0, spawn("", "config-get", "--format=json").exitCode());
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf("hooktool client: %.1f ms per call (mean of %d config-get calls, spawn to exit)%n", ms, n);
        assertTrue(ms < 250, "a hook makes 10-30 calls; " + ms + " ms each is too slow");
    }
}
