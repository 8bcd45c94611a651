package dev.keycloakoidc.juju;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The real {@link ProcessRunner}: starts the hook tool as a child process. Used by {@code Main} in
 * every hook; tests of {@link HookTools} use a scripted fake instead.
 *
 * <p>argv goes to {@link ProcessBuilder} as it is (no shell, so nothing in it is ever expanded or
 * split). The child inherits this process's environment and working directory: Juju put the
 * hook-tool folder first on {@code PATH} and the tools find their agent through the
 * {@code JUJU_*} variables. stdout and stderr are read on their own threads while stdin is
 * written, so a tool that prints more than a pipe buffer holds cannot deadlock us.
 */
public final class SystemProcessRunner implements ProcessRunner {

    /**
     * The threads that read the tools' output, kept from call to call: a hook makes up to hundreds
     * of calls, and starting two threads for each cost more than the rest of the call's Java side.
     * Daemons, so they never hold up the end of the hook.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hook-tool-output");
        thread.setDaemon(true);
        return thread;
    });

    public SystemProcessRunner() {}

    @Override
    public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
        Process process = new ProcessBuilder(argv).start();
        Future<byte[]> stdout = drain(process.getInputStream());
        Future<byte[]> stderr = drain(process.getErrorStream());
        try {
            writeStdin(process, stdin);
            int exitCode = process.waitFor();
            return new ProcessResult(exitCode, text(stdout), text(stderr));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + argv.get(0) + " ran");
        }
    }

    private static void writeStdin(Process process, byte[] stdin) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // The tool exited or closed its stdin without reading all of it (a broken pipe). That
            // is its business: its exit code and stderr say whether it worked.
        }
    }

    private static Future<byte[]> drain(InputStream stream) {
        return READERS.submit(() -> {
            try (stream) {
                return stream.readAllBytes();
            }
        });
    }

    private static String text(Future<byte[]> drained) throws InterruptedException, IOException {
        try {
            return new String(drained.get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException("reading a hook tool's output failed", cause));
        }
    }
}
