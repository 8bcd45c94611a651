package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpClientsTest {

    @TempDir
    static Path dir;

    static TlsFixtures.Identity local;
    static TlsFixtures.Identity expired;
    /** An old-style certificate that names its host only in the subject's CN. */
    static TlsFixtures.Identity cnOnly;

    @BeforeAll
    static void certificates() {
        local = TlsFixtures.selfSigned(dir, "localhost", "dns:localhost,ip:127.0.0.1", null, 30);
        expired = TlsFixtures.selfSigned(dir, "old-ca", null, "-10d", 1);
        cnOnly = TlsFixtures.selfSigned(dir, "keycloak.internal", null, null, 30);
    }

    @Test
    void productionLimits_areBounded() {
        HttpTransport client = HttpClients.create(Optional.empty());

        assertEquals(Duration.ofSeconds(5), client.connectTimeout());
        assertEquals(Duration.ofSeconds(10), client.readTimeout());
        assertEquals(Duration.ofSeconds(15), client.callTimeout());
    }

    @Test
    void forUrl_plainHttp_getsATransportThatSetsUpNoTls_withTheSameLimits() {
        HttpTransport client = HttpClients.forUrl("http://keycloak.keycloak.svc:8080", Optional.of(local.pem()));

        assertEquals(Duration.ofSeconds(5), client.connectTimeout());
        assertEquals(Duration.ofSeconds(10), client.readTimeout());
        assertEquals(Duration.ofSeconds(15), client.callTimeout());
        // Nor can it be talked into TLS: an https request fails before any connection is made.
        IllegalStateException https = assertThrows(IllegalStateException.class,
                () -> client.send(HttpRequest.get(URI.create("https://127.0.0.1:9/"), Map.of()), 1));
        assertEquals("this transport speaks plain http only", https.getMessage());
    }

    @Test
    void forUrl_https_getsTheVerifyingClientForThatCaCert() {
        assertSame(HttpClients.create(Optional.of(local.pem())), HttpClients.forUrl("HTTPS://kc.example.com", Optional.of(local.pem())));
        assertSame(HttpClients.create(Optional.empty()), HttpClients.forUrl("https://kc.example.com", Optional.empty()));
        // Anything that is not plain http keeps full verification (Discovery refuses it later).
        assertSame(HttpClients.create(Optional.empty()), HttpClients.forUrl("httpx://kc", Optional.empty()));
    }

    @Test
    void caCertProblem_notPem() {
        assertEquals(Optional.of("no '-----BEGIN CERTIFICATE-----' block found"),
                HttpClients.caCertProblem("MIIBkTCB+wIJ...", Instant.now()));
    }

    @Test
    void caCertProblem_corruptBlock() {
        Optional<String> problem = HttpClients.caCertProblem(
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n", Instant.now());

        assertTrue(problem.orElseThrow().startsWith("not a readable PEM certificate ("), problem.get());
    }

    @Test
    void caCertProblem_expiredCa_namesItAndWhen() {
        String when = expired.certificate().getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS).toString();

        assertEquals(Optional.of("certificate old-ca expired on " + when),
                HttpClients.caCertProblem(local.pem() + expired.pem(), Instant.now()));
    }

    @Test
    void caCertProblem_notYetValid() {
        Instant before = local.certificate().getNotBefore().toInstant().minusSeconds(3600);

        assertEquals(Optional.of("certificate localhost is not valid before "
                        + local.certificate().getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS)),
                HttpClients.caCertProblem(local.pem(), before));
    }

    @Test
    void caCertProblem_noneForAGoodBundle() {
        assertEquals(Optional.empty(), HttpClients.caCertProblem(local.pem() + "\n" + cnOnly.pem(), Instant.now()));
    }

    @Test
    void create_refusesUnreadableCaCert() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpClients.create(Optional.of("not a certificate")));

        assertEquals("no '-----BEGIN CERTIFICATE-----' block found", e.getMessage());
    }

    @Test
    void certificateWithoutSan_isDescribedByItsCommonName() {
        HttpsServer server = cnOnly.serve(exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            HttpTransport client = HttpClients.create(Optional.of(cnOnly.pem()));

            IOException thrown = assertThrows(IOException.class,
                    () -> client.send(HttpRequest.get(URI.create(url), Map.of()), 1024));

            assertEquals("certificate of 127.0.0.1 is for [keycloak.internal]",
                    HttpFailures.classify(URI.create(url), thrown).getMessage());
        } finally {
            server.stop(0);
        }
    }
}
