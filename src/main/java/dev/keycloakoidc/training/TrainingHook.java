package dev.keycloakoidc.training;

import dev.keycloakoidc.training.Scenario.AdminLogin;
import java.util.HashMap;
import java.util.Map;

/**
 * One hook or action of the training: which unit runs it, how it signs in to Keycloak, and the
 * environment Juju would give it.
 *
 * @param dispatchPath  {@code hooks/<name>} or {@code actions/<name>}
 * @param extraEnv      what Juju adds for a relation hook or an action
 */
public record TrainingHook(String dispatchPath, String unit, AdminLogin login, Map<String, String> extraEnv) {

    static TrainingHook hook(String unit, String name, AdminLogin login) {
        return new TrainingHook("hooks/" + name, unit, login, Map.of());
    }

    /** The consumer's {@code relation-changed} on its endpoint. */
    static TrainingHook relationChanged(String unit, CannedJuju.Consumer consumer, AdminLogin login) {
        return new TrainingHook("hooks/" + consumer.endpoint() + "-relation-changed", unit, login, Map.of(
                "JUJU_RELATION", consumer.endpoint(),
                "JUJU_RELATION_ID", consumer.relationId(),
                "JUJU_REMOTE_APP", consumer.app(),
                "JUJU_REMOTE_UNIT", consumer.unit()));
    }

    static TrainingHook action(String unit, String name, AdminLogin login) {
        return new TrainingHook("actions/" + name, unit, login, Map.of("JUJU_ACTION_NAME", name));
    }

    public boolean leader() {
        return unit.equals(CannedJuju.LEADER_UNIT);
    }

    /** The environment {@code Main.run} reads, as Juju sets it and {@code dispatch} adds to it. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>(extraEnv);
        if (dispatchPath.startsWith("hooks/")) {
            // dispatch asks is-leader before every hook to choose the AOT cache, and passes the answer on
            env.put("CHARM_IS_LEADER", Boolean.toString(leader()));
        }
        env.put("JUJU_DISPATCH_PATH", dispatchPath);
        env.put("JUJU_UNIT_NAME", unit);
        env.put("JUJU_MODEL_NAME", CannedJuju.MODEL_NAME);
        env.put("JUJU_MODEL_UUID", CannedJuju.MODEL_UUID);
        return env;
    }
}
