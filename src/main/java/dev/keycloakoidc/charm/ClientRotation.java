package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.SecretRotation;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Rotates managed clients' secrets: Keycloak generates a new secret, which becomes a new revision
 * of the client's Juju secret, so consumers get {@code secret-changed}. The one way both the
 * {@code rotate-secret} action and Juju's {@code secret-rotate} hook rotate. If the hook dies after
 * Keycloak rotated, Juju drops the new revision; the next hook finds Juju's copy stale and
 * publishes Keycloak's secret.
 */
public final class ClientRotation {

    /** Set by Keycloak's {@code secret-rotation} executor: when the previous secret stops working. */
    static final String ROTATED_EXPIRATION = "client.secret.rotated.expiration.time";

    /**
     * One rotated client.
     *
     * @param revision           the Juju secret's revision consumers will see once the hook commits
     * @param previousValidUntil RFC 3339 time until which the old secret works, or {@code now}
     */
    public record Rotated(String clientId, int revision, String previousValidUntil) {}

    private final Juju juju;
    private final KeycloakAdmin admin;
    private final String realm;
    private final ClientSecrets secrets;

    private ClientRotation(Juju juju, KeycloakAdmin admin, String realm) {
        this.juju = juju;
        this.admin = admin;
        this.realm = realm;
        this.secrets = new ClientSecrets(juju);
    }

    /** Ready to rotate clients of {@code realm}, with a grace period for the old secrets where Keycloak offers one. */
    public static ClientRotation start(Juju juju, KeycloakAdmin admin, String realm) {
        keepOldSecretsForAGracePeriod(juju, admin, realm);
        return new ClientRotation(juju, admin, realm);
    }

    public Rotated rotate(KeycloakClient client) {
        String secret = admin.clients().regenerateSecret(realm, client.id());
        int revision = secrets.update(client.clientId(), realm, secret);
        String until = previousValidUntil(client.clientId());
        juju.log(LogLevel.INFO, "rotated the secret of client " + client.clientId() + " (revision " + revision
                + "; the previous secret works until " + until + ")");
        return new Rotated(client.clientId(), revision, until);
    }

    /**
     * Where Keycloak offers secret rotation, a client policy keeps the previous secret valid for a
     * day, so a consumer that has not yet read the new revision (or a stock Dex whose connector
     * the operator has not yet updated) keeps working. Without the feature, or without the
     * {@code manage-realm} role the policy needs, the old secret stops at once and the result says so.
     */
    private static void keepOldSecretsForAGracePeriod(Juju juju, KeycloakAdmin admin, String realm) {
        try {
            admin.clientPolicies().ensureSecretRotation(realm, new Ownership(juju.context()).markers(), SecretRotation.CHARM);
        } catch (KeycloakApiException e) {
            if (e.status() != 403) {
                throw e;
            }
            juju.log(LogLevel.WARNING, "no grace period for the previous secret: the admin credentials lack "
                    + "manage-realm, which the secret-rotation client policy needs");
        }
    }

    /** RFC 3339 time until which the old secret works, or {@code now} without a grace period. */
    private String previousValidUntil(String clientId) {
        Optional<String> epochSeconds = admin.clients().find(realm, clientId)
                .map(c -> c.attributes().get(ROTATED_EXPIRATION))
                .filter(v -> v != null && !v.isBlank());
        return epochSeconds.map(s -> DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(Long.parseLong(s.strip()))))
                .filter(t -> Instant.parse(t).isAfter(Instant.now()))
                .orElse("now");
    }
}
