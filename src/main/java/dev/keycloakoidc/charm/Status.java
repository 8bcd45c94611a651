package dev.keycloakoidc.charm;

import java.util.Comparator;
import java.util.List;

/**
 * A unit or application status, as the charm collects them during a hook. Blocked: a person must
 * act. Maintenance: work on this unit. Waiting: something outside is not ready. Active: all well.
 */
public sealed interface Status {

    String message();

    /** The word {@code status-set} takes. */
    String name();

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
        Status top = collected.stream().max(Comparator.comparingInt(Status::priority)).orElseThrow();
        Status first = collected.stream().filter(s -> s.priority() == top.priority()).findFirst().orElseThrow();
        long others = collected.stream().filter(s -> s.priority() == top.priority()).map(Status::message)
                .distinct().count() - 1;
        if (others == 0 || first instanceof Active) {
            return first;
        }
        return first.withMessage(first.message() + " (+" + others + " more, see juju debug-log)");
    }
}
