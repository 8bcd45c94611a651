package dev.keycloakoidc.juju;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The real runner against real small programs: stdin in, both streams out, exit code, no deadlock. */
final class SystemProcessRunnerTest {

    private final SystemProcessRunner runner = new SystemProcessRunner();

    @Test
    void passesStdinAndReturnsStdoutStderrAndExitCode() throws IOException {
        ProcessResult result = runner.run(List.of("/bin/sh", "-c", "cat; echo err >&2; exit 3"),
                "héllo\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(new ProcessResult(3, "héllo\n", "err\n"), result);
    }

    @Test
    void argvIsNotExpandedByAShell() throws IOException {
        ProcessResult result = runner.run(List.of("/bin/echo", "$HOME", "*", "a b"), new byte[0]);

        assertEquals("$HOME * a b\n", result.stdout());
    }

    /** Pins the concurrent reading: 2 MB on each stream would block a child that waits on full pipes. */
    @Test
    @Timeout(30)
    void largeOutputOnBothStreamsWithLargeStdinDoesNotDeadlock() throws IOException {
        byte[] stdin = "x".repeat(2 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        ProcessResult result = runner.run(List.of("/bin/sh", "-c",
                "head -c 2097152 /dev/zero | tr '\\0' e >&2; cat"), stdin);

        assertEquals(0, result.exitCode());
        assertEquals(2 * 1024 * 1024, result.stdout().length());
        assertEquals(2 * 1024 * 1024, result.stderr().length());
    }

    @Test
    @Timeout(30)
    void aProgramThatIgnoresItsStdinStillFinishes() throws IOException {
        byte[] stdin = new byte[4 * 1024 * 1024];
        ProcessResult result = runner.run(List.of("/bin/sh", "-c", "exec 0<&-; echo done"), stdin);

        assertEquals(new ProcessResult(0, "done\n", ""), result);
    }

    @Test
    void inheritsTheEnvironment() throws IOException {
        ProcessResult result = runner.run(List.of("/bin/sh", "-c", "printf %s \"$PATH\""), new byte[0]);

        assertEquals(System.getenv("PATH"), result.stdout());
    }

    @Test
    void aProgramThatCannotStartIsAnIOException() {
        assertThrows(IOException.class,
                () -> runner.run(List.of("/nonexistent/juju-hook-tool"), new byte[0]));
    }
}
