package dev.keycloakoidc.juju;

import java.io.IOException;
import java.util.List;

/** Placeholder until the hook-tool layer lands. */
public final class SystemProcessRunner implements ProcessRunner {
    @Override
    public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
        throw new IOException("not yet");
    }
}
