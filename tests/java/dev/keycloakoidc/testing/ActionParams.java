package dev.keycloakoidc.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an action's parameters against its {@code actions.yaml} schema and fills in declared
 * defaults, as Juju does before the action ever reaches the charm ({@code juju run} refuses a bad
 * parameter). A test that passes parameters the real {@code juju run} would refuse fails here.
 */
final class ActionParams {

    private ActionParams() {}

    static Map<String, Object> validate(CharmSpec.ActionSpec spec, Map<String, ?> given) {
        Map<String, Object> schema = spec.schema();
        Map<String, Object> props = CharmSpec.map(schema.get("params"));
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : given.entrySet()) {
            Object propSchema = props.get(e.getKey());
            if (propSchema == null) {
                if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    throw new IllegalArgumentException("action " + spec.name() + ": additional property \""
                            + e.getKey() + "\" is not allowed (declared: " + props.keySet() + ")");
                }
            } else {
                checkType(spec.name() + "." + e.getKey(), CharmSpec.map(propSchema), e.getValue());
            }
            out.put(e.getKey(), e.getValue());
        }
        Object required = schema.get("required");
        if (required instanceof List<?> names) {
            List<String> missing = new ArrayList<>();
            for (Object n : names) {
                if (!given.containsKey(String.valueOf(n))) {
                    missing.add(String.valueOf(n));
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("action " + spec.name() + ": missing required " + missing);
            }
        }
        for (Map.Entry<String, Object> p : props.entrySet()) {
            Object dflt = CharmSpec.map(p.getValue()).get("default");
            if (dflt != null && !out.containsKey(p.getKey())) {
                out.put(p.getKey(), dflt);
            }
        }
        return out;
    }

    private static void checkType(String where, Map<String, Object> schema, Object value) {
        Object type = schema.get("type");
        if (type == null) {
            return;
        }
        boolean ok = switch (String.valueOf(type)) {
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "array" -> value instanceof List;
            case "object" -> value instanceof Map;
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("action " + where + ": expected " + type + ", got "
                    + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
        }
        Object choices = schema.get("enum");
        if (choices instanceof List<?> list && !list.contains(value)) {
            throw new IllegalArgumentException("action " + where + ": " + value + " is not one of " + list);
        }
    }
}
