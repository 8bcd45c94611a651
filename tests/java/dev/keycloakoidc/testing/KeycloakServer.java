package dev.keycloakoidc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak ({@code keycloak-quarkus-dist}, unpacked by Maven into {@code target/keycloak-dist})
 * running {@code start-dev} on 127.0.0.1 with an in-memory database, for tests that must see what
 * Keycloak really does. {@link #shared()} starts one per JVM on first use; {@link #start} starts
 * another with extra options (e.g. {@code --features=client-secret-rotation}). Each instance runs
 * from its own copy of the distribution because {@code start-dev} rewrites the Quarkus build under
 * {@code lib/} for its options; a copy is kept between runs so the next start reuses it.
 * Every instance is stopped, with its whole process tree, when the JVM exits.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT =
            Duration.ofSeconds(Long.getLong("keycloak.startTimeoutSeconds", 150));

    private static KeycloakServer shared;
    /** Copies in use by this JVM; a second instance with the same options needs its own copy. */
    private static final Set<String> running = new HashSet<>();

    private final String baseUrl;
    private final String adminUsername;
    private final String adminPassword;
    private final Path logFile;
    private final ProcessBuilder builder;
    private Process process;
    private Duration startTime;
    /** Where it serves TLS, for an instance started by {@link #startHttps}. */
    private String httpsBaseUrl;

    private KeycloakServer(String baseUrl, String adminUsername, String adminPassword, Path logFile,
                           ProcessBuilder builder, Process process, Duration startTime) {
        this.baseUrl = baseUrl;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.logFile = logFile;
        this.builder = builder;
        this.process = process;
        this.startTime = startTime;
    }

    /**
     * CPU time (user + system) that this Keycloak's processes have used so far: kc.sh and the JVM
     * it starts. For the benchmark, which shows what Keycloak spent while a hook ran.
     */
    public Duration cpuTime() {
        ProcessHandle root = process.toHandle();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** The one Keycloak of this JVM, started on first use; tests share it and use their own realms. */
    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            shared = launch("shared", List.of());
        }
        return shared;
    }

    /** Another Keycloak with extra {@code kc.sh start-dev} options; close it when done (the JVM exit does too). */
    public static synchronized KeycloakServer start(String... extraArgs) {
        String name = "extra-" + (extraArgs.length == 0 ? "plain"
                : String.join("-", extraArgs).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", ""));
        String unique = name;
        for (int n = 2; running.contains(unique); n++) {
            unique = name + "-" + n;
        }
        return launch(unique, List.of(extraArgs));
    }

    /**
     * Another Keycloak that also serves HTTPS on 127.0.0.1 with this certificate chain and key (PEM
     * files, as {@code --https-certificate-file} and {@code --https-certificate-key-file} take
     * them): {@link #httpsBaseUrl()}. Plain HTTP stays on, for the readiness check and the tests'
     * own admin calls. Close it when done.
     */
    public static synchronized KeycloakServer startHttps(Path certificateFile, Path keyFile) {
        int httpsPort = freePort();
        KeycloakServer server = launch("https-" + running.size(), List.of("--https-port=" + httpsPort,
                "--https-certificate-file=" + certificateFile, "--https-certificate-key-file=" + keyFile));
        server.httpsBaseUrl = "https://127.0.0.1:" + httpsPort;
        return server;
    }

    /** E.g. {@code https://127.0.0.1:41235}, for an instance of {@link #startHttps}. */
    public String httpsBaseUrl() {
        if (httpsBaseUrl == null) {
            throw new IllegalStateException("this Keycloak was not started with startHttps");
        }
        return httpsBaseUrl;
    }

    /**
     * The Keycloak version the tests run against, which they compare what the charm reports with:
     * system property {@code keycloak.version}, which Maven sets beside {@code keycloak.dist} for
     * each version it tests (pom.xml), checked against the distribution's folder.
     */
    public static String version() {
        String version = System.getProperty("keycloak.version");
        if (version == null) {
            throw new IllegalStateException("system property keycloak.version is not set: run through `mvn verify`");
        }
        String folder = distribution().getFileName().toString();
        if (!folder.equals("keycloak-" + version)) {
            throw new IllegalStateException("keycloak.version is " + version + " but keycloak.dist holds " + folder);
        }
        return version;
    }

    /** Whether {@link #version()} is {@code major.minor} or later, e.g. {@code atLeast(26, 7)} for 26.7.0 on. */
    public static boolean atLeast(int major, int minor) {
        String[] parts = version().split("\\.");
        int actualMajor = Integer.parseInt(parts[0]);
        return actualMajor > major || (actualMajor == major && Integer.parseInt(parts[1]) >= minor);
    }

    /** E.g. {@code http://127.0.0.1:41234}, no trailing slash. */
    public String baseUrl() { return baseUrl; }

    public String adminUsername() { return adminUsername; }

    /** Random per start; handed to Keycloak through its environment, never its argv. */
    public String adminPassword() { return adminPassword; }

    /** Keycloak's stdout and stderr. */
    public Path logFile() { return logFile; }

    /** From launching {@code kc.sh} until {@code /realms/master} answered. */
    public Duration startTime() { return startTime; }

    /** Stops this instance and its children; the shared instance is left to the shutdown hook. */
    @Override
    public void close() {
        if (this != shared) {
            stop(process);
        }
    }

    /**
     * Stops this (non-shared) instance and waits until it is gone; its port then refuses
     * connections. With {@code --db=dev-mem} everything but the bootstrap admin is lost.
     */
    public synchronized void shutDown() {
        if (this == shared) {
            throw new IllegalStateException("the shared Keycloak serves other tests; start() one of your own");
        }
        stop(process);
    }

    /** Starts this instance again after {@link #shutDown}, on the same port with the same admin. */
    public synchronized void startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException("Keycloak at " + baseUrl + " is still running");
        }
        long started = System.nanoTime();
        process = spawn(builder, logFile);
        awaitReady(baseUrl, process, logFile);
        startTime = Duration.ofNanos(System.nanoTime() - started);
        System.err.printf("Keycloak restarted in %.1f s at %s%n", startTime.toMillis() / 1000.0, baseUrl);
    }

    private static KeycloakServer launch(String name, List<String> extraArgs) {
        running.add(name);
        Path home = copyOfDist(name);
        Path logFile = home.resolve("keycloak.log");
        int httpPort = freePort();
        int managementPort = freePort();
        String adminUsername = "admin";
        String adminPassword = "kc-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort,
                "--http-management-port=" + managementPort, "--db=dev-mem"));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUsername);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // The machine's Java, the one running the tests when JAVA_HOME is not set.
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        // A test Keycloak needs neither a large heap nor C2's code; C1 alone starts it in 16 s, not 23 s.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        try {
            Files.deleteIfExists(logFile);  // a kept copy's log from an earlier run
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long started = System.nanoTime();
        Process process = spawn(builder, logFile);
        String baseUrl = "http://127.0.0.1:" + httpPort;
        awaitReady(baseUrl, process, logFile);
        Duration startTime = Duration.ofNanos(System.nanoTime() - started);
        System.err.printf("Keycloak %s started in %.1f s at %s (log %s)%n",
                name, startTime.toMillis() / 1000.0, baseUrl, logFile);
        return new KeycloakServer(baseUrl, adminUsername, adminPassword, logFile, builder, process, startTime);
    }

    /** Starts {@code kc.sh}, appending to its log, and makes the JVM's exit stop it. */
    private static Process spawn(ProcessBuilder builder, Path logFile) {
        Process process;
        try {
            process = builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + builder.command().get(0), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-keycloak-" + process.pid()));
        return process;
    }

    private static void awaitReady(String baseUrl, Process process, Path logFile) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue()
                        + " before it was ready; log tail:\n" + tail(logFile));
            }
            if (answers(baseUrl + "/realms/master")) {
                return;
            }
            sleep(500);
        }
        stop(process);
        throw new IllegalStateException("Keycloak was not ready at " + baseUrl + " within "
                + READY_TIMEOUT.toSeconds() + " s; log tail:\n" + tail(logFile));
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Children first: {@code kc.sh} execs Java, but a build step or a wrapper may stand between. */
    private static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    private static Path copyOfDist(String name) {
        Path dist = distribution();
        // Test JVMs that run side by side (failsafe's forks) each start their own instances: the
        // fork's name keeps their copies apart, as start-dev rewrites lib/ of the copy it runs.
        String fork = System.getProperty("keycloak.instancePrefix", "");
        Path home = dist.getParent().resolve("keycloak-instances")
                .resolve(dist.getFileName() + "-" + (fork.isEmpty() ? "" : fork + "-") + name);
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            copyTree(dist, home);
        }
        return home;
    }

    /**
     * The folder holding {@code bin/kc.sh} under {@code keycloak.dist} (Maven unpacks
     * {@code keycloak-<version>/}): the one of {@code keycloak.version} where that is set, since a
     * run with {@code -Dkeycloak.version=...} unpacks another version beside the earlier one.
     */
    private static Path distribution() {
        Path root = Path.of(System.getProperty("keycloak.dist", "target/keycloak-dist")).toAbsolutePath();
        if (Files.isRegularFile(root.resolve("bin/kc.sh"))) {
            return root;
        }
        String version = System.getProperty("keycloak.version");
        if (version != null && Files.isRegularFile(root.resolve("keycloak-" + version).resolve("bin/kc.sh"))) {
            return root.resolve("keycloak-" + version);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(child -> Files.isRegularFile(child.resolve("bin/kc.sh")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bin/kc.sh under " + root
                            + "; run `mvn generate-test-resources` to unpack keycloak-quarkus-dist"));
        } catch (IOException e) {
            throw new IllegalStateException("no Keycloak distribution at " + root
                    + "; run `mvn generate-test-resources` to unpack keycloak-quarkus-dist", e);
        }
    }

    private static void copyTree(Path from, Path to) {
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        try {
            deleteTree(partial);
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path source : (Iterable<Path>) paths::iterator) {
                    Path target = partial.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            deleteTree(to);
            Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUrl + ", started in " + startTime + "]";
    }
}
