package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.SecretNotFoundException;
import dev.keycloakoidc.juju.SecretRead;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import java.util.Optional;

/**
 * {@code secret-rotate}: a client secret's rotation policy (the {@code secret-rotation} option) is
 * due. The leader rotates that client in Keycloak as {@code rotate-secret} does and publishes a
 * new revision; Juju runs the hook again, a few minutes later, until one exists. It runs before
 * the hook's usual reconcile, which then finds Juju and Keycloak in step.
 *
 * <p>A kill mid-hook leaves Keycloak rotated and Juju not (Juju drops the hook's new revision).
 * The next run publishes Keycloak's secret instead of rotating again: the client is rotated once,
 * and where Keycloak keeps the previous secret for a grace period, the secret the consumers still
 * hold is that previous one, which a second regenerate would drop.
 */
final class ScheduledRotation {

    private ScheduledRotation() {}

    static void run(Juju juju) {
        JujuContext context = juju.context();
        Optional<String> secretId = context.secretId();
        Optional<String> clientId = secretId.flatMap(id -> clientIdOf(juju, id));
        if (clientId.isEmpty()) {
            juju.log(LogLevel.WARNING, "secret-rotate for " + secretId.orElse("no secret")
                    + ", which is no client secret of this charm: nothing to rotate");
            return;
        }
        Prerequisites prerequisites = Prerequisites.check(juju);
        if (prerequisites instanceof Prerequisites.Unmet unmet) {
            juju.log(LogLevel.WARNING, "client " + clientId.get() + " not rotated yet (" + unmet.firstProblem()
                    + "); Juju runs secret-rotate again");
            return;
        }
        Prerequisites.Met met = (Prerequisites.Met) prerequisites;
        Optional<Consumer> consumer = Consumers.gather(juju).consumers().stream()
                .filter(c -> c.appName().equals(clientId.get())).findFirst();
        if (consumer.isEmpty()) {
            juju.secret(secretId.get()).removeAll();
            juju.log(LogLevel.INFO, "removed the secret of client " + clientId.get() + ": no consumer asks for it any more");
            return;
        }
        if (SecretRotationScope.policyFor(consumer.get(), met.config().secretRotation()) == RotatePolicy.NEVER) {
            // Juju ran a rotation set up before the option or the consumer's endpoints changed;
            // the reconcile clears the policy.
            juju.log(LogLevel.INFO, "client " + clientId.get() + " is not rotated on a schedule (secret-rotation="
                    + met.config().secretRotation().jujuName() + ", its consumer's endpoints)");
            return;
        }
        try {
            rotate(juju, met, clientId.get(), secretId.get());
        } catch (RuntimeException failure) {
            Status status = Failures.status(failure).orElseThrow(() -> failure);
            juju.log(LogLevel.WARNING, "client " + clientId.get() + " not rotated yet (" + status.message()
                    + "); Juju runs secret-rotate again");
        }
    }

    private static void rotate(Juju juju, Prerequisites.Met met, String clientId, String secretId) {
        String realm = met.config().realm();
        try (KeycloakAdmin admin = KeycloakAdmin.connect(met.connection())) {
            Optional<KeycloakClient> client = admin.clients().find(realm, clientId).filter(new Ownership(juju.context())::owns);
            if (client.isEmpty() || client.get().secret().isEmpty()) {
                // The reconcile makes or repairs it, which gives it a new secret and Juju a new revision.
                juju.log(LogLevel.INFO, "client " + clientId + " is not in realm " + realm
                        + " as this charm made it; the reconcile sets it up with a new secret");
                return;
            }
            String current = client.get().secret().get();
            if (!current.equals(juju.secret(secretId).content(SecretRead.PEEK).get(ClientSecrets.CONTENT_KEY))) {
                int revision = new ClientSecrets(juju).update(clientId, realm, current);
                juju.log(LogLevel.INFO, "published Keycloak's secret of client " + clientId + " (revision " + revision
                        + "): Juju's copy was older, from a rotation cut short");
                return;
            }
            ClientRotation.start(juju, admin, realm).rotate(client.get());
        }
    }

    /** The clientId the hook's secret belongs to, by its label (Juju passes the owner's label). */
    private static Optional<String> clientIdOf(Juju juju, String secretId) {
        Optional<String> label = juju.context().secretLabel();
        if (label.isEmpty()) {
            try {
                label = juju.secret(secretId).info().label();
            } catch (SecretNotFoundException e) {
                return Optional.empty();
            }
        }
        return label.flatMap(ClientSecrets::clientIdOf);
    }
}
