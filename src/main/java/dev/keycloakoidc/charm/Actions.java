package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;

/** The operator's actions; their bodies arrive with issue 4. */
final class Actions {

    private Actions() {}

    static void run(Juju juju, String name) {
        juju.tools().actionFail(name + " is not available in this version of the charm");
    }
}
