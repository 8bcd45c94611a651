package dev.keycloakoidc.juju;

import java.util.List;

/**
 * A hook tool exited non-zero (or could not be started: exit code -1). Carries the tool's argv,
 * exit code and stderr so the log says exactly which call failed. Thrown, never a status: a hook
 * whose tools fail exits non-zero and Juju runs it again.
 */
public class HookToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    public HookToolException(List<String> command, int exitCode, String stderr) {
        super(command.get(0) + " exited " + exitCode + ": " + stderr.strip());
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public List<String> command() { return command; }

    public int exitCode() { return exitCode; }

    public String stderr() { return stderr; }
}
