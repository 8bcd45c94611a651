package dev.keycloakoidc.juju;

import java.util.List;
import java.util.Locale;

/**
 * Turns a failed hook tool's stderr into the exception a caller can act on, the way {@code ops}
 * does: Juju's tools report every failure as {@code ERROR <message>} with exit 1 or 2, so the
 * message text is the only thing that tells "the relation is gone" from "you are not the leader".
 */
final class HookToolErrors {

    private HookToolErrors() {}

    /** The exception for a tool that ran and exited non-zero. */
    static HookToolException of(List<String> command, int exitCode, String stderr) {
        String text = stderr.toLowerCase(Locale.ROOT);
        if (text.contains("relation not found")) {
            return new RelationNotFoundException(command, exitCode, stderr);
        }
        // Only the secret tools: `not found` from relation-get means something else (a unit).
        if (command.get(0).startsWith("secret-") && text.contains("not found")) {
            return new SecretNotFoundException(command, exitCode, stderr);
        }
        // Juju's ErrIsNotLeader reads "this unit is not the leader": a non-leader's write of an
        // application-owned secret or of the application's status.
        if (text.contains("permission denied") || text.contains("cannot write relation settings")
                || text.contains("this unit is not the leader")) {
            return new PermissionDeniedException(command, exitCode, stderr);
        }
        return new HookToolException(command, exitCode, stderr);
    }

    /** The exception for a tool that could not be started at all (not on PATH, not executable). */
    static HookToolException notStarted(List<String> command, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        HookToolException e = new HookToolException(command, -1, "could not start: " + reason);
        e.initCause(cause);
        return e;
    }
}
