package dev.keycloakoidc.bench;

import dev.keycloakoidc.testing.DispatchDriver;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookContext;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a charm folder's {@code ./dispatch} through {@link DispatchDriver} (Juju's environment only,
 * the {@code tests/hooktools/hooktool.c} client on {@code PATH}) and measures what the benchmark
 * reports: wall time, the JVM's peak RSS ({@code /usr/bin/time -f %M}: dispatch execs the JVM, so
 * it is the process {@code time} waits for; the hook tools it starts are far smaller), and per
 * hook-tool call the time the agent side spent answering it.
 */
final class TimedDispatch implements AutoCloseable {

    /** What one hook cost. */
    /** {@code cpuMillis}: the JVM's user + system CPU time (GNU time, 10 ms steps). */
    record Run(int exitCode, long wallNanos, long rssKib, long cpuMillis, int toolCalls, long toolServerNanos, String stderr) {}

    private final FakeJuju juju;
    private final Path charmDir;
    private final Path rssFile;
    private final Map<Path, DispatchDriver> drivers = new HashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicLong serverNanos = new AtomicLong();

    TimedDispatch(FakeJuju juju, Path charmDir) throws IOException {
        this.juju = juju;
        this.charmDir = charmDir.toAbsolutePath().normalize();
        this.rssFile = Files.createTempFile("bench", ".rss");
        driver(this.charmDir);
    }

    Run run(HookEvent event) {
        return run(event, charmDir);
    }

    /** Runs {@code dir/dispatch} (another charm folder, e.g. the floor's) in {@code event}'s context. */
    Run run(HookEvent event, Path dir) {
        calls.set(0);
        serverNanos.set(0);
        long rss = -1;
        long cpu = -1;
        String trouble = "";
        try {
            Files.writeString(rssFile, "");
            HookRun run = driver(dir.toAbsolutePath().normalize()).run(event);
            String r = Files.readString(rssFile, StandardCharsets.UTF_8).strip();
            if (!r.isEmpty()) {
                // "<peak RSS KiB> <user s> <system s>" on the last line (GNU time's -f below).
                String[] fields = r.substring(r.lastIndexOf('\n') + 1).strip().split(" ");
                rss = Long.parseLong(fields[0]);
                cpu = Math.round((Double.parseDouble(fields[1]) + Double.parseDouble(fields[2])) * 1000);
            }
            return new Run(run.exitCode(), run.duration().toNanos(), rss, cpu, calls.get(), serverNanos.get(), run.stderr());
        } catch (IOException e) {
            trouble = "[bench: " + e + "]";
        }
        return new Run(-1, 0, rss, cpu, calls.get(), serverNanos.get(), trouble);
    }

    private DispatchDriver driver(Path dir) throws IOException {
        DispatchDriver driver = drivers.get(dir);
        if (driver == null) {
            driver = DispatchDriver.start(juju, dir, agentNanos -> {
                calls.incrementAndGet();
                serverNanos.addAndGet(agentNanos);
            });
            driver.withTimeout(Duration.ofSeconds(300))
                    .withCommandPrefix(List.of("/usr/bin/time", "-q", "-f", "%M %U %S", "-o", rssFile.toString()));
            // A look inside the measured hooks (./benchmark passes BENCH_JVM_OPTIONS on), e.g.
            // -Xlog:class+load:file=/tmp/hook-%p.log:uptime; never set for the reported figures.
            String jvmOptions = System.getProperty("bench.jvmOptions", "");
            if (!jvmOptions.isBlank()) {
                driver.withExtraEnv(Map.of("CHARM_JVM_OPTIONS", jvmOptions));
            }
            drivers.put(dir, driver);
        }
        return driver;
    }

    /**
     * What one hook-tool call costs on top of the agent's answer: starting the hook-tool client
     * and its exit, measured from this JVM as the charm's JVM would see it (ProcessBuilder, wait),
     * {@code n} times outside any hook; returns the median minus the median agent-side time.
     * The benchmark prints it first ("hook-tool client ... per call"): about 3.5 ms on two cores,
     * where the Python client the C one replaced cost ~30 ms. A figure, never a test's bound.
     */
    long calibrateClientNanos(String unit, int n) throws IOException, InterruptedException {
        DispatchDriver driver = driver(charmDir);
        List<Long> overheads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HookContext ctx = juju.begin(HookEvent.hook(unit, "update-status"));
            calls.set(0);
            serverNanos.set(0);
            ProcessBuilder pb = new ProcessBuilder(driver.toolsDir().resolve("is-leader").toString(), "--format=json")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(driver.environment(ctx));
            long start = System.nanoTime();
            pb.start().waitFor();
            long wall = System.nanoTime() - start;
            juju.end(ctx, 0);
            overheads.add(wall - serverNanos.get());
        }
        return Stats.median(overheads);
    }

    @Override
    public void close() throws IOException {
        for (DispatchDriver driver : drivers.values()) {
            driver.close();
        }
        Files.deleteIfExists(rssFile);
    }
}
