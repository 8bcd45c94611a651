package dev.keycloakoidc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The test's stand-in for the unit agent: a Unix-domain socket server that answers the
 * {@code tests/hooktools/hooktool.c} client, one JSON line in, one out, per tool call, by running
 * the call against a {@link FakeJuju}. Juju's own hook tools reach the agent the same way, which
 * is why a hook's 10-30 tool calls cost milliseconds each and no JVM start.
 *
 * <p>Request, one JSON line: {@code {"tool", "args", "stdin" (base64 or null), "files" {path:
 * base64}, "context_id", "unit"}}. Answer: {@code <exit> <stdout bytes> <stderr bytes>\n} then
 * the raw stdout and stderr, so the client needs no JSON decoder.
 */
public final class HookToolServer implements AutoCloseable {

    /** Told of each call as its answer is ready, before it goes out (so a hook cannot end uncounted). */
    @FunctionalInterface
    public interface CallTimer {
        /** @param agentNanos from accepting the connection to the answer being ready */
        void answered(long agentNanos);
    }

    private final FakeJuju juju;
    private final Path socket;
    private final boolean ownsFolder;
    private final CallTimer timer;
    private final ServerSocketChannel server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hook-tool-server");
        t.setDaemon(true);
        return t;
    });

    private HookToolServer(FakeJuju juju, Path socket, boolean ownsFolder, CallTimer timer) throws IOException {
        this.juju = juju;
        this.socket = socket;
        this.ownsFolder = ownsFolder;
        this.timer = timer;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        pool.execute(this::acceptLoop);
    }

    /** Listens on {@code socket} (which must not exist; keep the path under ~100 bytes). */
    public static HookToolServer start(FakeJuju juju, Path socket) throws IOException {
        return new HookToolServer(juju, socket, false, agentNanos -> { });
    }

    /** Listens on a new socket in a fresh short temporary folder. */
    public static HookToolServer start(FakeJuju juju) throws IOException {
        return start(juju, agentNanos -> { });
    }

    /** As {@link #start(FakeJuju)}, telling {@code timer} of every call (the benchmark's). */
    public static HookToolServer start(FakeJuju juju, CallTimer timer) throws IOException {
        return new HookToolServer(juju, Files.createTempDirectory(Path.of("/tmp"), "fj").resolve("agent.sock"), true, timer);
    }

    /** The value for {@code JUJU_AGENT_SOCKET_ADDRESS}. */
    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                long accepted = System.nanoTime();
                pool.execute(() -> serve(client, accepted));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    private void serve(SocketChannel client, long accepted) {
        try (client) {
            byte[] request = readLine(client);
            ToolResult result = answer(request);
            byte[] out = result.stdout().getBytes(StandardCharsets.UTF_8);
            byte[] err = result.stderr().getBytes(StandardCharsets.UTF_8);
            timer.answered(System.nanoTime() - accepted);
            OutputStream stream = Channels.newOutputStream(client);
            stream.write((result.exitCode() + " " + out.length + " " + err.length + "\n").getBytes(StandardCharsets.US_ASCII));
            stream.write(out);
            stream.write(err);
            stream.flush();
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    private ToolResult answer(byte[] request) {
        try {
            JsonNode req = Invocation.JSON.readTree(request);
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
            return new ToolResult(1, "", "ERROR fake juju: bad request: " + e + "\n");
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

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
        Files.deleteIfExists(socket);
        if (ownsFolder) {
            Files.deleteIfExists(socket.getParent());
        }
    }
}
