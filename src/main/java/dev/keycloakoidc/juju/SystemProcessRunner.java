package dev.keycloakoidc.juju;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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

    public SystemProcessRunner() {}

    @Override
    public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
        Process process = new ProcessBuilder(argv).start();
        FutureTask<byte[]> stdout = drain(process.getInputStream(), argv.get(0) + " stdout");
        FutureTask<byte[]> stderr = drain(process.getErrorStream(), argv.get(0) + " stderr");
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

    private static FutureTask<byte[]> drain(InputStream stream, String name) {
        FutureTask<byte[]> task = new FutureTask<>(() -> {
            try (stream) {
                return stream.readAllBytes();
            }
        });
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    private static String text(FutureTask<byte[]> drained) throws InterruptedException, IOException {
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
