package dev.keycloakoidc.bench;

import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.RawAdmin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Issue 6's benchmark: the packed charm's real {@code ./dispatch}, the project's hook-tool client,
 * a real Keycloak behind a {@link CountingProxy}; each case run {@code -Dbench.runs} times (20),
 * then one table with the targets beside the measured figures. Run by {@code ./benchmark}.
 *
 * <p>Per case: wall time (median, p90) of dispatch from start to exit; the charm's own part, i.e.
 * wall time minus hook-tool time (agent-side time of every call, measured by the socket server,
 * plus a calibrated per-call cost of the hook-tool client); peak RSS of the JVM; hook-tool
 * calls; HTTP requests that reached Keycloak.
 */
public final class Benchmark {

    private static final String CALLBACK = "https://%s.example.com/dex/callback";
    private static final long MIB = 1024;

    private final int runs = Integer.getInteger("bench.runs", 20);
    /** {@code -Dbench.cases=B,Bpw} (BENCH_CASES): only these cases; all when empty. */
    private final List<String> cases = List.of(System.getProperty("bench.cases", "").split(",")).stream()
            .map(String::strip).filter(c -> !c.isEmpty()).toList();
    private final Path charmDir = Path.of(System.getProperty("charm.dir", "target/charm")).toAbsolutePath();
    private final FakeJuju juju = FakeJuju.forRepo();
    private final Map<String, Result> results = new LinkedHashMap<>();
    private KeycloakServer keycloak;
    private CountingProxy proxy;
    private TimedDispatch dispatch;
    private long clientNanos;

    /** One case's sample. */
    record Result(List<TimedDispatch.Run> runs, List<List<String>> requests, List<Long> keycloakNanos, List<Long> clientNanos,
                  List<Long> keycloakCpuMillis) {

        long wallMedian() { return Stats.median(runs.stream().map(TimedDispatch.Run::wallNanos).toList()); }

        long wallP90() { return Stats.percentile(runs.stream().map(TimedDispatch.Run::wallNanos).toList(), 90); }

        /** Per run, with the client cost calibrated right after that run (the load on the machine moves). */
        long charmMedian() {
            List<Long> charm = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                TimedDispatch.Run r = runs.get(i);
                charm.add(r.wallNanos() - r.toolServerNanos() - r.toolCalls() * clientNanos.get(i));
            }
            return Stats.median(charm);
        }

        long keycloakMedian() { return Stats.median(keycloakNanos); }

        /** The charm's part minus the time Keycloak took, per run: what the charm itself spends. */
        long ownMedian() {
            List<Long> own = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                own.add(own(i));
            }
            return Stats.median(own);
        }

        long own(int i) {
            TimedDispatch.Run r = runs.get(i);
            return r.wallNanos() - r.toolServerNanos() - r.toolCalls() * clientNanos.get(i) - keycloakNanos.get(i);
        }

        /** The JVM's user + system CPU time, median, in ms. */
        long cpuMedianMillis() { return Stats.median(runs.stream().map(TimedDispatch.Run::cpuMillis).toList()); }

        /** The CPU time Keycloak's processes used while the hook ran, median, in ms. */
        long keycloakCpuMedianMillis() { return Stats.median(keycloakCpuMillis); }

        long rssMaxKib() { return runs.stream().mapToLong(TimedDispatch.Run::rssKib).max().orElse(-1); }

        long rssMedianKib() { return Stats.median(runs.stream().map(TimedDispatch.Run::rssKib).toList()); }

        String calls() { return range(runs.stream().map(r -> (long) r.toolCalls()).toList()); }

        long requestsMax() { return requests.stream().mapToLong(List::size).max().orElse(0); }

        String requestCount() { return range(requests.stream().map(l -> (long) l.size()).toList()); }

        private static String range(List<Long> values) {
            long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
            long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
            return min == max ? Long.toString(min) : min + "-" + max;
        }
    }

    public static void main(String[] args) throws Exception {
        // The proxy passes Host on (Keycloak's issuer must be the proxy's URL); HttpURLConnection
        // reads this once, and KeycloakServer uses it first, so it is set before anything else.
        System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
        // The proxy answers with TCP_NODELAY, as Keycloak does: without it Nagle's algorithm and the
        // charm's delayed ACKs add up to 40 ms to each answer, which is the proxy's cost, not the charm's.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(new Benchmark().run());
    }

    private int run() throws Exception {
        long began = System.nanoTime();
        keycloak = KeycloakServer.shared();
        proxy = CountingProxy.start(keycloak.baseUrl());
        String nonLeader = juju.addUnit();
        String leader = juju.leader();
        try (TimedDispatch d = new TimedDispatch(juju, charmDir)) {
            dispatch = d;
            clientNanos = d.calibrateClientNanos(leader, 30);
            say("hook-tool client (start, request, exit), per call: %.1f ms", clientNanos / 1e6);

            // The charm signs in as docs/least-privilege.md recommends: a service account of its
            // own (client-credentials grant), here with create-realm so that it makes its realm.
            String realm = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            RawAdmin raw = new RawAdmin(keycloak);
            String account = "keycloak-oidc-" + realm;
            String accountSecret = raw.serviceAccount(account);
            raw.grantMasterRealmRole(account, "create-realm");
            String serviceAccount = juju.addUserSecret(Map.of("client-id", account, "client-secret", accountSecret));
            juju.grantSecret(serviceAccount, juju.app());
            // The master admin's user name and password, for B measured with the password grant.
            String masterAdmin = juju.addUserSecret(Map.of("username", keycloak.adminUsername(),
                    "password", keycloak.adminPassword()));
            juju.grantSecret(masterAdmin, juju.app());
            juju.setConfig("keycloak-url", proxy.url());
            juju.setConfig("admin-credentials", serviceAccount);
            juju.setConfig("realm", realm);
            once(HookEvent.hook(leader, "config-changed"));
            relate("consumer-1");
            once(HookEvent.hook(leader, "update-status"));

            measure("A", i -> HookEvent.hook(nonLeader, "update-status"), null);
            // B, and B signing in as the master admin (Bpw: Keycloak hashes the password on every
            // token, and the hook ends the session it opened), run in turn: issue 19 compares them.
            // The credentials change between runs without a config-changed: update-status reads them
            // as any hook does, and the first password hook (config-changed) is made once before.
            juju.setConfig("admin-credentials", masterAdmin);
            once(HookEvent.hook(leader, "config-changed"));
            juju.setConfig("admin-credentials", serviceAccount);
            once(HookEvent.hook(leader, "config-changed"));
            Map<String, String> credentials = new LinkedHashMap<>(Map.of("B", serviceAccount));
            credentials.put("Bpw", masterAdmin);
            credentials.keySet().removeIf(name -> !selected(name));
            measureInterleaved(List.copyOf(credentials.keySet()),
                    credentials.values().stream().<Runnable>map(c -> () -> juju.setConfig("admin-credentials", c)).toList(),
                    i -> HookEvent.hook(leader, "update-status"));
            juju.setConfig("admin-credentials", serviceAccount);
            // B with one consumer on each endpoint: consumer-1 on oidc-provider, a stock dex-auth
            // on dex-oidc-config, grafana on oauth; both go again after, so the later cases are as they were.
            if (selected("B3")) {
                List<String> others = List.of(relateDex("stock-dex"), relateOAuth("grafana"));
                once(HookEvent.hook(leader, "update-status"));
                measure("B3", i -> HookEvent.hook(leader, "update-status"), null);
                for (String rel : others) {
                    once(HookEvent.relation(leader, "relation-broken", rel, null));
                    juju.removeRelation(rel);
                }
            }
            // B with groups among the scopes: the charm also reads the realm's client scopes, to
            // check that the groups scope is there with its mapper.
            if (selected("Bg")) {
                juju.setConfig("scopes", "openid profile email groups");
                once(HookEvent.hook(leader, "config-changed"));
                if (!"active".equals(juju.unitStatus(leader).status())) {
                    throw new IllegalStateException("scopes with groups left the leader " + juju.unitStatus(leader));
                }
                measure("Bg", i -> HookEvent.hook(leader, "update-status"), null);
                juju.setConfig("scopes", "openid profile email");
                once(HookEvent.hook(leader, "config-changed"));
            }
            measure("D", i -> {
                String rel = relate("new-" + i);
                return HookEvent.relation(leader, "relation-changed", rel, "new-" + i + "/0");
            }, i -> {
                String rel = juju.relationIds("oidc-provider").stream()
                        .filter(r -> juju.remoteApp(r).equals("new-" + i)).findFirst().orElseThrow();
                // D must really have served the new consumer, or its figures mean nothing.
                if (!("new-" + i).equals(juju.localAppData(rel).get("client_id"))) {
                    throw new IllegalStateException("D did not serve new-" + i + ": " + juju.unitStatus(leader)
                            + ", data " + juju.localAppData(rel).keySet());
                }
                once(HookEvent.relation(leader, "relation-broken", rel, null));
                juju.removeRelation(rel);
            });
            measure("E", i -> HookEvent.action(leader, "create-user",
                    Map.of("username", "user-" + i, "email", "user-" + i + "@example.com")), null);
            for (int n : new int[] {10, 50}) {
                if (!selected("C" + n)) {
                    continue;
                }
                for (int i = juju.relationIds("oidc-provider").size() + 1; i <= n; i++) {
                    relate("consumer-" + i);
                }
                once(HookEvent.hook(leader, "update-status"));
                measure("C" + n, i -> HookEvent.hook(leader, "update-status"), null);
            }
            if (selected("F")) {
                Path floor = floorCharm();
                results.put("F", sample(i -> HookEvent.hook(nonLeader, "update-status"), null, floor));
            }
        } finally {
            proxy.close();
        }
        print();
        say("benchmark took %.0f s", (System.nanoTime() - began) / 1e9);
        return 0;
    }

    private String relateDex(String app) {
        String rel = juju.relate("dex-oidc-config", app, app + "/0");
        juju.setRemoteAppData(rel, Map.of("issuer-url", "https://" + app + ".example.com/dex"));
        return rel;
    }

    /** What grafana-k8s writes on oauth. */
    private String relateOAuth(String app) {
        String rel = juju.relate("oauth", app, app + "/0");
        juju.setRemoteAppData(rel, Map.of("redirect_uri", "https://" + app + ".example.com/login/generic_oauth",
                "scope", "openid email offline_access", "grant_types", "[\"authorization_code\", \"refresh_token\"]",
                "audience", "[]", "token_endpoint_auth_method", "client_secret_basic"));
        return rel;
    }

    private String relate(String app) {
        String rel = juju.relate("oidc-provider", app, app + "/0");
        juju.setRemoteAppData(rel, Map.of("redirect_uri", String.format(CALLBACK, app)));
        return rel;
    }

    private void once(HookEvent event) {
        TimedDispatch.Run run = dispatch.run(event);
        proxy.drain();
        if (run.exitCode() != 0) {
            throw new IllegalStateException(event.dispatchPath() + " exited " + run.exitCode() + ":\n" + run.stderr());
        }
    }

    private boolean selected(String name) {
        return cases.isEmpty() || cases.contains(name);
    }

    private void measure(String name, IntFunction<HookEvent> event, java.util.function.IntConsumer after) {
        if (!selected(name)) {
            return;
        }
        report(name, sample(event, after, null));
    }

    private void report(String name, Result result) {
        results.put(name, result);
        say("%-4s leader's status after it: %s", name, juju.unitStatus(juju.leader()));
        say("%-4s median %4.0f ms  p90 %4.0f ms  charm %4.0f ms (Keycloak %4.0f ms, own %4.0f ms)  cpu %4d ms (Keycloak's %4d ms)  rss %3d MiB  tool calls %s  Keycloak requests %s",
                name, result.wallMedian() / 1e6, result.wallP90() / 1e6, result.charmMedian() / 1e6,
                result.keycloakMedian() / 1e6, result.ownMedian() / 1e6, result.cpuMedianMillis(), result.keycloakCpuMedianMillis(), result.rssMaxKib() / MIB,
                result.calls(), result.requestCount());
    }

    private Result sample(IntFunction<HookEvent> event, java.util.function.IntConsumer after, Path dir) {
        Sample sample = new Sample();
        for (int i = 0; i < runs; i++) {
            sample.run(event.apply(i), dir);
            if (after != null) {
                after.accept(i);
            }
        }
        return sample.result();
    }

    /**
     * Cases run in turn, one run of each per round, so that a load on the machine that comes and
     * goes weighs on each alike: the way to compare two of them. {@code before} sets a case up
     * before each of its runs.
     */
    private void measureInterleaved(List<String> names, List<Runnable> before, IntFunction<HookEvent> event) {
        List<Sample> samples = names.stream().map(n -> new Sample()).toList();
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < names.size(); c++) {
                before.get(c).run();
                samples.get(c).run(event.apply(i), null);
            }
        }
        for (int c = 0; c < names.size(); c++) {
            report(names.get(c), samples.get(c).result());
        }
    }

    /** One case's runs so far. */
    private final class Sample {
        private final List<TimedDispatch.Run> runs = new ArrayList<>();
        private final List<List<String>> requests = new ArrayList<>();
        private final List<Long> keycloakNanos = new ArrayList<>();
        private final List<Long> clients = new ArrayList<>();
        private final List<Long> keycloakCpu = new ArrayList<>();

        void run(HookEvent e, Path dir) {
            proxy.drain();
            Duration cpuBefore = keycloak.cpuTime();
            TimedDispatch.Run run = dir == null ? dispatch.run(e) : dispatch.run(e, dir);
            keycloakCpu.add(keycloak.cpuTime().minus(cpuBefore).toMillis());
            keycloakNanos.add(proxy.upstreamNanos());
            requests.add(proxy.drain());
            if (run.exitCode() != 0) {
                throw new IllegalStateException(e.dispatchPath() + " exited " + run.exitCode() + ":\n" + run.stderr());
            }
            runs.add(run);
            try {
                clients.add(run.toolCalls() == 0 ? 0L : dispatch.calibrateClientNanos(juju.leader(), 3));
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(x);
            }
        }

        Result result() {
            return new Result(runs, requests, keycloakNanos, clients, keycloakCpu);
        }
    }

    /**
     * A copy of the charm's dispatch and runtime whose jar holds only {@link Floor}; with an AOT
     * cache of its own when the charm carries one, made the way tools/pack-charm makes the
     * charm's (a training run through dispatch), so F gets every start-up aid the charm gets.
     */
    private Path floorCharm() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bench-floor");
        Files.createDirectories(dir.resolve("lib"));
        // The charm's dispatch, flags and all, starting Floor where it starts the charm.
        String charmMain = "main=" + dev.keycloakoidc.Main.class.getName() + "\n";
        String dispatch = Files.readString(charmDir.resolve("dispatch"));
        if (!dispatch.contains(charmMain)) {
            throw new IllegalStateException("dispatch no longer starts " + charmMain.strip() + ": teach the floor how it starts the charm");
        }
        Files.writeString(dir.resolve("dispatch"), dispatch.replace(charmMain, "main=" + Floor.class.getName() + "\n"));
        Files.setPosixFilePermissions(dir.resolve("dispatch"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("jre"), charmDir.resolve("jre").toRealPath());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Floor.class.getName());
        String entry = Floor.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("lib/keycloak-oidc.jar")), manifest);
             InputStream in = Floor.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(in.readAllBytes());
            jar.closeEntry();
        }
        boolean charmHasCache = Files.exists(charmDir.resolve("lib/app.aot"));
        if (charmHasCache) {
            ProcessBuilder train = new ProcessBuilder("./dispatch").directory(dir.toFile()).inheritIO();
            train.environment().put("CHARM_JVM_OPTIONS", "-XX:AOTCacheOutput=lib/app.aot -Xlog:aot=warning");
            int exit = train.start().waitFor();
            if (exit != 0 || !Files.exists(dir.resolve("lib/app.aot"))) {
                throw new IllegalStateException("training the floor's AOT cache failed (" + exit + ")");
            }
        }
        say("floor: %s, AOT cache: %s", dir, charmHasCache ? "yes (its own)" : "no (the charm has none)");
        return dir;
    }

    private void print() {
        Result f = results.get("F");
        Result b = results.get("B");
        // A run of some cases only (BENCH_CASES) may lack F or B: their ratios are then NaN, and shown as not measured.
        double fMs = f == null ? Double.NaN : f.wallMedian() / 1e6;
        double bMs = b == null ? Double.NaN : b.wallMedian() / 1e6;
        System.out.println();
        System.out.printf("keycloak-oidc benchmark: %d runs per case, %s, hook-tool client %.1f ms per call%n",
                runs, Files.exists(charmDir.resolve("lib/app.aot")) ? "AOT cache" : "no AOT cache", clientNanos / 1e6);
        String fmt = "%-4s %7s %7s %7s %9s %5s %5s %6s %5s %6s %8s | %-22s %-14s %-10s%n";
        System.out.printf(fmt, "case", "median", "p90", "charm", "(Keycloak", "own", "CPU", "KC CPU", "RSS", "tools", "Keycloak",
                "target: wall", "requests", "RSS");
        System.out.printf(fmt, "", "ms", "ms", "ms", "ms)", "ms", "ms", "ms", "MiB", "calls", "requests", "", "", "");
        for (Map.Entry<String, Result> e : results.entrySet()) {
            String name = e.getKey();
            Result r = e.getValue();
            double ms = r.wallMedian() / 1e6;
            long rss = r.rssMaxKib() / MIB;
            String wall;
            String req;
            String mem;
            switch (name) {
                case "A" -> { wall = cell(ms <= 2 * fMs, "<= 2xF", ms / fMs); req = cell(r.requestsMax() == 0, "0"); mem = cell(rss <= 64, "<= 64"); }
                case "B", "B3", "Bg" -> { wall = cell(ms <= 5 * fMs, "<= 5xF", ms / fMs); req = cell(r.requestsMax() <= 4, "<= 4"); mem = cell(rss <= 100, "<= 100"); }
                case "C10" -> { wall = String.format("(%.1fxB)", ms / bMs); req = cell(r.requestsMax() <= 13, "<= 13"); mem = cell(rss <= 128, "<= 128"); }
                case "C50" -> { wall = cell(ms <= 10 * bMs, "<= 10xB", ms / bMs); req = cell(r.requestsMax() <= 53, "<= 53"); mem = cell(rss <= 128, "<= 128"); }
                case "Bpw" -> { wall = String.format("(%.1fxF, no target)", ms / fMs); req = cell(r.requestsMax() <= 4, "<= 4"); mem = cell(rss <= 100, "<= 100"); }
                case "D", "E" -> { wall = cell(ms <= 8 * fMs, "<= 8xF", ms / fMs); req = "listed below"; mem = cell(rss <= 128, "<= 128"); }
                default -> { wall = "(the floor)"; req = ""; mem = ""; }
            }
            if (wall.contains("NaN")) {
                wall = "(" + (f == null ? "F" : "B") + " not run)";
            }
            System.out.printf(fmt, name, fmtMs(r.wallMedian()), fmtMs(r.wallP90()), fmtMs(r.charmMedian()),
                    "(" + fmtMs(r.keycloakMedian()) + ")", fmtMs(r.ownMedian()), Long.toString(r.cpuMedianMillis()),
                    Long.toString(r.keycloakCpuMedianMillis()),
                    Long.toString(rss), r.calls(), r.requestCount(), wall, req, mem);
        }
        Result pw = results.get("Bpw");
        if (b != null && pw != null) {
            // Issue 19: signing in with a password may cost Keycloak more (hashing, the logout), not
            // the charm. B and Bpw ran in turn; the difference is taken per round, then its median.
            List<Long> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(b.runs().size(), pw.runs().size()); i++) {
                perRound.add(pw.own(i) - b.own(i));
            }
            double extra = Stats.median(perRound) / 1e6;
            System.out.printf("Bpw own - B own (median of %d rounds, each B then Bpw): %.0f ms (p10 %.0f, p90 %.0f) | %s%n",
                    perRound.size(), extra, Stats.percentile(perRound, 10) / 1e6, Stats.percentile(perRound, 90) / 1e6,
                    cell(extra <= 10, "<= 10 ms"));
        }
        System.out.println();
        System.out.println("charm = wall - hook-tool time (agent-side time of each call + per call the hook-tool client's cost,");
        System.out.println("calibrated with 3 calls right after each run); it includes waiting");
        System.out.println("for Keycloak, shown apart as (Keycloak): time the proxy took to get each answer; own = charm - Keycloak, per run.");
        System.out.println("CPU = the charm JVM's user + system time (GNU time); KC CPU = Keycloak's, from the hook's start to its exit; RSS = the JVM's peak, max over runs. Medians over runs but RSS.");
        System.out.println("Every case signs in with a service account (client-credentials grant, docs/least-privilege.md) but Bpw,");
        System.out.println("which is B signing in as the master admin (password grant: Keycloak hashes the password for each token).");
        System.out.println("B3 is B with one consumer on each endpoint (oidc-provider, dex-oidc-config, oauth), B's targets beside it.");
        System.out.println("Bg is B with groups among the scopes (scopes=\"openid profile email groups\"), B's targets beside it.");
        for (String name : List.of("B", "B3", "Bg", "Bpw", "D", "E")) {
            if (results.containsKey(name)) {
                System.out.println("Keycloak requests, one run of " + name + ": " + String.join(", ", results.get(name).requests().get(0)));
            }
        }
    }

    private static String cell(boolean pass, String target, double ratio) {
        return String.format("%s %-8s (%.1fx)", pass ? "PASS" : "MISS", target, ratio);
    }

    private static String cell(boolean pass, String target) {
        return (pass ? "PASS " : "MISS ") + target;
    }

    private static String fmtMs(long nanos) {
        return String.format("%.0f", nanos / 1e6);
    }

    private static void say(String format, Object... args) {
        System.out.printf("bench: " + format + "%n", args);
        System.out.flush();
    }
}
