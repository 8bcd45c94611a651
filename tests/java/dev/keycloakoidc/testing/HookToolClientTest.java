package dev.keycloakoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook-tool client ({@code tests/hooktools/hooktool.c}, built by {@link HookToolClient}),
 * spawned as a hook would spawn a tool, through the socket server. What it costs a call is
 * measured and printed by {@code ./benchmark} (README "Benchmark"), not bounded here.
 */
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
        return spawn(stdin.getBytes(StandardCharsets.UTF_8), Map.of("JUJU_AGENT_SOCKET_ADDRESS", server.socket().toString(),
                "JUJU_CONTEXT_ID", ctx.id(), "JUJU_UNIT_NAME", ctx.unit(), "PATH", tools + ":/usr/bin:/bin"), argv);
    }

    private ToolResult spawn(byte[] stdin, Map<String, String> env, String... argv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(argv));
        cmd.set(0, tools.resolve(argv[0]).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        // Read both streams while writing: answers of several MB do not fit a pipe's buffer.
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        return new ToolResult(p.waitFor(), new String(out.join(), StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        assertTrue(uri.matches("secret://[0-9a-f-]{36}/[0-9a-v]{20}"), uri);

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
    void nonAsciiArguments_andPayloadsOfSeveralMegabytes_arriveWhole(@TempDir Path tmp) throws Exception {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        String big = "a".repeat(3 << 20);
        juju.setRemoteAppData(rel, Map.of("redirect_uri", big, "scope", "groupé \uD83D\uDE00"));
        ctx = juju.begin(HookEvent.relation(FakeJujuFixture.UNIT0, "relation-changed", rel, "dex-auth/0"));

        ToolResult status = spawn("", "status-set", "blocked", "--", "scope groupé \uD83D\uDE00 has a character OAuth does not allow");
        assertEquals(0, status.exitCode(), status.stderr());
        ToolResult get = spawn("", "relation-get", "--format=json", "-r", rel, "--app", "-", "dex-auth");
        assertEquals(0, get.exitCode(), get.stderr());
        assertEquals(Map.of("redirect_uri", big, "scope", "groupé \uD83D\uDE00"), Invocation.JSON.readValue(get.stdout(), Map.class));

        ToolResult set = spawn(Invocation.JSON.writeValueAsString(Map.of("issuer_url", big)), "relation-set", "-r", rel, "--app", "--file", "-");
        assertEquals(0, set.exitCode(), set.stderr());
        Path secretFile = tmp.resolve("secret é");
        Files.writeString(secretFile, "s".repeat(2 << 20) + "é");
        ToolResult add = spawn("", "secret-add", "--label", "big", "secret#file=" + secretFile);
        assertEquals(0, add.exitCode(), add.stderr());

        juju.end(ctx, 0);
        assertEquals(new StatusEntry("blocked", "scope groupé \uD83D\uDE00 has a character OAuth does not allow"),
                juju.unitStatus(FakeJujuFixture.UNIT0));
        assertEquals(Map.of("issuer_url", big), juju.localAppData(rel));
        assertEquals(Map.of("secret", "s".repeat(2 << 20) + "é"), juju.secret(add.stdout().strip()).orElseThrow().content());
    }

    @Test
    void withoutAnAgent_failsAsJujusToolsDo() throws Exception {
        ctx = juju.begin(HookEvent.hook(FakeJujuFixture.UNIT0, "install"));
        ToolResult unset = spawn(new byte[0], Map.of("PATH", tools + ":/usr/bin:/bin"), "is-leader");
        assertEquals(new ToolResult(1, "", "ERROR JUJU_AGENT_SOCKET_ADDRESS is not set: run hook tools from a hook\n"), unset);

        String gone = server.socket().resolveSibling("gone.sock").toString();
        ToolResult unreachable = spawn(new byte[0], Map.of("JUJU_AGENT_SOCKET_ADDRESS", gone), "is-leader");
        assertEquals(new ToolResult(1, "", "ERROR cannot reach the unit agent at " + gone + ": [Errno 2] No such file or directory\n"),
                unreachable);
    }
}
