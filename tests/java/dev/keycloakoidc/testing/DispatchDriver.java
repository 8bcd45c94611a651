package dev.keycloakoidc.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a charm folder's real {@code ./dispatch} the way Juju does: from the charm folder, no
 * arguments, an environment holding only what Juju sets (no {@code JAVA_HOME}, {@code PATH} = the
 * hook-tools folder + {@code /usr/bin:/bin}), hook tools answered by a {@link HookToolServer} over
 * {@link FakeJuju}. Exit 0 commits the hook's changes, anything else drops them; a hook that runs
 * past the timeout is killed with its whole process tree.
 *
 * <pre>{@code
 * try (DispatchDriver driver = DispatchDriver.start(juju)) {
 *     HookRun run = driver.hook("keycloak-oidc/0", "config-changed");
 * }
 * }</pre>
 */
public final class DispatchDriver implements AutoCloseable {

    private final FakeJuju juju;
    private final Path charmDir;
    private final HookToolServer server;
    private final Path toolsDir;
    private final Map<String, String> extraEnv = new LinkedHashMap<>();
    private List<String> commandPrefix = List.of();
    private Duration timeout = Duration.ofSeconds(120);

    private DispatchDriver(FakeJuju juju, Path charmDir, HookToolServer.CallTimer timer) throws IOException {
        if (!Files.isExecutable(charmDir.resolve("dispatch"))) {
            throw new IllegalArgumentException("no executable dispatch in " + charmDir + " (run `mvn package -DskipTests` to lay out target/charm)");
        }
        this.juju = juju;
        this.charmDir = charmDir.toAbsolutePath().normalize();
        this.toolsDir = toolsFolder();
        this.server = HookToolServer.start(juju, timer);
    }

    /** Drives the charm folder in system property {@code charm.dir}, else {@code target/charm}. */
    public static DispatchDriver start(FakeJuju juju) throws IOException {
        return start(juju, defaultCharmDir());
    }

    public static DispatchDriver start(FakeJuju juju, Path charmDir) throws IOException {
        return start(juju, charmDir, agentNanos -> { });
    }

    /** As {@link #start(FakeJuju, Path)}, telling {@code timer} of every hook-tool call (the benchmark's). */
    public static DispatchDriver start(FakeJuju juju, Path charmDir, HookToolServer.CallTimer timer) throws IOException {
        return new DispatchDriver(juju, charmDir, timer);
    }

    static Path defaultCharmDir() {
        String dir = System.getProperty("charm.dir");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("basedir", "."), "target", "charm");
    }

    /** A temporary folder with a link per tool name to the hook-tool client ({@link HookToolClient}). */
    static Path toolsFolder() throws IOException {
        Path client = HookToolClient.build();
        Path dir = Files.createTempDirectory("juju-tools");
        for (String name : HookToolCommands.names()) {
            Files.createSymbolicLink(dir.resolve(name), client);
        }
        return dir;
    }

    /**
     * Adds variables Juju would not set, e.g. {@code JAVA_HOME} so a development checkout without a
     * bundled runtime finds a JDK. Only tests that need it should pass it.
     */
    public DispatchDriver withExtraEnv(Map<String, String> env) {
        extraEnv.putAll(env);
        return this;
    }

    /** Runs {@code dispatch} under a command, e.g. {@code /usr/bin/time -o file}, as {@code prefix... ./dispatch}. */
    public DispatchDriver withCommandPrefix(List<String> prefix) {
        this.commandPrefix = List.copyOf(prefix);
        return this;
    }

    public DispatchDriver withTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public Path toolsDir() {
        return toolsDir;
    }

    public Path charmDir() {
        return charmDir;
    }

    public HookRun hook(String unit, String hookName) {
        return run(HookEvent.hook(unit, hookName));
    }

    /** {@code kind} is {@code relation-changed} etc.; the endpoint comes from {@code relationId}. */
    public HookRun relationHook(String unit, String kind, String relationId, String remoteUnit) {
        return run(HookEvent.relation(unit, kind, relationId, remoteUnit));
    }

    public HookRun action(String unit, String actionName, Map<String, ?> params) {
        return run(HookEvent.action(unit, actionName, params));
    }

    public HookRun secretHook(String unit, String hookName, String secretUri) {
        return run(HookEvent.secret(unit, hookName, secretUri, OptionalInt.empty()));
    }

    public HookRun secretHook(String unit, String hookName, String secretUri, int revision) {
        return run(HookEvent.secret(unit, hookName, secretUri, OptionalInt.of(revision)));
    }

    /** The environment {@code dispatch} gets for {@code ctx}: Juju's variables, nothing inherited. */
    public Map<String, String> environment(HookContext ctx) {
        Map<String, String> env = new LinkedHashMap<>(juju.jujuEnv(ctx));
        env.put("JUJU_CHARM_DIR", charmDir.toString());
        env.put("CHARM_DIR", charmDir.toString());
        env.put("JUJU_AGENT_SOCKET_ADDRESS", server.socket().toString());
        env.put("JUJU_AGENT_SOCKET_NETWORK", "unix");
        env.put("PATH", toolsDir + ":/usr/bin:/bin");
        env.putAll(extraEnv);
        return env;
    }

    /** Runs one hook or action to the end and commits or drops its changes by exit code. */
    public HookRun run(HookEvent event) {
        return run(event, null);
    }

    /**
     * Runs one hook or action and kills it with SIGKILL, its whole process tree at once, after
     * {@code delay} if it is still running: a machine losing power or the OOM killer mid-hook. A
     * killed hook exits non-zero, so, as Juju does, none of its hook-tool changes are committed
     * (status and logs are kept). A hook that finished first ends as {@link #run} would.
     */
    public HookRun runKilledAfter(HookEvent event, Duration delay) {
        return run(event, delay);
    }

    private HookRun run(HookEvent event, Duration killAfter) {
        HookContext ctx = juju.begin(event);
        int exit = -1;
        String stdout = "";
        String stderr = "";
        long start = System.nanoTime();
        long end = 0;
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("dispatch", ".out");
            err = Files.createTempFile("dispatch", ".err");
            List<String> command = new ArrayList<>(commandPrefix);
            command.add(charmDir.resolve("dispatch").toString());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(charmDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(environment(ctx));
            start = System.nanoTime();
            Process p = pb.start();
            if (killAfter != null && !p.waitFor(killAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                killAbruptly(p.toHandle());
                p.waitFor(10, TimeUnit.SECONDS);
                exit = p.isAlive() ? -1 : p.exitValue();
                stderr = "[DispatchDriver: killed with SIGKILL after " + killAfter.toMillis() + " ms]\n";
            } else if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = p.exitValue();
            } else {
                kill(p.toHandle());
                p.waitFor(10, TimeUnit.SECONDS);
                stderr = "[DispatchDriver: killed after " + timeout + "]\n";
            }
            end = System.nanoTime();
            stdout = Files.readString(out, StandardCharsets.UTF_8);
            stderr = Files.readString(err, StandardCharsets.UTF_8) + stderr;
        } catch (IOException e) {
            stderr += "[DispatchDriver: cannot run dispatch: " + e.getMessage() + "]\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stderr += "[DispatchDriver: interrupted]\n";
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
        return juju.end(ctx, exit, stdout, stderr, Duration.ofNanos((end == 0 ? System.nanoTime() : end) - start));
    }

    /**
     * SIGKILL to the process and every descendant, the tree taken first so that no child is
     * orphaned and missed; children die in the same instant, as on a power cut.
     */
    private static void killAbruptly(ProcessHandle process) {
        var tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process);
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join();
        }
    }

    private static void kill(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temp file is harmless
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(toolsDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
