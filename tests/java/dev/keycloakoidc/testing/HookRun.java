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

    /**
     * The process died of SIGKILL ({@link DispatchDriver#runKilledAfter}) before it could exit by
     * itself: the JDK reports a death by signal n as exit code 128 + n.
     */
    public boolean killedBySignal() {
        return exitCode == 128 + 9;
    }
}
