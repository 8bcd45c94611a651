package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import java.util.Map;

/**
 * Runs the operator's actions. A bad parameter or an expected Keycloak failure fails the action
 * with a message saying what to change; the process still exits 0, as nothing is broken.
 */
final class Actions {

    private Actions() {}

    static void run(Juju juju, String name) {
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
        } catch (ActionFailure e) {
            fail(juju, name, e.getMessage());
        } catch (RuntimeException e) {
            Status status = Failures.status(e).orElseThrow(() -> e);
            fail(juju, name, status.message());
        }
    }

    private static void fail(Juju juju, String name, String message) {
        juju.log(LogLevel.WARNING, name + " failed: " + message);
        juju.failAction(message);
    }

    /** A string parameter, trimmed; empty when absent. */
    static String string(Map<String, Object> params, String key) {
        Object value = params.get(key);
        return value == null ? "" : value.toString().strip();
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
