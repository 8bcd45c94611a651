package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.testing.HookRun;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each expected failure gives its one-line status and the hook still exits 0. */
class FailureStatusIT {

    @Test
    void wrongAdminPassword_isBlocked() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String uri = scene.juju.addUserSecret(Map.of("username", "admin", "password", "not-the-password"));
            scene.juju.grantSecret(uri, scene.juju.app());
            scene.juju.setConfig("admin-credentials", uri);
            scene.secrets.add("not-the-password");
            scene.hook("config-changed");
            assertEquals(CharmScene.WRONG_PASSWORD_STATUS, scene.unitStatus());
            scene.assertHygiene();
        }
    }

    @Test
    void unreachableKeycloak_isWaiting() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("keycloak-url", "http://127.0.0.1:" + port);
            scene.hook("update-status");
            assertEquals("waiting: Keycloak unreachable at http://127.0.0.1:" + port
                    + "/realms/master/protocol/openid-connect/token: connection refused", scene.unitStatus());
            scene.assertHygiene();
        }
    }

    @Test
    void issuerMismatch_isBlocked_andNothingIsPublished() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            // One byte off: Dex compares byte for byte and would refuse to start.
            String actual = scene.keycloak.baseUrl() + "/realms/" + scene.realm;
            scene.juju.setConfig("issuer", actual + "/");
            String rel = scene.relateProvider("dex-auth", "https://kubeflow.example.com/dex/callback");
            scene.relationChanged(rel);
            assertEquals("blocked: issuer mismatch: discovery says " + actual + ", config says " + actual + "/",
                    scene.unitStatus());
            assertTrue(scene.juju.localAppData(rel).isEmpty());
            scene.assertHygiene();
        }
    }

    @Test
    void untrustedCertificateForAnotherName_isBlockedNamingTheCertificatesNames(@TempDir Path dir) throws Exception {
        TlsFixtures.Identity ingress = TlsFixtures.selfSigned(dir, "ingress.local", "DNS:ingress.local", null, 30);
        HttpsServer server = ingress.serve(exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("keycloak-url", "https://127.0.0.1:" + server.getAddress().getPort());
            HookRun run = scene.hook("config-changed");
            assertEquals(0, run.exitCode());
            assertEquals("blocked: TLS: certificate of 127.0.0.1 is for [ingress.local]; set ca-cert or fix the certificate",
                    scene.unitStatus());
            scene.assertHygiene();
        } finally {
            server.stop(0);
        }
    }
}
