package dev.keycloakoidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keycloakoidc.testing.DispatchDriver;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.PackedRuntime;
import dev.keycloakoidc.testing.StatusEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code charmcraft pack} builds the charm {@code mvn package} builds. The part's
 * {@code override-build}, read from {@code charmcraft.yaml}, runs once (for the whole class) the
 * way craft-parts runs it (read at craft-parts 2.9.1 and 2.35.0, the versions charmcraft 3.5.3 and
 * 4.4.0 lock):
 * <ul>
 *   <li>in the part's build folder, a copy of the project without the top-level
 *       {@code charmcraft.yaml} and {@code *.charm} (charmcraft's {@code source_ignore_patterns},
 *       {@code charmcraft/application/main.py}; craft-parts {@code sources/local_source.py} applies
 *       them to the top folder only);</li>
 *   <li>as a bash script of {@code #!/bin/bash}, {@code set -euo pipefail}, {@code source} of the
 *       step environment ({@code export CRAFT_...="..."}), {@code set -x}, then the scriptlet
 *       ({@code executor/step_handler.py} {@code _create_and_run_script},
 *       {@code executor/environment.py}).</li>
 * </ul>
 * What it installs, with the three YAML files charmcraft adds, is then the charm: it has the
 * Maven charm's layout, its hooks run with no Java on PATH and start from the AOT caches, and
 * charmcraft's entrypoint linter finds the executable it reads from {@code dispatch}.
 *
 * <p>Leaves out of the copy {@code target/} (the override-build deletes it first; a few hundred MB
 * of Keycloak) and {@code .git} (nothing in the build reads it). The build is a real
 * {@code mvn -B package -DskipTests} in the copy, with this machine's {@code ~/.m2}: a minute or
 * two.
 */
class CraftPartsIT {

    private static final String PART = "keycloak-oidc";
    private static final List<String> CHARMCRAFT_WRITES = List.of("metadata.yaml", "config.yaml", "actions.yaml", "manifest.yaml");

    @TempDir
    static Path work;

    private static Path project;
    private static Path build;
    private static Path install;
    /** install plus what charmcraft writes beside it (the YAML files), as the .charm has it. */
    private static Path primed;
    private static BuildResult result;

    private record BuildResult(int exit, String log, long millis) {}

    @BeforeAll
    static void runOverrideBuild() throws Exception {
        project = Path.of(System.getProperty("project.dir", System.getProperty("basedir", "."))).toAbsolutePath().normalize();
        Path parts = work.resolve("parts").resolve(PART);
        Path src = parts.resolve("src");
        build = parts.resolve("build");
        install = Files.createDirectories(parts.resolve("install"));
        copyProject(project, build);
        Files.createDirectories(src);

        Path scripts = Files.createDirectory(work.resolve("scriptlet"));
        Path environment = scripts.resolve("scriptlet_environment.sh");
        Files.writeString(environment, stepEnvironment(src), StandardCharsets.UTF_8);
        Path script = scripts.resolve("scriptlet.sh");
        Files.writeString(script, "#!/bin/bash\nset -euo pipefail\nsource " + environment + "\nset -x\n" + overrideBuild() + "\n",
                StandardCharsets.UTF_8);

        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(build.toFile()).redirectErrorStream(true);
        // What charmcraft's build environment has: PATH and HOME (Maven's ~/.m2); none of the
        // JDK choices a developer may have set.
        pb.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME") && !name.equals("USER")
                && !name.equals("LANG"));
        Path log = work.resolve("override-build.log");
        pb.redirectOutput(log.toFile());
        long started = System.nanoTime();
        Process process = pb.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("override-build did not finish in 20 minutes:\n" + tail(Files.readString(log)));
        }
        result = new BuildResult(process.exitValue(), Files.readString(log), (System.nanoTime() - started) / 1_000_000);
        System.out.println("CraftPartsIT: override-build took " + result.millis() + " ms, exit " + result.exit());

        primed = Files.createDirectory(work.resolve("prime"));
        if (result.exit() == 0) {
            copyTree(install, primed);
            for (String yaml : List.of("metadata.yaml", "config.yaml", "actions.yaml")) {
                Files.copy(project.resolve(yaml), primed.resolve(yaml));
            }
        }
    }

    @Test
    void overrideBuild_succeedsWithoutCharmcraftYamlInItsCopy() throws IOException {
        assertFalse(Files.exists(build.resolve("charmcraft.yaml")), "the copy must be without charmcraft.yaml, as craft-parts makes it");
        assertEquals(0, result.exit(), () -> "override-build failed:\n" + tail(result.log()));
        // pack-charm read the base from CRAFT_PROJECT_DIR/charmcraft.yaml for its own manifest.
        assertTrue(Files.readString(build.resolve("target/charm/manifest.yaml")).contains("channel: '24.04'"));
    }

    @Test
    void install_hasTheMavenCharmsLayout_withBothAotCaches() throws IOException {
        assertEquals(0, result.exit(), () -> "override-build failed:\n" + tail(result.log()));
        Path mavenCharm = mavenCharm();
        Set<String> expected = new TreeSet<>(names(mavenCharm));
        expected.removeAll(CHARMCRAFT_WRITES);
        assertEquals(expected, names(install), "what the part installs, against the Maven charm less charmcraft's own files");
        assertEquals(Set.of("dispatch", "jre", "lib"), names(install));
        Set<String> lib = names(install.resolve("lib"));
        assertEquals(names(mavenCharm.resolve("lib")), lib);
        assertTrue(lib.containsAll(List.of("keycloak-oidc.jar", "app.aot", "standby.aot")), () -> "lib/ has " + lib);
        assertEquals(Files.readString(mavenCharm.resolve("dispatch")), Files.readString(install.resolve("dispatch")));
        assertTrue(Files.isExecutable(install.resolve("dispatch")));
        assertTrue(Files.isExecutable(install.resolve("jre/bin/java")));
        assertEquals(PackedRuntime.feature(mavenCharm), PackedRuntime.feature(install));
        PackedRuntime.assertAotCaches(install);
    }

    /**
     * charmcraft's entrypoint linter (charmcraft/linters.py, {@code get_entrypoint_from_dispatch}
     * and {@code Entrypoint.run}, 3.5.3 and 4.4.0): the last word (Python's {@code shlex.split})
     * of dispatch's last non-empty line, relative to the charm, must be an executable file.
     */
    @Test
    void entrypointLinter_findsAnExecutableFileInDispatchsLastLine() throws IOException {
        assertEquals(0, result.exit(), () -> "override-build failed:\n" + tail(result.log()));
        Path entrypoint = primed.resolve(Charmcraft.entrypointFromDispatch(Files.readString(primed.resolve("dispatch"))));
        assertTrue(Files.isRegularFile(entrypoint), () -> "the linter's entrypoint " + entrypoint + " is not a file");
        assertTrue(Files.isExecutable(entrypoint), () -> "the linter's entrypoint " + entrypoint + " is not executable");
    }

    @Test
    void primedCharm_runsHooksOnItsOwnRuntime_withNoOtherJava() throws Exception {
        assertEquals(0, result.exit(), () -> "override-build failed:\n" + tail(result.log()));
        Path bin = noJavaBin();
        ProcessBuilder whichJava = new ProcessBuilder("/bin/sh", "-c", "command -v java").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        whichJava.environment().clear();
        whichJava.environment().put("PATH", bin.toString());
        assertNotEquals(0, whichJava.start().waitFor(), "the hooks' PATH must offer no java");
        FakeJuju juju = FakeJuju.forCharm(primed);
        String unit = juju.leader();
        try (DispatchDriver driver = DispatchDriver.start(juju, primed)) {
            // Juju's PATH: the hook tools, then basic tools but no java; no JAVA_HOME.
            String path = driver.toolsDir() + ":" + bin;
            driver.withExtraEnv(Map.of("PATH", path, "JDK_JAVA_OPTIONS", "-XshowSettings:properties"));
            HookRun install = driver.hook(unit, "install");
            assertEquals(0, install.exitCode(), () -> "install failed:\n" + install.stderr());
            assertTrue(install.stderr().contains("java.home = " + primed.resolve("jre").toRealPath()),
                    () -> "not the primed charm's runtime:\n" + install.stderr());

            // -XX:AOTMode=on: the JVM refuses to start when the cache it is given does not load.
            driver.withExtraEnv(Map.of("JDK_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags", "CHARM_JVM_OPTIONS", "-XX:AOTMode=on"));
            HookRun config = driver.hook(unit, "config-changed");
            assertEquals(0, config.exitCode(), () -> "config-changed failed:\n" + config.stderr());
            Matcher cache = Pattern.compile("-XX:AOTCache=(\\S+)").matcher(config.stdout());
            assertTrue(cache.find(), () -> "no -XX:AOTCache among the flags:\n" + config.stdout());
            assertEquals("lib/app.aot", cache.group(1));
            assertEquals(new StatusEntry("blocked", "set keycloak-url (+1 more, see juju debug-log)"), juju.unitStatus(unit));
        }
    }

    // --- craft-parts, as read ------------------------------------------------------------------

    /** The part's override-build from the project's charmcraft.yaml. */
    @SuppressWarnings("unchecked")
    private static String overrideBuild() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(project.resolve("charmcraft.yaml")));
        Map<String, Object> parts = (Map<String, Object>) yaml.get("parts");
        Map<String, Object> part = (Map<String, Object>) parts.get(PART);
        if (part == null) {
            fail("charmcraft.yaml has no part " + PART + ": it has " + parts.keySet());
        }
        return (String) part.get("override-build");
    }

    /** The variables craft-parts exports for a part's build step (executor/environment.py). */
    private static String stepEnvironment(Path src) throws Exception {
        String arch = debianArch();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CRAFT_ARCH_BUILD_ON", arch);
        env.put("CRAFT_ARCH_BUILD_FOR", arch);
        env.put("CRAFT_TARGET_ARCH", arch);
        env.put("CRAFT_PARALLEL_BUILD_COUNT", String.valueOf(Runtime.getRuntime().availableProcessors()));
        env.put("CRAFT_PROJECT_DIR", project.toString());
        env.put("CRAFT_STAGE", work.resolve("stage").toString());
        env.put("CRAFT_PRIME", work.resolve("prime").toString());
        env.put("CRAFT_PROJECT_NAME", PART);
        env.put("CRAFT_PART_NAME", PART);
        env.put("CRAFT_STEP_NAME", "BUILD");
        env.put("CRAFT_PART_SRC", src.toString());
        env.put("CRAFT_PART_SRC_WORK", src.toString());
        env.put("CRAFT_PART_BUILD", build.toString());
        env.put("CRAFT_PART_BUILD_WORK", build.toString());
        env.put("CRAFT_PART_INSTALL", install.toString());
        StringBuilder out = new StringBuilder("# Environment\n");
        env.forEach((key, value) -> out.append("export ").append(key).append("=\"").append(value).append("\"\n"));
        return out.toString();
    }

    private static String debianArch() throws Exception {
        Process dpkg = new ProcessBuilder("dpkg", "--print-architecture").redirectErrorStream(true).start();
        String arch = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, dpkg.waitFor(), arch);
        return arch;
    }

    /** The project as craft-parts copies it: all but charmcraft.yaml and *.charm at the top. */
    private static void copyProject(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> top = Files.list(from)) {
            for (Path entry : top.toList()) {
                String name = entry.getFileName().toString();
                if (name.equals("charmcraft.yaml") || name.endsWith(".charm") || name.equals("target") || name.equals(".git")) {
                    continue;
                }
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    copyTree(entry, to.resolve(name));
                } else {
                    Files.copy(entry, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Copies a tree keeping modes and symlinks, as cp -a (and craft-parts' copytree) do. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // --- helpers -----------------------------------------------------------------------------

    private static Path mavenCharm() {
        String dir = System.getProperty("charm.dir");
        if (dir == null) {
            fail("system property charm.dir is not set: run through `mvn verify`");
        }
        return Path.of(dir);
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return new TreeSet<>(entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** Links to the few tools dispatch uses: Debian puts java in /usr/bin beside them. */
    private static Path noJavaBin() throws IOException {
        Path bin = work.resolve("path-bin");
        if (!Files.isDirectory(bin)) {
            Files.createDirectory(bin);
            for (String tool : List.of("sh", "dirname", "cat", "sed", "ls", "env")) {
                Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
                Files.createSymbolicLink(bin.resolve(tool), real);
            }
        }
        return bin;
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 80), lines.length));
    }
}
