package dev.keycloakoidc.testing;

import java.time.Duration;
import java.util.Optional;

/**
 * How one hook or action ended: exit code (0 committed the hook's changes), its output and how
 * long it took; for an action, the run with its results.
 */
public record HookRun(HookEvent event, String contextId, int exitCode, String stdout, String stderr, Duration duration,
                      Optional<ActionRun> action) {

    public boolean committed() {
        return exitCode == 0;
    }
}
