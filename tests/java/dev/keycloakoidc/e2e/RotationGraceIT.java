package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.OidcLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rotate-secret on a Keycloak that offers client secret rotation: the previous secret keeps
 * working for the grace period and the result says until when. (Without the feature, ActionsIT
 * shows the old secret refused at once and {@code now}.)
 */
class RotationGraceIT {

    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";
    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.start("--features=client-secret-rotation");
    }

    @AfterAll
    static void stop() {
        keycloak.close();
    }

    @Test
    void afterRotation_bothSecretsLogIn_untilTheReportedTime() throws Exception {
        try (CharmScene scene = CharmScene.configured(keycloak)) {
            CharmScene.Served served = scene.servedWithUser("dex-auth", CALLBACK, "ivan");
            String secretId = served.secretId();
            String oldSecret = served.secret();

            ActionRun rotated = action(scene, "rotate-secret", Map.of("client", "dex-auth"));
            assertTrue(rotated.failure().isEmpty(), () -> rotated.failure().get());
            Instant until = Instant.parse(rotated.result("1.previous-valid-until").orElseThrow());
            Duration grace = Duration.between(Instant.now(), until);
            assertTrue(grace.compareTo(Duration.ofHours(23)) > 0 && grace.compareTo(Duration.ofHours(25)) < 0,
                    "grace period " + grace);
            String newSecret = scene.jujuSecret(secretId).content().get("secret");
            scene.secrets.add(newSecret);
            assertNotEquals(oldSecret, newSecret);
            assertEquals(scene.keycloakSecret("dex-auth"), newSecret);

            for (String secret : List.of(newSecret, oldSecret)) {
                assertEquals("ivan", scene.login(served, secret).get("preferred_username"));
            }
            // The next hook sees nothing to change: the policy's attributes do not count as drift.
            scene.hook("update-status");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            assertEquals(newSecret, scene.jujuSecret(secretId).content().get("secret"));
            scene.assertHygiene();
        }
    }

    /** Juju's secret-rotate rotates as rotate-secret does: with the same grace period. */
    @Test
    void afterAScheduledRotation_bothSecretsLogIn_andTheLogSaysUntilWhen() throws Exception {
        try (CharmScene scene = CharmScene.configured(keycloak)) {
            scene.juju.setConfig("secret-rotation", "hourly");
            CharmScene.Served served = scene.servedWithUser("dex-auth", CALLBACK, "kate");
            String secretId = served.secretId();
            String oldSecret = served.secret();

            HookRun rotated = scene.driver.run(scene.juju.rotationDue(secretId));
            assertEquals(0, rotated.exitCode(), rotated.stderr());
            String newSecret = scene.jujuSecret(secretId).content().get("secret");
            scene.secrets.add(newSecret);
            assertNotEquals(oldSecret, newSecret);
            assertEquals(scene.keycloakSecret("dex-auth"), newSecret);
            assertEquals(2, scene.jujuSecret(secretId).latestRevision());
            String prefix = "rotated the secret of client dex-auth (revision 2; the previous secret works until ";
            String logged = scene.juju.logs().stream().map(l -> l.message()).filter(m -> m.startsWith(prefix))
                    .findFirst().orElseThrow(() -> new AssertionError("no rotation logged: " + scene.juju.logs()));
            Instant until = Instant.parse(logged.substring(prefix.length(), logged.length() - 1));
            Duration grace = Duration.between(Instant.now(), until);
            assertTrue(grace.compareTo(Duration.ofHours(23)) > 0 && grace.compareTo(Duration.ofHours(25)) < 0,
                    "grace period " + grace);

            for (String secret : List.of(newSecret, oldSecret)) {
                assertEquals("kate", scene.login(served, secret).get("preferred_username"));
            }
            scene.assertHygiene();
        }
    }

    private static ActionRun action(CharmScene scene, String name, Map<String, ?> params) {
        HookRun run = scene.driver.action(scene.leader(), name, params);
        assertEquals(0, run.exitCode(), () -> name + " exited " + run.exitCode() + ":\n" + run.stderr());
        return run.action().orElseThrow();
    }
}
