package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.LogLevel;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what one hook does (an action runs in the package {@code dev.keycloakoidc.actions} instead): every
 * hook runs the same reconcile, except on a unit that is going away, which must not delete what
 * its peers serve.
 * Two secret hooks first do the one thing Juju asks of the owner: {@code secret-remove} drops the
 * revision it names, {@code secret-rotate} rotates the client it names ({@link ScheduledRotation}).
 * Statuses are collected during the run and set once at the end.
 */
public final class Charm {

    /** Unit state key set when this unit learns it is departing: from then on it only winds down. */
    static final String DYING = "dying";

    private static final Set<String> TEARDOWN = Set.of("stop", "remove");

    private final Juju juju;

    public Charm(Juju juju) {
        this.juju = juju;
    }

    public void run() {
        JujuContext context = juju.context();
        String hook = context.hookName().orElse("");
        if (departing(context)) {
            juju.setUnitState(DYING, "true");
        }
        if (TEARDOWN.contains(hook) || (hook.endsWith("-relation-broken") && isDying())) {
            juju.log(LogLevel.INFO, hook + ": this unit is going away; Keycloak is left to the remaining leader");
            return;
        }
        if (!juju.isLeader()) {
            // A unit's own certificate_transfer bag is the one thing a non-leader writes.
            CaTransferEndpoints.applyAsUnit(juju);
            juju.setUnitStatus(new Status.Active("standby: the leader manages Keycloak"));
            return;
        }
        if (hook.equals("secret-remove")) {
            removeUnusedRevision(context);
        }
        Optional<Reconciler.Before> before = hook.equals("secret-rotate")
                ? Optional.of(new ScheduledRotation(juju)) : Optional.empty();
        List<Status> collected = new Reconciler(juju).reconcile(before);
        Status status = Status.reduce(collected, new Status.Active("ready"));
        juju.setUnitStatus(status);
        juju.setAppStatus(status);
    }

    /**
     * Juju says no consumer tracks this revision of a client secret any more (after a rotation):
     * its value must not linger.
     */
    private void removeUnusedRevision(JujuContext context) {
        if (context.secretId().isPresent() && context.secretRevision().isPresent()) {
            juju.secret(context.secretId().get()).removeRevision(context.secretRevision().get());
            juju.log(LogLevel.INFO, "removed unused revision " + context.secretRevision().get() + " of "
                    + context.secretId().get());
        }
    }

    /** In {@code relation-departed}, Juju names this very unit when it is the one leaving. */
    private static boolean departing(JujuContext context) {
        return context.departingUnit().filter(context.unitName()::equals).isPresent();
    }

    private boolean isDying() {
        return juju.unitState(DYING).filter("true"::equals).isPresent();
    }
}
