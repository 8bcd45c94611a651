package dev.keycloakoidc.juju;

import java.io.IOException;
import java.util.List;

/**
 * The one seam between the charm and the operating system: runs a hook tool. {@link HookTools} is
 * its only caller; tests replace it with a fake that serves an in-memory model.
 */
public interface ProcessRunner {

    /**
     * Runs {@code argv} to completion with {@code stdin} as its standard input.
     *
     * @throws IOException when the program cannot be started at all (not on PATH, not executable)
     */
    ProcessResult run(List<String> argv, byte[] stdin) throws IOException;
}
