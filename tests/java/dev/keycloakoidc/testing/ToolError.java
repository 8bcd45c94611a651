package dev.keycloakoidc.testing;

/**
 * A hook tool's refusal, printed as Juju prints it: {@code ERROR <message>} on stderr. Juju's
 * command runner exits 2 when flags or arguments are bad (the command's {@code Init}) and 1 when
 * the command fails while running, so a charm can tell a bug in its argv from a model condition.
 */
final class ToolError extends Exception {

    private static final long serialVersionUID = 1L;

    final int exitCode;

    private ToolError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Bad flags or arguments: exit 2. */
    static ToolError usage(String message) {
        return new ToolError(2, message);
    }

    /** A failure while running (permission, not found): exit 1. */
    static ToolError runtime(String message) {
        return new ToolError(1, message);
    }

    ToolResult toResult() {
        return new ToolResult(exitCode, "", "ERROR " + getMessage() + "\n");
    }
}
