package dev.keycloakoidc;

import dev.keycloakoidc.actions.Actions;
import dev.keycloakoidc.charm.Charm;
import dev.keycloakoidc.juju.HookToolException;
import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.PermissionDeniedException;
import dev.keycloakoidc.juju.SystemProcessRunner;
import java.io.PrintStream;
import java.util.Map;

/**
 * Entry point: {@code dispatch} execs this for every hook and action. An action runs its handler
 * ({@link Actions}); every hook runs {@link Charm}. Exits 0 when the hook did what it could
 * (expected problems are statuses, a bad action parameter an {@code action-fail}); non-zero only
 * for a failing hook tool or a bug, so that Juju discards the hook's changes and runs it again.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv(), new HookTools(new SystemProcessRunner()), System.err));
    }

    /**
     * One hook or action; returns the exit code. Tests and the AOT training (which runs at build
     * time) call this with a model's tools of their own.
     */
    public static int run(Map<String, String> env, HookTools tools, PrintStream err) {
        JujuContext context;
        try {
            context = JujuContext.fromEnv(env);
        } catch (IllegalArgumentException e) {
            err.println("keycloak-oidc: " + e.getMessage());
            return 2;
        }
        try {
            Juju juju = new Juju(tools, context);
            if (context.isAction()) {
                Actions.run(juju, context.actionName().orElseThrow());
            } else {
                new Charm(juju).run();
            }
            return 0;
        } catch (PermissionDeniedException e) {
            // Juju refused a write this unit may not make: "this unit is not the leader" (Juju's
            // ErrIsNotLeader) when the lease ran out during the hook, or "cannot write relation
            // settings". Exit 1: Juju drops the hook's changes and runs it again, and the retry
            // follows whoever leads by then.
            err.println("keycloak-oidc: " + context.dispatchPath() + " failed: Juju refused a write as not this unit's"
                    + " to make (leadership moved during the hook?): hook tool " + e.getMessage()
                    + "; Juju drops the hook's changes and will retry the hook");
            return 1;
        } catch (HookToolException e) {
            err.println("keycloak-oidc: " + context.dispatchPath() + " failed: hook tool " + e.getMessage()
                    + "; Juju will retry the hook");
            return 1;
        } catch (RuntimeException e) {
            err.println("keycloak-oidc: " + context.dispatchPath() + " failed on an unexpected error (" + e
                    + "); this is a bug, please report it with the trace below. Juju will retry the hook.");
            e.printStackTrace(err);
            return 1;
        }
    }
}
