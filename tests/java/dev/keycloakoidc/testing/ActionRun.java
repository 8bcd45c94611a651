package dev.keycloakoidc.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of an action: validated parameters in, results, failure message and progress log out.
 * Results, failure and log take effect at once (Juju records them whether or not the process
 * exits 0), so a test reads them here after the run.
 */
public final class ActionRun {

    private final String name;
    private final String uuid;
    private final Map<String, Object> params;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> logs = new ArrayList<>();
    private String failure;

    ActionRun(String name, String uuid, Map<String, Object> params) {
        this.name = name;
        this.uuid = uuid;
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public String name() {
        return name;
    }

    public String uuid() {
        return uuid;
    }

    /** The parameters as {@code action-get} shows them: given ones plus declared defaults. */
    public Map<String, Object> params() {
        return params;
    }

    /** Results as nested maps: {@code action-set a.b=c} gives {@code {a={b=c}}}. */
    public synchronized Map<String, Object> results() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** A result by dotted key, e.g. {@code "0.client"}. */
    @SuppressWarnings("unchecked")
    public synchronized Optional<String> result(String dottedKey) {
        Object node = results;
        for (String part : dottedKey.split("\\.")) {
            if (!(node instanceof Map)) {
                return Optional.empty();
            }
            node = ((Map<String, Object>) node).get(part);
        }
        return node instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** The {@code action-fail} message, if the action failed. */
    public synchronized Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public synchronized List<String> logs() {
        return List.copyOf(logs);
    }

    @SuppressWarnings("unchecked")
    synchronized void set(List<String> keys, String value) {
        Map<String, Object> node = results;
        for (String k : keys.subList(0, keys.size() - 1)) {
            Object child = node.get(k);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(k, child);
            }
            node = (Map<String, Object>) child;
        }
        node.put(keys.get(keys.size() - 1), value);
    }

    synchronized void fail(String message) {
        failure = message;
    }

    synchronized void log(String message) {
        logs.add(message);
    }
}
