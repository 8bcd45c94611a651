package dev.keycloakoidc.juju;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed view of the model that charm code uses, over {@link HookTools}. Reads that every hook
 * repeats (config, leadership) are made once per process; app-data writes are refused here for a
 * non-leader before Juju would refuse them, and are skipped when nothing differs.
 */
public final class Juju {

    private final HookTools tools;
    private final JujuContext context;
    private Map<String, Object> config;
    private Boolean leader;

    public Juju(HookTools tools, JujuContext context) {
        this.tools = tools;
        this.context = context;
    }

    public JujuContext context() {
        return context;
    }

    public Map<String, Object> config() {
        if (config == null) {
            config = tools.configGet();
        }
        return config;
    }

    /** Asked once per hook: {@code dispatch} may already have asked (Juju keeps the answer true for 30 s at least). */
    public boolean isLeader() {
        if (leader == null) {
            leader = context.leaderAtStart().orElseGet(tools::isLeader);
        }
        return leader;
    }

    /**
     * The relations of {@code endpoint} that still stand. Juju 3.x leaves the broken relation out
     * of {@code relation-ids} in its own {@code -broken} hook (the hook context's RelationIds skips
     * it); it is filtered here as well, so that a Juju that listed it (as some older releases did)
     * never has its departed consumer served.
     */
    public List<Relation> relations(String endpoint) {
        Optional<String> broken = context.hookName().filter(h -> h.endsWith("-relation-broken"))
                .flatMap(h -> context.relationId());
        List<Relation> result = new ArrayList<>();
        for (String id : tools.relationIds(endpoint)) {
            if (broken.isPresent() && broken.get().equals(id)) {
                continue;
            }
            String remoteApp = context.relationId().filter(id::equals).flatMap(r -> context.remoteApp())
                    .orElseGet(() -> tools.relationRemoteApp(id));
            Map<String, String> remote = remoteApp.isEmpty() ? Map.of() : tools.relationGet(id, remoteApp, true);
            Map<String, String> local = isLeader() ? tools.relationGet(id, context.appName(), true) : Map.of();
            result.add(new Relation(id, endpoint, remoteApp, remote, local));
        }
        return result;
    }

    /**
     * Makes this application's bag of {@code relation} equal {@code desired}: keys that differ are
     * set, keys no longer wanted are deleted, and nothing is written when nothing differs.
     *
     * @return whether anything was written
     * @throws IllegalStateException when this unit is not the leader (a bug in the caller)
     */
    public boolean publish(Relation relation, Map<String, String> desired) {
        if (!isLeader()) {
            throw new IllegalStateException("only the leader writes application relation data");
        }
        Map<String, String> changes = new HashMap<>();
        desired.forEach((key, value) -> {
            if (!Objects.equals(relation.localAppData().get(key), value)) {
                changes.put(key, value);
            }
        });
        relation.localAppData().keySet().stream().filter(k -> !desired.containsKey(k))
                .forEach(k -> changes.put(k, ""));
        if (changes.isEmpty()) {
            return false;
        }
        tools.relationSet(relation.id(), changes, true);
        return true;
    }

    /**
     * Each remote unit's own bag on {@code relation}, by unit name in unit-number order (so that a
     * reading of them is the same in every hook); a unit that wrote nothing has an empty bag. Any
     * unit may read them.
     */
    public Map<String, Map<String, String>> remoteUnitBags(Relation relation) {
        List<String> units = new ArrayList<>(tools.relationUnits(relation.id()));
        units.sort(Juju::byUnitNumber);
        Map<String, Map<String, String>> bags = new LinkedHashMap<>();
        for (String unit : units) {
            bags.put(unit, tools.relationGet(relation.id(), unit, false));
        }
        return bags;
    }

    /**
     * Makes this unit's own bag of {@code relation} equal {@code desired}, as {@link #publish} does
     * for the application's bag: read first, then only what differs is written (an empty string
     * deletes a key). Any unit may write its own bag.
     *
     * @return whether anything was written
     */
    public boolean publishUnit(Relation relation, Map<String, String> desired) {
        Map<String, String> current = tools.relationGet(relation.id(), context.unitName(), false);
        Map<String, String> changes = new HashMap<>();
        desired.forEach((key, value) -> {
            if (!Objects.equals(current.get(key), value)) {
                changes.put(key, value);
            }
        });
        current.keySet().stream().filter(k -> !desired.containsKey(k)).forEach(k -> changes.put(k, ""));
        if (changes.isEmpty()) {
            return false;
        }
        tools.relationSet(relation.id(), changes, false);
        return true;
    }

    /** {@code app/10} after {@code app/9}: by the number after the slash, then by name. */
    private static int byUnitNumber(String a, String b) {
        int byNumber = Long.compare(unitNumber(a), unitNumber(b));
        return byNumber != 0 ? byNumber : a.compareTo(b);
    }

    private static long unitNumber(String unit) {
        try {
            return Long.parseLong(unit.substring(unit.lastIndexOf('/') + 1));
        } catch (NumberFormatException notNumbered) {
            return Long.MAX_VALUE;
        }
    }

    public void log(LogLevel level, String message) {
        tools.jujuLog(level, message);
    }

    /** This unit's status. */
    public void setUnitStatus(WorkloadStatus status) {
        tools.statusSet(status.name(), status.message(), false);
    }

    /**
     * The application's status.
     *
     * @throws IllegalStateException when this unit is not the leader (a bug in the caller)
     */
    public void setAppStatus(WorkloadStatus status) {
        if (!isLeader()) {
            throw new IllegalStateException("only the leader sets the application status");
        }
        tools.statusSet(status.name(), status.message(), true);
    }

    /** The workload version {@code juju status} shows. */
    public void setApplicationVersion(String version) {
        tools.applicationVersionSet(version);
    }

    /** One value of this unit's key-value store, which outlives the hook only if the hook exits 0. */
    public Optional<String> unitState(String key) {
        return Optional.ofNullable(tools.stateGet().get(key));
    }

    public void setUnitState(String key, String value) {
        tools.stateSet(Map.of(key, value));
    }

    /** The running action's parameters, declared defaults filled in. */
    public Map<String, Object> actionParams() {
        return tools.actionGet();
    }

    /**
     * The running action's results. A value here is in argv for this one call (Juju takes results
     * no other way): only what is meant for the operator who ran the action.
     */
    public void setActionResults(Map<String, String> results) {
        tools.actionSet(results);
    }

    /** Marks the running action failed, with a message saying what to change. */
    public void failAction(String message) {
        tools.actionFail(message);
    }

    /**
     * A secret by any of Juju's spellings of it ({@link SecretUri}); its {@link Secret#id()} is the
     * full form in this model. No tool runs until one of its operations is called.
     */
    public Secret secret(String id) {
        return new Secret(tools, SecretUri.parse(id).inModel(context.modelUuid()));
    }

    /** The secret this application owns under {@code label}, or empty when it owns none by that label. */
    public Optional<SecretInfo> ownedSecret(String label) {
        return tools.secretInfoByLabel(label);
    }

    /** The ids of the secrets this application owns. */
    public List<String> ownedSecretIds() {
        return tools.secretIds();
    }

    /** A new application-owned secret with this content; it exists once the hook commits. */
    public Secret addSecret(Map<String, String> content, SecretMetadata metadata) {
        return secret(tools.secretAdd(content, metadata));
    }
}
