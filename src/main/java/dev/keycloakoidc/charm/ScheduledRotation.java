package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.SecretNotFoundException;
import dev.keycloakoidc.juju.SecretRead;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import java.util.List;
import java.util.Optional;

/**
 * {@code secret-rotate}: a client secret's rotation policy (the {@code secret-rotation} option) is
 * due. The leader rotates that client in Keycloak as {@code rotate-secret} does and publishes a
 * new revision; Juju runs the hook again, a few minutes later, until one exists. It runs before
 * the hook's usual reconcile, with the reconcile's Keycloak session (one sign-in per hook), and the
 * reconcile then finds Juju and Keycloak in step.
 *
 * <p>A kill mid-hook leaves Keycloak rotated and Juju not (Juju drops the hook's new revision).
 * The next run publishes Keycloak's secret instead of rotating again: the client is rotated once,
 * and where Keycloak keeps the previous secret for a grace period, the secret the consumers still
 * hold is that previous one, which a second regenerate would drop.
 */
final class ScheduledRotation implements Reconciler.Before {

    private final Juju juju;
    private String clientId;
    private String secretId;
    private String realm;
    private boolean rotated;

    ScheduledRotation(Juju juju) {
        this.juju = juju;
    }

    /** Decides what needs no Keycloak: whether the hook's secret is a client's that is rotated on a schedule. */
    @Override
    public boolean prepare(Prerequisites prerequisites, List<Consumer> consumers) {
        JujuContext context = juju.context();
        Optional<String> hookSecret = context.secretId();
        Optional<String> client = hookSecret.flatMap(id -> clientIdOf(juju, id));
        if (client.isEmpty()) {
            juju.log(LogLevel.WARNING, "secret-rotate for " + hookSecret.orElse("no secret")
                    + ", which is no client secret of this charm: nothing to rotate");
            return false;
        }
        clientId = client.get();
        secretId = hookSecret.get();
        if (prerequisites instanceof Prerequisites.Unmet unmet) {
            notRotatedYet(unmet.firstProblem());
            return false;
        }
        Prerequisites.Met met = (Prerequisites.Met) prerequisites;
        realm = met.config().realm();
        Optional<Consumer> consumer = consumers.stream().filter(c -> c.appName().equals(clientId)).findFirst();
        if (consumer.isEmpty()) {
            juju.secret(secretId).removeAll();
            juju.log(LogLevel.INFO, "removed the secret of client " + clientId + ": no consumer asks for it any more");
            return false;
        }
        if (RotationPolicies.policyFor(consumer.get(), met.config().secretRotation()) == RotatePolicy.NEVER) {
            // Juju ran a rotation set up before the option or the consumer's endpoints changed;
            // the reconcile clears the policy.
            juju.log(LogLevel.INFO, "client " + clientId + " is not rotated on a schedule (secret-rotation="
                    + met.config().secretRotation().jujuName() + ", its consumer's endpoints)");
            return false;
        }
        return true;
    }

    /** Rotates the client with the reconcile's Keycloak session, before the reconcile reads Keycloak. */
    @Override
    public void run(KeycloakAdmin admin) {
        try {
            rotate(admin);
            rotated = true;
        } catch (RuntimeException failure) {
            Status status = Failures.status(failure).orElseThrow(() -> failure);
            notRotatedYet(status.message());
            rotated = true;  // said once
        }
    }

    /** The reconcile could not reach Keycloak, or failed before this ran. */
    @Override
    public void failed(Status status) {
        if (!rotated) {
            notRotatedYet(status.message());
        }
    }

    private void notRotatedYet(String why) {
        juju.log(LogLevel.WARNING, "client " + clientId + " not rotated yet (" + why + "); Juju runs secret-rotate again");
    }

    private void rotate(KeycloakAdmin admin) {
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
