package dev.keycloakoidc.juju;

import java.util.List;

/** Juju refused a write this unit may not make (`permission denied`, `cannot write relation settings`): usually a non-leader writing application-owned data. */
public final class PermissionDeniedException extends HookToolException {

    private static final long serialVersionUID = 1L;

    public PermissionDeniedException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
