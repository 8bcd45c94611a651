package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.testing.CertificateTransferProvider;
import dev.keycloakoidc.testing.CertificateTransferRequirer;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.RawAdmin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * certificate_transfer both ways (issue 20), through ./dispatch against a real Keycloak that
 * serves TLS with a certificate from a private CA: the charm sends the CA it trusts on
 * {@code send-ca-cert} (v1 and v0, from every unit), and trusts what a provider sends on
 * {@code receive-ca-cert}.
 */
class CaTransferIT {

    private static TlsFixtures.PrivateCa ca;
    private static KeycloakServer keycloak;

    @BeforeAll
    static void startKeycloakBehindAPrivateCa() throws IOException {
        Path dir = Files.createTempDirectory("ca-transfer-it");
        ca = TlsFixtures.privateCa(dir, "Keycloak Private CA");
        TlsFixtures.Identity server = ca.issue(dir, "keycloak", "ip:127.0.0.1");
        Path chain = Files.writeString(dir.resolve("keycloak-chain.pem"), server.chainPem());
        Path key = Files.writeString(dir.resolve("keycloak-key.pem"), server.privateKeyPem());
        keycloak = KeycloakServer.startHttps(chain, key);
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    private static String caPem() {
        return CaBundle.of(ca.pem()).pems().get(0);
    }

    private static CharmScene overTls() {
        CharmScene scene = CharmScene.configured(keycloak);
        scene.juju.setConfig("keycloak-url", keycloak.httpsBaseUrl());
        return scene;
    }

    @Test
    void sendCaCert_givesV1AndV0RequirersTheCa_fromEveryUnit_andUnsettingCaCertClearsIt() throws Exception {
        try (CharmScene scene = overTls()) {
            scene.juju.setConfig("ca-cert", ca.pem());
            String other = scene.juju.addUnit();
            String v1 = scene.juju.relate("send-ca-cert", "oauth2-proxy", "oauth2-proxy/0");
            scene.juju.setRemoteAppData(v1, CertificateTransferRequirer.appData());
            String v0 = scene.juju.relate("send-ca-cert", "kratos", "kratos/0");
            scene.juju.setRemoteAppData(v0, CertificateTransferRequirer.appDataV0());
            scene.hook("install");
            scene.relationChanged(v1);
            scene.relationChanged(v0);
            ok(scene.driver.relationHook(other, "relation-changed", v0, "kratos/0"));
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());
            assertEquals("standby: the leader manages Keycloak", scene.juju.unitStatus(other).message());

            // The library's reader, whichever unit of ours it pops, gets the CA and nothing else.
            for (String rel : List.of(v1, v0)) {
                for (CertificateTransferRequirer.Read read : CertificateTransferRequirer.readEveryWay(scene.juju, rel)) {
                    assertEquals(new CertificateTransferRequirer.Read(Set.of(caPem()), java.util.Optional.empty()), read,
                            rel);
                }
            }
            assertEquals(Map.of(), scene.juju.localUnitData(v1, scene.leader()), "a v1 requirer got unit bags");
            assertEquals(Map.of(), scene.juju.localAppData(v0), "a v0 requirer got the app bag");
            for (String unit : scene.juju.units()) {
                var event = CertificateTransferRequirer.readV0(scene.juju.localUnitData(v0, unit)).orElseThrow();
                assertEquals(java.util.Optional.of(caPem()), event.ca(), unit);
            }

            // A TLS handshake with Keycloak that trusts only what the requirer got succeeds; one
            // that trusts another CA fails (so the check can fail).
            List<String> got = List.copyOf(CertificateTransferRequirer.readEveryWay(scene.juju, v1).get(0).certificates());
            assertEquals(200, get(OidcLogin.trustingOnly(got), keycloak.httpsBaseUrl() + "/realms/master"));
            assertThrows(IOException.class, () -> get(OidcLogin.trustingOnly(List.of(TlsFixtures.sharedCas().get(0).pem())),
                    keycloak.httpsBaseUrl() + "/realms/master"));

            // ca-cert unset: both bags of every unit are cleared (the leader then cannot reach
            // Keycloak and says so, which is not this test's concern).
            scene.juju.setConfig("ca-cert", "");
            scene.hook("config-changed");
            ok(scene.driver.hook(other, "config-changed"));
            assertEquals(Map.of(), scene.juju.localAppData(v1));
            for (String unit : scene.juju.units()) {
                assertEquals(Map.of(), scene.juju.localUnitData(v0, unit), unit);
            }
            scene.assertHygiene();
        }
    }

    @Test
    void receiveCaCert_letsAPrivateCaKeycloakWithoutCaCertGoActive_andAMalformedProviderIsNamed() throws Exception {
        try (CharmScene scene = overTls()) {
            String ssc = scene.juju.relate("receive-ca-cert", "self-signed-certificates", "self-signed-certificates/0");
            scene.hook("install");
            assertTrue(scene.unitStatus().startsWith("blocked:"), scene.unitStatus());
            assertEquals(Map.of("version", "1"), scene.juju.localAppData(ssc), "the requirer's version");

            CertificateTransferProvider.addCertificates(scene.juju, ssc, "self-signed-certificates/0", Set.of(ca.pem()));
            scene.relationChanged(ssc);
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());

            // A login with what the charm published: ca_chain is the provider's CA, and trusting it alone works.
            CharmScene.Served served = scene.servedWithUser("dex-auth", "https://kubeflow.example.com/dex/callback", "alice");
            Map<String, String> bag = scene.juju.localAppData(served.relation());
            List<String> chain = RawAdmin.JSON.readValue(bag.get("ca_chain"), new TypeReference<List<String>>() {});
            assertEquals(List.of(caPem()), chain);
            assertTrue(bag.get("issuer_url").startsWith(keycloak.httpsBaseUrl()), bag.get("issuer_url"));
            Map<String, Object> claims = OidcLogin.loginTrustingOnly(chain, bag.get("issuer_url"), bag.get("client_id"),
                    served.secret(), bag.get("redirect_uri"), List.of("openid"), "alice", served.password());
            assertEquals("alice", claims.get("preferred_username"));

            // A second provider whose unit bag is malformed is named; the first one's CA is still trusted.
            String lego = scene.juju.relate("receive-ca-cert", "lego", "lego/0");
            scene.juju.setRemoteUnitData(lego, "lego/0", Map.of("ca", "not a certificate"));
            scene.relationChanged(lego);
            assertEquals("blocked: " + lego + " (lego): unit lego/0: ca is not a PEM certificate; its CAs are not "
                    + "trusted until it sends valid ones", scene.unitStatus());
            assertEquals(bag, scene.juju.localAppData(served.relation()), "the consumer's settings changed");
            assertEquals(Map.of("version", "1"), scene.juju.localAppData(lego));
            scene.assertHygiene();
        }
    }

    private static int get(OkHttpClient http, String url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code();
        }
    }

    private static void ok(HookRun run) {
        assertEquals(0, run.exitCode(), run::stderr);
    }
}
