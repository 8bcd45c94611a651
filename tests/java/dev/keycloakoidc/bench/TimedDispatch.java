package dev.keycloakoidc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keycloakoidc.testing.DispatchDriver;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookContext;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a charm folder's {@code ./dispatch} as {@link DispatchDriver} does (Juju's environment only,
 * the same {@code tests/hooktools/hooktool.c} client on {@code PATH}), measuring what the benchmark
 * reports: wall time, the JVM's peak RSS ({@code /usr/bin/time -f %M}: dispatch execs the JVM, so
 * it is the process {@code time} waits for; the hook tools it starts are far smaller), and per
 * hook-tool call the time the agent side spent answering it. Its own socket server speaks the
 * {@code HookToolServer} protocol and times each call from accept to the last byte written.
 */
final class TimedDispatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one hook cost. */
    record Run(int exitCode, long wallNanos, long rssKib, int toolCalls, long toolServerNanos, String stderr) {}

    private final FakeJuju juju;
    private final Path charmDir;
    private final DispatchDriver links;
    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "timed-hook-tools");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong serverNanos = new AtomicLong();

    TimedDispatch(FakeJuju juju, Path charmDir) throws IOException {
        this.juju = juju;
        this.charmDir = charmDir.toAbsolutePath().normalize();
        // Only for its folder of hook-tool links; its own server stays idle.
        this.links = DispatchDriver.start(juju, this.charmDir);
        this.socket = Files.createTempDirectory(Path.of("/tmp"), "bench").resolve("agent.sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        pool.execute(this::accept);
    }

    Path toolsDir() {
        return links.toolsDir();
    }

    Path socket() {
        return socket;
    }

    Run run(HookEvent event) {
        return run(event, charmDir);
    }

    /** Runs {@code dir/dispatch} (another charm folder, e.g. the floor's) in {@code event}'s context. */
    Run run(HookEvent event, Path dir) {
        HookContext ctx = juju.begin(event);
        calls.set(0);
        serverNanos.set(0);
        int exit = -1;
        String stderr = "";
        long rss = -1;
        long start = System.nanoTime();
        long wall;
        Path err = null;
        Path rssFile = null;
        try {
            err = Files.createTempFile("bench", ".err");
            rssFile = Files.createTempFile("bench", ".rss");
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-q", "-f", "%M", "-o", rssFile.toString(),
                    dir.resolve("dispatch").toString())
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(juju.jujuEnv(ctx));
            pb.environment().put("JUJU_CHARM_DIR", dir.toString());
            pb.environment().put("CHARM_DIR", dir.toString());
            pb.environment().put("JUJU_AGENT_SOCKET_ADDRESS", socket.toString());
            pb.environment().put("JUJU_AGENT_SOCKET_NETWORK", "unix");
            pb.environment().put("PATH", toolsDir() + ":/usr/bin:/bin");
            // A look inside the measured hooks (./benchmark passes BENCH_JVM_OPTIONS on), e.g.
            // -Xlog:class+load:file=/tmp/hook-%p.log:uptime; never set for the reported figures.
            String jvmOptions = System.getProperty("bench.jvmOptions", "");
            if (!jvmOptions.isBlank()) {
                pb.environment().put("CHARM_JVM_OPTIONS", jvmOptions);
            }
            start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            wall = System.nanoTime() - start;
            exit = p.isAlive() ? -1 : p.exitValue();
            stderr = Files.readString(err, StandardCharsets.UTF_8);
            String r = Files.readString(rssFile, StandardCharsets.UTF_8).strip();
            rss = r.isEmpty() ? -1 : Long.parseLong(r.substring(r.lastIndexOf('\n') + 1).strip());
        } catch (IOException e) {
            wall = System.nanoTime() - start;
            stderr += "[bench: " + e + "]";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(err);
            delete(rssFile);
        }
        juju.end(ctx, exit, "", stderr, java.time.Duration.ofNanos(wall));
        return new Run(exit, wall, rss, calls.get(), serverNanos.get(), stderr);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                long accepted = System.nanoTime();
                pool.execute(() -> serve(client, accepted));
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private void serve(SocketChannel client, long accepted) {
        try (client) {
            ToolResult result = answer(readLine(client));
            byte[] out = result.stdout().getBytes(StandardCharsets.UTF_8);
            byte[] err = result.stderr().getBytes(StandardCharsets.UTF_8);
            // Counted before the answer goes out: once the client has it, the hook (or the
            // calibration) may end and the next run reset the counters.
            calls.incrementAndGet();
            serverNanos.addAndGet(System.nanoTime() - accepted);
            OutputStream stream = Channels.newOutputStream(client);
            stream.write((result.exitCode() + " " + out.length + " " + err.length + "\n").getBytes(StandardCharsets.US_ASCII));
            stream.write(out);
            stream.write(err);
            stream.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    private ToolResult answer(byte[] request) {
        try {
            JsonNode req = JSON.readTree(request);
            List<String> argv = new ArrayList<>();
            argv.add(req.path("tool").asText());
            req.path("args").forEach(a -> argv.add(a.asText()));
            byte[] stdin = req.path("stdin").isTextual() ? Base64.getDecoder().decode(req.path("stdin").asText()) : new byte[0];
            Map<String, byte[]> files = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : req.path("files").properties()) {
                files.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText()));
            }
            return juju.call(req.path("context_id").asText(), req.path("unit").asText(), argv, stdin, files);
        } catch (IOException | RuntimeException e) {
            return new ToolResult(1, "", "ERROR bench: bad request: " + e + "\n");
        }
    }

    private static byte[] readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (client.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return out.toByteArray();
                }
                out.write(b);
            }
            buf.clear();
        }
        return out.toByteArray();
    }

    /**
     * What one hook-tool call costs on top of the agent's answer: starting the hook-tool client
     * and its exit, measured from this JVM as the charm's JVM would see it (ProcessBuilder, wait),
     * {@code n} times outside any hook; returns the median minus the median agent-side time.
     */
    long calibrateClientNanos(String unit, int n) throws IOException, InterruptedException {
        List<Long> overheads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HookContext ctx = juju.begin(HookEvent.hook(unit, "update-status"));
            Map<String, String> env = new LinkedHashMap<>(juju.jujuEnv(ctx));
            env.put("JUJU_AGENT_SOCKET_ADDRESS", socket.toString());
            env.put("PATH", toolsDir() + ":/usr/bin:/bin");
            calls.set(0);
            serverNanos.set(0);
            ProcessBuilder pb = new ProcessBuilder(toolsDir().resolve("is-leader").toString(), "--format=json")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            long start = System.nanoTime();
            pb.start().waitFor();
            long wall = System.nanoTime() - start;
            juju.end(ctx, 0);
            overheads.add(wall - serverNanos.get());
        }
        return Stats.median(overheads);
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // harmless
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(socket.getParent());
        links.close();
    }
}
