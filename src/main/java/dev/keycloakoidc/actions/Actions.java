package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.Prerequisites;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import java.util.Map;

/**
 * Runs the operator's actions. A bad parameter or an expected Keycloak failure fails the action
 * with a message saying what to change ({@link ActionFailure#messageOf}); the process still exits
 * 0, as nothing is broken.
 */
public final class Actions {

    private Actions() {}

    public static void run(Juju juju, String name) {
        Map<String, Object> params = juju.actionParams();
        try {
            switch (name) {
                case "create-user" -> CreateUser.run(juju, params);
                case "rotate-secret" -> RotateSecret.run(juju, params);
                case "get-connector" -> GetConnector.run(juju, params);
                case "add-user-to-groups" -> UserGroups.add(juju, params);
                case "remove-user-from-groups" -> UserGroups.remove(juju, params);
                default -> throw new ActionFailure("unknown action " + name);
            }
        } catch (RuntimeException e) {
            String message = ActionFailure.messageOf(e);
            juju.log(LogLevel.WARNING, name + " failed: " + message);
            juju.failAction(message);
        }
    }

    /** Config and credentials, or an action failure naming the first problem. */
    static Prerequisites.Met prerequisites(Juju juju) {
        Prerequisites prerequisites = Prerequisites.check(juju);
        if (prerequisites instanceof Prerequisites.Unmet unmet) {
            throw new ActionFailure(unmet.firstProblem());
        }
        return (Prerequisites.Met) prerequisites;
    }
}
