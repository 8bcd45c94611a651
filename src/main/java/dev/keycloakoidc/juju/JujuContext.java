package dev.keycloakoidc.juju;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What Juju told this process through its environment, and what {@code dispatch} learnt from Juju
 * for it. Built once in {@code Main}; nothing else reads the environment.
 *
 * @param dispatchPath   {@code hooks/<hook>} or {@code actions/<action>}
 * @param relationId     {@code endpoint:N} in relation hooks
 * @param remoteUnit     empty in {@code -created} and {@code -broken}
 * @param departingUnit  only in {@code -departed}
 * @param leaderAtStart  what {@code is-leader} said when {@code dispatch} asked it for this very
 *                       hook ({@code CHARM_IS_LEADER}); empty when it did not ask
 */
public record JujuContext(
        String dispatchPath,
        String unitName,
        String modelName,
        String modelUuid,
        Path charmDir,
        Optional<String> relationEndpoint,
        Optional<String> relationId,
        Optional<String> remoteApp,
        Optional<String> remoteUnit,
        Optional<String> departingUnit,
        Optional<String> actionName,
        Optional<String> secretId,
        Optional<String> secretLabel,
        Optional<Integer> secretRevision,
        Optional<Boolean> leaderAtStart) {

    /**
     * Reads the variables Juju sets for every hook and action.
     *
     * @throws IllegalArgumentException naming the variable when {@code JUJU_DISPATCH_PATH} or
     *     {@code JUJU_UNIT_NAME} is missing: the process was not started by Juju
     */
    public static JujuContext fromEnv(Map<String, String> env) {
        String dispatch = required(env, "JUJU_DISPATCH_PATH");
        String unit = required(env, "JUJU_UNIT_NAME");
        String charmDir = optional(env, "JUJU_CHARM_DIR").or(() -> optional(env, "CHARM_DIR")).orElse(".");
        return new JujuContext(
                dispatch,
                unit,
                optional(env, "JUJU_MODEL_NAME").orElse(""),
                optional(env, "JUJU_MODEL_UUID").orElse(""),
                Path.of(charmDir),
                optional(env, "JUJU_RELATION"),
                optional(env, "JUJU_RELATION_ID"),
                optional(env, "JUJU_REMOTE_APP"),
                optional(env, "JUJU_REMOTE_UNIT"),
                optional(env, "JUJU_DEPARTING_UNIT"),
                optional(env, "JUJU_ACTION_NAME").or(() -> dispatch.startsWith("actions/")
                        ? Optional.of(dispatch.substring("actions/".length())) : Optional.empty()),
                optional(env, "JUJU_SECRET_ID"),
                optional(env, "JUJU_SECRET_LABEL"),
                optional(env, "JUJU_SECRET_REVISION").map(Integer::valueOf),
                optional(env, "CHARM_IS_LEADER").filter(v -> v.equals("true") || v.equals("false")).map(Boolean::valueOf));
    }

    /** The hook's name ({@code config-changed}), empty for an action. */
    public Optional<String> hookName() {
        return dispatchPath.startsWith("hooks/")
                ? Optional.of(dispatchPath.substring("hooks/".length())) : Optional.empty();
    }

    public boolean isAction() {
        return dispatchPath.startsWith("actions/");
    }

    /** The application part of {@code app/0}. */
    public String appName() {
        int slash = unitName.indexOf('/');
        return slash < 0 ? unitName : unitName.substring(0, slash);
    }

    private static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalArgumentException(
                name + " is not set: run this through the charm's dispatch, as Juju does"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
