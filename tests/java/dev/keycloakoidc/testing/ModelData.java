package dev.keycloakoidc.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of the model a hook changes transactionally: relation data, secrets (with each unit's
 * tracked revision and labels) and the per-unit state store. A hook works on a copy; exit 0 makes
 * the copy the model, any other exit drops it. That is Juju's "commit on exit 0".
 */
final class ModelData {

    final TreeMap<Integer, RelationData> relations = new TreeMap<>();
    final LinkedHashMap<String, SecretData> secrets = new LinkedHashMap<>();
    final TreeMap<String, Map<String, String>> unitState = new TreeMap<>();

    ModelData copy() {
        ModelData c = new ModelData();
        relations.forEach((k, v) -> c.relations.put(k, v.copy()));
        secrets.forEach((k, v) -> c.secrets.put(k, v.copy()));
        unitState.forEach((k, v) -> c.unitState.put(k, new TreeMap<>(v)));
        return c;
    }

    Map<String, String> state(String unit) {
        return unitState.computeIfAbsent(unit, u -> new TreeMap<>());
    }
}
