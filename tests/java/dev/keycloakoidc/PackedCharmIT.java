package dev.keycloakoidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.keycloakoidc.testing.DispatchDriver;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.PackedRuntime;
import dev.keycloakoidc.testing.StatusEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packed {@code .charm} (what {@code juju deploy} gets) carries its own Java runtime: unzipped
 * into an empty folder, {@code ./dispatch} runs with no Java anywhere else on the machine, the
 * way Juju runs it.
 *
 * <p>Runs after {@code mvn package} (failsafe), which passes the charm folder as {@code charm.dir};
 * the {@code .charm} is beside it. Hooks and actions run through the hook-tool harness with a
 * PATH that offers no java, as on a unit without Java installed.
 */
class PackedCharmIT {

    private static final String MISSING_JAVA = "no Java runtime";

    @TempDir
    Path work;

    private Path charm;

    /** Unzips with unzip(1), as Juju does, so the zip's unix modes decide what is executable. */
    @BeforeEach
    void unzipCharm() throws Exception {
        charm = Files.createDirectory(work.resolve("charm"));
        Result unzip = run(List.of("unzip", "-q", packedCharm().toString(), "-d", charm.toString()), work, null);
        assertEquals(0, unzip.exit(), "unzip failed: " + unzip.err());
    }

    @Test
    void zip_hasTheCharmLayoutAtItsRoot() throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(packedCharm().toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                names.add(entry.getName());
            }
        }
        for (String name : List.of("dispatch", "metadata.yaml", "config.yaml", "actions.yaml", "manifest.yaml",
                "lib/keycloak-oidc.jar", "jre/bin/java", "jre/lib/security/cacerts")) {
            assertTrue(names.contains(name), name + " missing from the .charm; it has " + names);
        }
        assertTrue(names.stream().noneMatch(n -> n.startsWith("/") || n.contains("..") || n.startsWith("charm/")),
                "entries must be relative to the charm root: " + names);

        assertExecutable("dispatch");
        assertExecutable("jre/bin/java");
        // Every ProcessBuilder (each hook tool call) goes through it on Linux.
        assertExecutable("jre/lib/jspawnhelper");
        Path cacerts = charm.resolve("jre/lib/security/cacerts");
        assertTrue(Files.isRegularFile(cacerts, LinkOption.NOFOLLOW_LINKS), "cacerts must be a file, not a link");
        assertTrue(Files.size(cacerts) > 50_000, "cacerts is too small to be a real trust store");
    }

    @Test
    void dependenciesThatAreModules_liveInTheRuntimeImage_notOnTheClassPath() throws Exception {
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> lib = Files.newDirectoryStream(charm.resolve("lib"), "*.jar")) {
            lib.forEach(jar -> jars.add(jar.getFileName().toString()));
        }
        assertEquals(List.of("keycloak-oidc.jar"), jars, "a hook opens every jar on its class path");

        Result modules = run(List.of(charm.resolve("jre/bin/java").toString(), "--list-modules"), work, null);
        assertEquals(0, modules.exit(), modules.err());
        for (String module : List.of("com.fasterxml.jackson.databind@", "com.fasterxml.jackson.core@", "org.yaml.snakeyaml@")) {
            assertTrue(modules.out().contains(module), module + " is not in the runtime:\n" + modules.out());
        }
        // Nothing the charm does needs AWT or JDBC; jackson-databind only names them as optional.
        assertFalse(modules.out().contains("java.desktop@"), modules.out());
        assertFalse(modules.out().contains("java.sql@"), modules.out());
    }

    @Test
    void manifest_namesTheBaseTheCharmRunsOn() throws IOException {
        String manifest = Files.readString(charm.resolve("manifest.yaml"));
        assertTrue(manifest.contains("charmcraft-started-at: '"), manifest);
        assertTrue(manifest.contains("- name: ubuntu\n  channel: '24.04'\n  architectures:\n  - "), manifest);
        assertTrue(manifest.contains("- name: language\n    result: java"), manifest);
    }

    @Test
    void dispatch_runsHooksAndActionsOnTheBundledRuntime_withNoOtherJava() throws Exception {
        Map<String, String> env = hookEnvironment();
        assertNotEquals(0, run(List.of("/bin/sh", "-c", "command -v java"), work, env).exit(),
                "the test environment must not offer a java on PATH");
        FakeJuju juju = FakeJuju.forCharm(charm);
        String unit = juju.leader();
        try (DispatchDriver driver = DispatchDriver.start(juju, charm)) {
            // Juju's PATH: the hook tools, then a system PATH without java; no JAVA_HOME.
            Map<String, String> noJava = Map.of("PATH", driver.toolsDir() + ":" + env.get("PATH"));
            // The java launcher reads JDK_JAVA_OPTIONS; -XshowSettings prints java.home to stderr.
            Map<String, String> showSettings = new HashMap<>(noJava);
            showSettings.put("JDK_JAVA_OPTIONS", "-XshowSettings:properties");

            HookRun install = driver.withExtraEnv(showSettings).hook(unit, "install");
            assertEquals(0, install.exitCode(), "install failed:\n" + install.stderr());
            assertTrue(install.stderr().contains("java.home = " + charm.resolve("jre").toRealPath()),
                    "not the bundled runtime:\n" + install.stderr());
            assertTrue(install.stderr().contains("file.encoding = UTF-8"), install.stderr());

            driver.withExtraEnv(Map.of("JDK_JAVA_OPTIONS", "")).withExtraEnv(noJava);
            assertHook(driver.hook(unit, "config-changed"));
            assertEquals(new StatusEntry("blocked", "set keycloak-url (+1 more, see juju debug-log)"), juju.unitStatus(unit));
            assertHook(driver.hook(unit, "update-status"));
            String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
            juju.setRemoteAppData(rel, Map.of("redirect_uri", "https://kubeflow.example.com/dex/callback"));
            assertHook(driver.relationHook(unit, "relation-changed", rel, "dex-auth/0"));
            HookRun action = driver.action(unit, "get-connector", Map.of());
            assertHook(action);
            assertEquals("set keycloak-url", action.action().orElseThrow().failure().orElse("<not failed>"));
            assertEquals(juju.unitStatus(unit), juju.appStatus());
        }
    }

    @Test
    void dispatch_startsAStandbyUnitsHooksFromTheSmallCache_andEverythingElseFromTheLeadersCache() throws Exception {
        FakeJuju juju = FakeJuju.forCharm(charm);
        String leader = juju.leader();
        String standby = juju.addUnit();
        PackedRuntime.assertAotCaches(charm);
        try (DispatchDriver driver = DispatchDriver.start(juju, charm)) {
            // The launcher prints the JVM's flags; -XX:AOTMode=on makes the JVM refuse to start
            // when the cache it was given does not load, rather than run on without it.
            driver.withExtraEnv(Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags", "CHARM_JVM_OPTIONS", "-XX:AOTMode=on"));

            assertEquals("lib/standby.aot", aotCacheOf(driver.hook(standby, "update-status")));
            assertEquals(new StatusEntry("active", "standby: the leader manages Keycloak"), juju.unitStatus(standby));
            int callsBefore = juju.calls().size();
            assertEquals("lib/app.aot", aotCacheOf(driver.hook(leader, "update-status")));
            // dispatch's answer reaches the charm: Juju is asked once per hook, not twice.
            assertEquals(1, juju.calls().subList(callsBefore, juju.calls().size()).stream()
                    .filter(call -> call.tool().equals("is-leader")).count());
            // Actions may call Keycloak on any unit.
            assertEquals("lib/app.aot", aotCacheOf(driver.action(standby, "get-connector", Map.of())));
            // Leadership moves: the old leader's next hook is a standby's.
            juju.setLeader(standby);
            assertEquals("lib/standby.aot", aotCacheOf(driver.hook(leader, "update-status")));
            assertEquals("lib/app.aot", aotCacheOf(driver.hook(standby, "leader-elected")));
        }
    }

    private static String aotCacheOf(HookRun run) {
        assertHook(run);
        Matcher flag = Pattern.compile("-XX:AOTCache=(\\S+)").matcher(run.stdout());
        assertTrue(flag.find(), () -> "no -XX:AOTCache among the flags:\n" + run.stdout());
        return flag.group(1);
    }

    private static void assertHook(HookRun run) {
        assertEquals(0, run.exitCode(), () -> run.event().dispatchPath() + " failed:\n" + run.stderr());
    }

    @Test
    void dispatch_withoutAnyJava_explainsAndFails() throws Exception {
        deleteTree(charm.resolve("jre"));

        Result hook = run(List.of("./dispatch"), charm, hookEnvironment());

        assertEquals(1, hook.exit());
        assertTrue(hook.err().startsWith("ERROR keycloak-oidc: " + MISSING_JAVA), hook.err());
    }

    @Test
    void bundledJava_startsFromTheUnzippedFolder() throws Exception {
        Result version = run(List.of("jre/bin/java", "-version"), charm, hookEnvironment());

        assertEquals(0, version.exit(), version.err());
        assertTrue(version.err().contains("64-Bit Server VM"), version.err());
    }

    /**
     * The modules jdeps cannot see (EC for TLS on JDK 17) and the trust store: the charm's own
     * HTTP client, on the bundled runtime, against an HTTPS server with a certificate of each
     * common key type.
     */
    @ParameterizedTest
    @ValueSource(strings = {"EC", "RSA"})
    void bundledRuntime_speaksTlsThroughTheCharmsHttpClient(String keyType) throws Exception {
        Path keystore = work.resolve("server.p12");
        Path pem = work.resolve("ca.pem");
        List<String> keyAlg = keyType.equals("EC")
                ? List.of("-keyalg", "EC", "-groupname", "secp256r1")
                : List.of("-keyalg", "RSA", "-keysize", "2048");
        List<String> genkey = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", "server",
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
        genkey.addAll(keyAlg);
        assertEquals(0, run(genkey, work, null).exit(), "keytool -genkeypair failed");
        Result export = run(List.of(keytool(), "-exportcert", "-rfc", "-alias", "server",
                "-keystore", keystore.toString(), "-storepass", "changeit"), work, null);
        assertEquals(0, export.exit(), export.err());
        Files.writeString(pem, export.out());

        HttpsServer server = httpsServer(keystore);
        try {
            String url = "https://localhost:" + server.getAddress().getPort() + "/";
            String classPath = testClasses() + ":" + charm.resolve("lib") + "/*";
            Result probe = run(List.of(charm.resolve("jre/bin/java").toString(), "-cp", classPath,
                    RuntimeProbe.class.getName(), url, pem.toString()), work, hookEnvironment());

            assertEquals(0, probe.exit(), "probe failed on the bundled runtime:\n" + probe.err());
            String[] lines = probe.out().split("\n");
            int systemCas = Integer.parseInt(lines[0].substring("system-cas ".length()));
            assertTrue(systemCas > 50, "the bundled trust store holds only " + systemCas + " CAs");
            assertEquals("spawned ok", lines[1]);
            assertEquals("status 200", lines[2]);
            assertEquals("body hello", lines[3]);
        } finally {
            server.stop(0);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private record Result(int exit, String out, String err) {}

    /** The {@code .charm} beside the charm folder; exactly one, whatever the architecture. */
    private static Path packedCharm() throws IOException {
        String dir = System.getProperty("charm.dir");
        if (dir == null) {
            fail("system property charm.dir is not set: run through `mvn verify`");
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> charms = Files.newDirectoryStream(Path.of(dir).getParent(), "keycloak-oidc_*.charm")) {
            charms.forEach(found::add);
        }
        assertEquals(1, found.size(), "expected one keycloak-oidc_*.charm beside " + dir + ", found " + found);
        return found.get(0);
    }

    /**
     * What Juju gives a hook, less the hook-tool folder: no JAVA_HOME, and a PATH with the basic
     * tools but no java. Debian puts java in /usr/bin beside them, so PATH is a folder of links
     * to the few tools dispatch uses rather than /usr/bin itself.
     */
    private Map<String, String> hookEnvironment() throws IOException {
        Path bin = work.resolve("path-bin");
        if (!Files.isDirectory(bin)) {
            Files.createDirectory(bin);
            for (String tool : List.of("sh", "dirname", "cat", "sed", "ls", "env")) {
                Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
                Files.createSymbolicLink(bin.resolve(tool), real);
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin.toString());
        env.put("JUJU_DISPATCH_PATH", "hooks/install");
        env.put("JUJU_UNIT_NAME", "keycloak-oidc/0");
        env.put("JUJU_CHARM_DIR", charm.toString());
        env.put("LANG", "C");
        return env;
    }

    /** Runs argv in dir; env replaces the whole environment when given. */
    private static Result run(List<String> argv, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        if (env != null) {
            builder.environment().clear();
            builder.environment().putAll(env);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        var out = readAsync(process.getInputStream());
        var err = readAsync(process.getErrorStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(argv + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void assertExecutable(String relative) {
        Path file = charm.resolve(relative);
        assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS), relative + " must be a regular file");
        assertTrue(Files.isExecutable(file), relative + " lost its executable bit in the .charm");
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static String testClasses() throws Exception {
        return Path.of(RuntimeProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static HttpsServer httpsServer(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
