package dev.keycloakoidc.testing;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What Juju is running on one unit: a plain hook, a relation hook, a secret hook or an action.
 * {@link FakeJuju#begin} turns it into a hook context and the environment Juju would set.
 *
 * @param name         hook name ({@code config-changed}, {@code oidc-provider-relation-changed}) or action name
 * @param relationId   {@code endpoint:N} for relation hooks
 * @param remoteUnit   the unit the relation hook is about (also the departing one in {@code -departed})
 * @param secretId     the secret URI for secret hooks
 */
public record HookEvent(Kind kind, String unit, String name, Optional<String> relationId, Optional<String> remoteUnit,
                        Map<String, Object> actionParams, Optional<String> secretId, OptionalInt secretRevision) {

    public enum Kind { HOOK, RELATION, SECRET, ACTION, NONE }

    /** A hook with no relation or secret: {@code install}, {@code config-changed}, {@code leader-elected}... */
    public static HookEvent hook(String unit, String hookName) {
        if (hookName.contains("relation-") || hookName.startsWith("secret-")) {
            throw new IllegalArgumentException(hookName + " needs its relation or secret: use HookEvent.relation / HookEvent.secret");
        }
        return new HookEvent(Kind.HOOK, unit, hookName, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), OptionalInt.empty());
    }

    /**
     * A relation hook. {@code kind} is {@code relation-created|joined|changed|departed|broken} (the
     * endpoint prefix is added from {@code relationId}); {@code remoteUnit} is ignored for created
     * and broken, where Juju leaves {@code JUJU_REMOTE_UNIT} empty.
     */
    public static HookEvent relation(String unit, String kind, String relationId, String remoteUnit) {
        if (!kind.matches("relation-(created|joined|changed|departed|broken)")) {
            throw new IllegalArgumentException("not a relation hook kind: " + kind);
        }
        String endpoint = relationId.substring(0, relationId.indexOf(':'));
        boolean noUnit = kind.equals("relation-created") || kind.equals("relation-broken");
        return new HookEvent(Kind.RELATION, unit, endpoint + "-" + kind, Optional.of(relationId),
                noUnit ? Optional.empty() : Optional.ofNullable(remoteUnit), Map.of(), Optional.empty(), OptionalInt.empty());
    }

    /**
     * A secret hook: {@code secret-changed|secret-rotate|secret-expired|secret-remove}. Juju sets
     * {@code JUJU_SECRET_REVISION} only for expired and remove; pass it there.
     */
    public static HookEvent secret(String unit, String hookName, String secretUri, OptionalInt revision) {
        if (!hookName.matches("secret-(changed|rotate|expired|remove)")) {
            throw new IllegalArgumentException("not a secret hook: " + hookName);
        }
        return new HookEvent(Kind.SECRET, unit, hookName, Optional.empty(), Optional.empty(), Map.of(), Optional.of(secretUri), revision);
    }

    /** An action; {@link FakeJuju#begin} checks {@code params} against {@code actions.yaml}. */
    public static HookEvent action(String unit, String actionName, Map<String, ?> params) {
        return new HookEvent(Kind.ACTION, unit, actionName, Optional.empty(), Optional.empty(), Map.copyOf(params),
                Optional.empty(), OptionalInt.empty());
    }

    /** No hook at all, like {@code juju exec}: tool calls outside any hook. */
    public static HookEvent none(String unit) {
        return new HookEvent(Kind.NONE, unit, "", Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), OptionalInt.empty());
    }

    /** {@code hooks/<name>} or {@code actions/<name>}, Juju's {@code JUJU_DISPATCH_PATH}. */
    public String dispatchPath() {
        return (kind == Kind.ACTION ? "actions/" : "hooks/") + name;
    }
}
