package dev.keycloakoidc.juju;

import java.util.List;

/** Juju knows no secret by that id or label, or this unit may not see it (`not found`). */
public final class SecretNotFoundException extends HookToolException {

    private static final long serialVersionUID = 1L;

    public SecretNotFoundException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
