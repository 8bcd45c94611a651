package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CaBundle on real certificates made by keytool: parsing, its problems, union, PEM out, and trust. */
class CaBundleTest {

    @TempDir
    static Path dir;

    static TlsFixtures.PrivateCa ca;
    static TlsFixtures.PrivateCa otherCa;
    static TlsFixtures.Identity server;

    @BeforeAll
    static void certificates() {
        ca = TlsFixtures.privateCa(dir, "Test Root CA");
        otherCa = TlsFixtures.privateCa(dir, "Other CA");
        server = ca.issue(dir, "keycloak", "ip:127.0.0.1");
    }

    private static CaBundle valid(String pem) {
        return assertInstanceOf(CaBundle.Valid.class, CaBundle.parse(pem)).bundle();
    }

    private static String invalid(String pem) {
        return assertInstanceOf(CaBundle.Invalid.class, CaBundle.parse(pem)).problem();
    }

    @Test
    void parse_readsEveryCertificate_inOrder_dropsRepeats_ignoresTextBetween() {
        String bundle = "# Issuer: CN=Test Root CA\n" + ca.pem() + "\nsome comment\n" + otherCa.pem() + ca.pem();

        CaBundle read = valid(bundle);

        assertEquals(List.of(ca.certificate(), otherCa.certificate()), read.certificates());
        assertEquals(2, read.size());
    }

    @Test
    void parse_namesWhatIsWrong() {
        assertEquals("no '-----BEGIN CERTIFICATE-----' block found", invalid("MIIBkTCB+wIJ..."));
        assertEquals("no '-----BEGIN CERTIFICATE-----' block found", invalid(""));
        assertEquals("no '-----BEGIN CERTIFICATE-----' block found", invalid(null));
        assertEquals("block 2 is a PRIVATE KEY, not a CERTIFICATE",
                invalid(ca.pem() + server.privateKeyPem()));
        assertEquals("block 1 is a TRUSTED CERTIFICATE, not a CERTIFICATE",
                invalid(ca.pem().replace("CERTIFICATE", "TRUSTED CERTIFICATE")));
        assertEquals("certificate 1 has no '-----END CERTIFICATE-----' line",
                invalid(ca.pem().replace("-----END CERTIFICATE-----", "") + otherCa.pem()));
        String corrupt = invalid(ca.pem() + "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n");
        assertTrue(corrupt.startsWith("certificate 2 is not readable X.509 ("), corrupt);
    }

    @Test
    void of_throwsTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CaBundle.of("nothing"));
        assertEquals("no '-----BEGIN CERTIFICATE-----' block found", e.getMessage());
    }

    @Test
    void pems_areOneCanonicalPemPerCertificate_thatReadBackAsTheSame() {
        // Windows line ends and a long line are what a pasted bundle may have; the output has neither.
        String messy = ca.pem().replace("\n", "\r\n") + otherCa.pem();
        CaBundle read = valid(messy);

        List<String> pems = read.pems();

        assertEquals(2, pems.size());
        for (String pem : pems) {
            assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith("\n-----END CERTIFICATE-----\n"), pem);
            assertFalse(pem.contains("\r"));
            pem.lines().forEach(line -> assertTrue(line.length() <= 64, line));
        }
        assertEquals(ca.pem().replace("\r", ""), pems.get(0), "keytool -rfc writes the same form");
        assertEquals(read, valid(String.join("", pems)));
        assertEquals(Optional.of(pems.get(0) + pems.get(1)), read.pem());
    }

    @Test
    void theEmptyBundle_hasNoPem() {
        assertTrue(CaBundle.empty().isEmpty());
        assertEquals(Optional.empty(), CaBundle.empty().pem());
        assertEquals(List.of(), CaBundle.empty().pems());
    }

    @Test
    void union_keepsOrder_andEachCertificateOnce() {
        CaBundle caCert = CaBundle.of(ca.pem());
        CaBundle received = CaBundle.of(otherCa.pem() + ca.pem());

        assertEquals(List.of(ca.certificate(), otherCa.certificate()), caCert.union(received).certificates());
        assertEquals(List.of(otherCa.certificate(), ca.certificate()), received.union(caCert).certificates());
        assertEquals(caCert, caCert.union(List.of()));
        assertEquals(received, CaBundle.empty().union(List.of(CaBundle.of(otherCa.pem()), caCert, caCert)));
    }

    @Test
    void equality_isBySameCertificatesInSameOrder() {
        assertEquals(CaBundle.of(ca.pem() + otherCa.pem()), CaBundle.of(ca.pem() + "\n\n" + otherCa.pem() + ca.pem()));
        assertNotEquals(CaBundle.of(ca.pem() + otherCa.pem()), CaBundle.of(otherCa.pem() + ca.pem()));
        X509Certificate one = ca.certificate();
        assertEquals(List.of(one), new CaBundle(List.of(one, ca.certificate())).certificates());
    }

    /** The fixture future TLS end-to-end tests start Keycloak with: a key and a chain that read back. */
    @Test
    void theIssuedServerIdentity_hasItsChainAndAPkcs8Key() throws Exception {
        assertEquals(List.of(server.certificate(), ca.certificate()), valid(server.chainPem()).certificates());
        server.certificate().verify(ca.certificate().getPublicKey());
        assertEquals(List.of("127.0.0.1"), server.certificate().getSubjectAlternativeNames().stream()
                .map(san -> String.valueOf(san.get(1))).toList());
        String key = server.privateKeyPem();
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----\n") && key.endsWith("\n-----END PRIVATE KEY-----\n"), key);
        byte[] der = java.util.Base64.getMimeDecoder().decode(key.replaceAll("-----[A-Z ]+-----", ""));
        java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        assertTrue(ca.certificate().getBasicConstraints() >= 0, "the CA is a CA");
    }

    /**
     * What the bundle is for: a transport built from its PEM trusts a server whose certificate the
     * CA signed, and one built without it does not.
     */
    @Test
    void itsPem_makesATransportTrustAServerOfThatCa() throws IOException {
        HttpsServer https = server.serve(exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        try {
            URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/");
            CaBundle trusted = CaBundle.of(otherCa.pem()).union(CaBundle.of(ca.pem()));

            assertEquals(204, HttpClients.create(trusted.pem()).send(HttpRequest.get(url, Map.of()), 0).status());

            HttpTransport withoutCa = HttpClients.create(CaBundle.of(otherCa.pem()).pem());
            IOException refused = assertThrows(IOException.class, () -> withoutCa.send(HttpRequest.get(url, Map.of()), 0));
            assertInstanceOf(TlsException.class, HttpFailures.classify(url, refused), refused.toString());
        } finally {
            https.stop(0);
        }
    }
}
