package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import dev.keycloakoidc.keycloak.SecretRotation;
import dev.keycloakoidc.keycloak.KeycloakClient;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code rotate-secret}: Keycloak generates a new secret, which becomes a new revision of the same
 * Juju secret, so consumers get {@code secret-changed}. Only the leader owns those secrets. If the
 * hook dies after Keycloak rotated, the next hook finds Juju's copy stale and publishes the new one.
 */
final class RotateSecret {

    /** Set by Keycloak's {@code secret-rotation} executor: when the previous secret stops working. */
    static final String ROTATED_EXPIRATION = "client.secret.rotated.expiration.time";

    private RotateSecret() {}

    static void run(Juju juju, Map<String, Object> params) {
        if (!juju.isLeader()) {
            throw new ActionFailure("the leader owns the client secrets: run juju run "
                    + juju.context().appName() + "/leader rotate-secret");
        }
        Prerequisites.Met prerequisites = Actions.prerequisites(juju);
        String realm = prerequisites.config().realm();
        String wanted = Actions.string(params, "client");
        try (KeycloakAdmin admin = KeycloakAdmin.connect(prerequisites.connection())) {
            List<KeycloakClient> owned = new Ownership(juju.context()).owned(admin.clients(realm).orElseThrow(
                    () -> new ActionFailure("realm " + realm + " does not exist yet; nothing to rotate")));
            List<KeycloakClient> targets = select(owned, wanted, realm);
            keepOldSecretsForAGracePeriod(juju, admin, realm);
            ClientSecrets secrets = new ClientSecrets(juju);
            Map<String, String> results = new LinkedHashMap<>();
            int n = 0;
            for (KeycloakClient client : targets) {
                String secret = admin.regenerateSecret(realm, client.id());
                int revision = secrets.update(client.clientId(), realm, secret);
                n++;
                results.put(n + ".client", client.clientId());
                results.put(n + ".revision", Integer.toString(revision));
                results.put(n + ".previous-valid-until", previousValidUntil(admin, realm, client.clientId()));
                juju.log(LogLevel.INFO, "rotated the secret of client " + client.clientId() + " (revision " + revision + ")");
            }
            results.put("rotated", targets.stream().map(KeycloakClient::clientId).collect(Collectors.joining(" ")));
            juju.setActionResults(results);
        }
    }

    private static List<KeycloakClient> select(List<KeycloakClient> owned, String wanted, String realm) {
        if (owned.isEmpty()) {
            throw new ActionFailure("no client in realm " + realm + " is managed by this charm yet; relate a consumer first");
        }
        if (wanted.isEmpty()) {
            return owned;
        }
        return owned.stream().filter(c -> c.clientId().equals(wanted)).findFirst().map(List::of)
                .orElseThrow(() -> new ActionFailure("client " + wanted + " is not managed by this charm; managed: "
                        + owned.stream().map(KeycloakClient::clientId).sorted().collect(Collectors.joining(", "))));
    }

    /**
     * Where Keycloak offers secret rotation, a client policy keeps the previous secret valid for a
     * day, so a consumer that has not yet read the new revision (or a stock Dex whose connector
     * the operator has not yet updated) keeps working. Without the feature, or without the
     * {@code manage-realm} role the policy needs, the old secret stops at once and the result says so.
     */
    private static void keepOldSecretsForAGracePeriod(Juju juju, KeycloakAdmin admin, String realm) {
        try {
            admin.ensureSecretRotation(realm, new Ownership(juju.context()).markers(), SecretRotation.CHARM);
        } catch (KeycloakApiException e) {
            if (e.status() != 403) {
                throw e;
            }
            juju.log(LogLevel.WARNING, "no grace period for the previous secret: the admin credentials lack "
                    + "manage-realm, which the secret-rotation client policy needs");
        }
    }

    /** RFC 3339 time until which the old secret works, or {@code now} without a grace period. */
    private static String previousValidUntil(KeycloakAdmin admin, String realm, String clientId) {
        Optional<String> epochSeconds = admin.client(realm, clientId)
                .map(c -> c.attributes().get(ROTATED_EXPIRATION))
                .filter(v -> v != null && !v.isBlank());
        return epochSeconds.map(s -> DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(Long.parseLong(s.strip()))))
                .filter(t -> Instant.parse(t).isAfter(Instant.now()))
                .orElse("now");
    }
}
