package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.HookToolException;
import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.SystemProcessRunner;

/**
 * Entry point: {@code dispatch} execs this for every hook and action. Exits 0 when the hook did
 * what it could (expected problems are statuses); non-zero only for a failing hook tool or a bug,
 * so that Juju discards the hook's changes and runs it again.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        JujuContext context;
        try {
            context = JujuContext.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("keycloak-oidc: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new Charm(new Juju(new HookTools(new SystemProcessRunner()), context)).run();
        } catch (HookToolException e) {
            System.err.println("keycloak-oidc: " + context.dispatchPath() + " failed: hook tool " + e.getMessage()
                    + "; Juju will retry the hook");
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("keycloak-oidc: " + context.dispatchPath() + " failed on an unexpected error ("
                    + e + "); this is a bug, please report it with the trace below. Juju will retry the hook.");
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
