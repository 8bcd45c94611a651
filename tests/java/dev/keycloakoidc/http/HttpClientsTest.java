package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
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
        OkHttpClient client = HttpClients.create(Optional.empty());

        assertEquals(5_000, client.connectTimeoutMillis());
        assertEquals(10_000, client.readTimeoutMillis());
        assertEquals(15_000, client.callTimeoutMillis());
        assertEquals(false, client.followRedirects());
    }

    @Test
    void forUrl_plainHttp_getsAClientThatSetsUpNoTls_withTheSameLimits() {
        OkHttpClient client = HttpClients.forUrl("http://keycloak.keycloak.svc:8080", Optional.of(local.pem()));

        assertEquals(List.of(ConnectionSpec.CLEARTEXT), client.connectionSpecs());
        assertThrows(IllegalStateException.class, client::sslSocketFactory, "no TLS was set up");
        assertEquals(5_000, client.connectTimeoutMillis());
        assertEquals(10_000, client.readTimeoutMillis());
        assertEquals(15_000, client.callTimeoutMillis());
        assertEquals(false, client.followRedirects());
        // Nor can it be talked into TLS: an https request fails before any connection is made.
        IllegalStateException https = assertThrows(IllegalStateException.class,
                () -> client.newCall(new Request.Builder().url("https://127.0.0.1:9/").build()).execute());
        assertEquals("CLEARTEXT-only client", https.getMessage());
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
            OkHttpClient client = HttpClients.create(Optional.of(cnOnly.pem()));

            IOException thrown = assertThrows(IOException.class,
                    () -> client.newCall(new Request.Builder().url(url).build()).execute().close());

            assertEquals("certificate of 127.0.0.1 is for [keycloak.internal]",
                    HttpFailures.classify(HttpUrl.get(url), thrown).getMessage());
        } finally {
            server.stop(0);
        }
    }
}
