package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.WorkloadStatus;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A unit or application status, as the charm collects them during a hook. Blocked: a person must
 * act. Maintenance: work on this unit. Waiting: something outside is not ready. Active: all well.
 */
public sealed interface Status extends WorkloadStatus {

    /** Higher wins when several are collected: blocked > maintenance > waiting > active. */
    int priority();

    /** The same kind of status with another message. */
    Status withMessage(String message);

    record Active(String message) implements Status {
        public Status withMessage(String other) { return new Active(other); }
        public String name() { return "active"; }
        public int priority() { return 0; }
    }

    record Waiting(String message) implements Status {
        public Status withMessage(String other) { return new Waiting(other); }
        public String name() { return "waiting"; }
        public int priority() { return 1; }
    }

    record Maintenance(String message) implements Status {
        public Status withMessage(String other) { return new Maintenance(other); }
        public String name() { return "maintenance"; }
        public int priority() { return 2; }
    }

    record Blocked(String message) implements Status {
        public Status withMessage(String other) { return new Blocked(other); }
        public String name() { return "blocked"; }
        public int priority() { return 3; }
    }

    /**
     * The one status to show: the highest priority, the first collected among equals, with a
     * count of the other problems of that priority so the operator knows there is more.
     */
    static Status reduce(List<Status> collected, Status fallback) {
        if (collected.isEmpty()) {
            return fallback;
        }
        // Plain loops: the first Comparator.comparingInt of a process links a method handle, which
        // cost every leader hook ~8 ms (async-profiler on the benchmark's case B).
        Status first = collected.get(0);
        for (Status status : collected) {
            if (status.priority() > first.priority()) {
                first = status;
            }
        }
        Set<String> messages = new HashSet<>();
        for (Status status : collected) {
            if (status.priority() == first.priority()) {
                messages.add(status.message());
            }
        }
        int others = messages.size() - 1;
        if (others == 0 || first instanceof Active) {
            return first;
        }
        return first.withMessage(first.message() + " (+" + others + " more, see juju debug-log)");
    }
}
