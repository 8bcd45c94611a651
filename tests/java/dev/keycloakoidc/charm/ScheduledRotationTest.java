package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.StatusEntry;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * secret-rotate, where no Keycloak is needed to decide: who may act, and what is not rotated.
 * The rotation itself runs against a real Keycloak in {@code e2e/ScheduledRotationIT}.
 */
class ScheduledRotationTest {

    private final FakeJuju juju = FakeJuju.forRepo();
    private String unreachable;

    @BeforeEach
    void configured() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            unreachable = "http://127.0.0.1:" + s.getLocalPort();
        }
        juju.setConfig("keycloak-url", unreachable);
        String admin = juju.addUserSecret(Map.of("username", "admin", "password", "pw"));
        juju.grantSecret(admin, juju.app());
        juju.setConfig("admin-credentials", admin);
        juju.setConfig("secret-rotation", "daily");
    }

    @Test
    void aNonLeader_doesNothing() {
        String uri = clientSecret("dex-auth");
        String other = juju.addUnit();
        int before = juju.calls().size();

        HookRun run = CharmHarness.run(juju, HookEvent.secret(other, "secret-rotate", uri, OptionalInt.empty()));

        assertEquals(0, run.exitCode());
        assertEquals(new StatusEntry("active", "standby: the leader manages Keycloak"), juju.unitStatus(other));
        assertEquals(List.of("is-leader", "relation-ids", "status-set"),
                juju.calls().subList(before, juju.calls().size()).stream().map(c -> c.tool()).toList());
    }

    @Test
    void aSecretWhoseClientNoConsumerAsksFor_isRemoved() {
        String uri = clientSecret("gone-app");

        HookRun run = CharmHarness.run(juju, juju.rotationDue(uri));

        assertEquals(0, run.exitCode());
        assertTrue(juju.secret(uri).isEmpty(), "the secret of a client no consumer asks for");
        assertLogged("removed the secret of client gone-app: no consumer asks for it any more");
        // the usual reconcile still ran, and says why it could do no more
        assertEquals("waiting", juju.unitStatus(juju.leader()).status());
    }

    @Test
    void aClientServedOnlyOnDexOidcConfig_isNotRotated() {
        String rel = juju.relate("dex-oidc-config", "dex-auth", "dex-auth/0");
        juju.setRemoteAppData(rel, Map.of("issuer-url", "https://kubeflow.example.com/dex"));
        String uri = clientSecret("dex-auth");

        HookRun run = CharmHarness.run(juju, juju.rotationDue(uri));

        assertEquals(0, run.exitCode());
        assertEquals(1, juju.secret(uri).orElseThrow().latestRevision());
        assertLogged("client dex-auth is not rotated on a schedule (secret-rotation=daily, its consumer's endpoints)");
    }

    @Test
    void withTheOptionBackAtNever_nothingIsRotated() {
        String uri = servedOnOidcProvider("dex-auth");
        juju.setConfig("secret-rotation", "never");

        CharmHarness.run(juju, juju.rotationDue(uri));

        assertEquals(1, juju.secret(uri).orElseThrow().latestRevision());
        assertLogged("client dex-auth is not rotated on a schedule (secret-rotation=never, its consumer's endpoints)");
    }

    @Test
    void withKeycloakUnreachable_nothingChanges_andJujuWillAskAgain() {
        String uri = servedOnOidcProvider("dex-auth");

        HookRun run = CharmHarness.run(juju, juju.rotationDue(uri));

        assertEquals(0, run.exitCode());
        assertEquals(1, juju.secret(uri).orElseThrow().latestRevision());
        assertLogged("client dex-auth not rotated yet (Keycloak unreachable at " + unreachable
                + "/realms/master/protocol/openid-connect/token: connection refused); Juju runs secret-rotate again");
    }

    @Test
    void withConfigToFix_nothingChanges() {
        String uri = clientSecret("dex-auth");
        juju.setConfig("keycloak-url", "");

        HookRun run = CharmHarness.run(juju, juju.rotationDue(uri));

        assertEquals(0, run.exitCode());
        assertEquals(1, juju.secret(uri).orElseThrow().latestRevision());
        assertLogged("client dex-auth not rotated yet (set keycloak-url); Juju runs secret-rotate again");
        assertEquals(new StatusEntry("blocked", "set keycloak-url"), juju.unitStatus(juju.leader()));
    }

    /** A consumer on oidc-provider, and its client secret as an earlier hook left it. */
    private String servedOnOidcProvider(String app) {
        String rel = juju.relate("oidc-provider", app, app + "/0");
        juju.setRemoteAppData(rel, Map.of("redirect_uri", "https://kubeflow.example.com/dex/callback"));
        return clientSecret(app);
    }

    /** A client secret as an earlier hook left it, with the daily policy Juju fires on. */
    private String clientSecret(String clientId) {
        String uri = juju.addAppSecret(Map.of("secret", "s3cret-" + clientId), ClientSecrets.label(clientId));
        assertEquals(0, juju.call(juju.leader(), List.of("secret-set", "--rotate", "daily", uri), null, null).exitCode());
        return uri;
    }

    private void assertLogged(String message) {
        assertTrue(juju.logs().stream().anyMatch(l -> l.message().equals(message)),
                () -> "not logged: " + message + "\nlogs: " + juju.logs());
    }
}
