package dev.keycloakoidc.juju;

import java.util.List;

/** The relation id is unknown to Juju (`relation not found`): it is gone or never existed. */
public final class RelationNotFoundException extends HookToolException {

    private static final long serialVersionUID = 1L;

    public RelationNotFoundException(List<String> command, int exitCode, String stderr) {
        super(command, exitCode, stderr);
    }
}
