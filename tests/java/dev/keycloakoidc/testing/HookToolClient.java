package dev.keycloakoidc.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The one hook-tool client every tool name links to: {@code tests/hooktools/hooktool.c}, a small C
 * program speaking the {@link HookToolServer} protocol, as Juju's own tools are a small Go binary
 * asking the unit agent. A hook makes from 2 to a few hundred tool calls, so the client's start-up
 * is most of a hook's tool time; a C client starts in about a millisecond.
 *
 * <p>The tests build it themselves with the machine's {@code cc} into
 * {@code target/hooktools/hooktool}, once per JVM, and again only when the source is newer.
 */
final class HookToolClient {

    private static Path built;

    private HookToolClient() {}

    static Path source() {
        return basedir().resolve(Path.of("tests", "hooktools", "hooktool.c"));
    }

    static Path binary() {
        return basedir().resolve(Path.of("target", "hooktools", "hooktool"));
    }

    private static Path basedir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /**
     * The compiled client, built first if missing or older than its source. Synchronized: test
     * classes of one JVM ask at once; other JVMs (forks, the demo) are safe through the rename.
     */
    static synchronized Path build() throws IOException {
        if (built != null) {
            return built;
        }
        Path src = source();
        Path bin = binary();
        if (!Files.isRegularFile(src)) {
            throw new IllegalStateException("hook-tool client source missing: " + src
                    + " (run from the project root, or set -Dbasedir to it)");
        }
        if (!Files.isExecutable(bin) || Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) < 0) {
            compile(src, bin);
        }
        built = bin;
        return bin;
    }

    private static void compile(Path src, Path bin) throws IOException {
        Files.createDirectories(bin.getParent());
        // Linked under a name of its own, then renamed over the old binary: a hook of another JVM
        // still running the old one, or building it too, never sees half a file.
        Path tmp = bin.resolveSibling(bin.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        List<String> cmd = List.of("cc", "-O2", "-Wall", "-Wextra", "-o", tmp.toString(), src.toString());
        Process cc;
        try {
            cc = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot build the hook-tool client " + src + ": no C compiler `cc` on PATH ("
                    + e.getMessage() + "); install one, e.g. Debian's package gcc: apt-get install gcc", e);
        }
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            exit = cc.waitFor();
        } catch (InterruptedException e) {
            cc.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the hook-tool client", e);
        }
        if (exit != 0) {
            Files.deleteIfExists(tmp);
            throw new IllegalStateException("cannot build the hook-tool client: `" + String.join(" ", cmd) + "` exited "
                    + exit + ":\n" + output);
        }
        if (!output.isBlank()) {
            // Warnings do not stop the tests (a newer compiler may add some), but are shown.
            System.err.println("[HookToolClient] cc warned building " + src + ":\n" + output);
        }
        Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
