package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.http.HttpTransport;
import dev.keycloakoidc.http.TlsException;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.http.UnreachableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real HTTP server serving discovery documents, good and bad, to the real client. */
class DiscoveryTest {

    private static final String WELL_KNOWN = "/.well-known/openid-configuration";

    private final HttpTransport http = HttpClients.create(Optional.empty());
    /** path -> {status, content type, body} */
    private final Map<String, String[]> routes = new ConcurrentHashMap<>();
    private final List<String> requested = new ArrayList<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() {
        server = TlsFixtures.serveHttp(this::answer);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void goodDocument_givesEveryEndpoint() {
        String issuer = base + "/realms/kubeflow";
        serve("/realms/kubeflow" + WELL_KNOWN, 200, "application/json", keycloakDocument(issuer));

        DiscoveryDocument doc = Discovery.fetch(http, issuer);

        assertEquals(new DiscoveryDocument(issuer, issuer + "/protocol/openid-connect/auth",
                issuer + "/protocol/openid-connect/token", Optional.of(issuer + "/protocol/openid-connect/userinfo"),
                issuer + "/protocol/openid-connect/certs", Optional.of(issuer + "/protocol/openid-connect/token/introspect")),
                doc);
        assertEquals(List.of("/realms/kubeflow" + WELL_KNOWN), requested);
    }

    @Test
    void anUpperCaseScheme_isFetched_andTheIssuerStillComparedByteForByte() {
        String issuer = base.replace("http:", "HTTP:") + "/realms/kubeflow";
        serve("/realms/kubeflow" + WELL_KNOWN, 200, "application/json", keycloakDocument(base + "/realms/kubeflow"));

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, issuer));

        assertEquals("issuer mismatch: discovery says " + base + "/realms/kubeflow, config says " + issuer, e.getMessage());
        assertEquals(List.of("/realms/kubeflow" + WELL_KNOWN), requested);
    }

    @Test
    void optionalEndpointsMayBeAbsent() {
        String issuer = base + "/realms/kubeflow";
        serve("/realms/kubeflow" + WELL_KNOWN, 200, "application/json", """
                {"issuer":"%s","authorization_endpoint":"a","token_endpoint":"t","jwks_uri":"j"}""".formatted(issuer));

        DiscoveryDocument doc = Discovery.fetch(http, issuer);

        assertEquals(Optional.empty(), doc.userinfoEndpoint());
        assertEquals(Optional.empty(), doc.introspectionEndpoint());
    }

    @Test
    void issuerWithTrailingSlash_readsTheSameUrl_asDexDoes() {
        String issuer = base + "/realms/kubeflow/";
        serve("/realms/kubeflow" + WELL_KNOWN, 200, "application/json", keycloakDocument(issuer));

        assertEquals(issuer, Discovery.fetch(http, issuer).issuer());
        assertEquals(List.of("/realms/kubeflow" + WELL_KNOWN), requested);
    }

    @Test
    void issuerDifferingByATrailingSlash_isAMismatch() {
        String configured = base + "/realms/kubeflow/";
        String stated = base + "/realms/kubeflow";
        serve("/realms/kubeflow" + WELL_KNOWN, 200, "application/json", keycloakDocument(stated));

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, configured));

        assertEquals("issuer mismatch: discovery says " + stated + ", config says " + configured, e.getMessage());
        assertEquals(OptionalInt.empty(), e.httpStatus());
    }

    @Test
    void issuerDifferingByOneByte_isAMismatch() {
        String configured = base + "/realms/kubeflow";
        String stated = base + "/realms/Kubeflow";
        serve("/realms/kubeflow" + WELL_KNOWN, 200, "application/json", keycloakDocument(stated));

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, configured));

        assertEquals("issuer mismatch: discovery says " + stated + ", config says " + configured, e.getMessage());
    }

    @Test
    void notFound_namesStatusAndUrl() {
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, base + "/realms/nope"));

        assertEquals("discovery at " + base + "/realms/nope" + WELL_KNOWN + " answered HTTP 404", e.getMessage());
        assertEquals(OptionalInt.of(404), e.httpStatus());
    }

    @Test
    void redirect_isNotFollowed_andSaysWhere() {
        serve("/realms/x" + WELL_KNOWN, 302, "text/html", "", "Location", "https://elsewhere/realms/x" + WELL_KNOWN);

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, base + "/realms/x"));

        assertEquals("discovery at " + base + "/realms/x" + WELL_KNOWN + " answered HTTP 302 (redirect to https://elsewhere/realms/x"
                + WELL_KNOWN + ")", e.getMessage());
    }

    @Test
    void serverError_carriesItsStatus() {
        serve("/realms/x" + WELL_KNOWN, 503, "text/plain", "starting");

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, base + "/realms/x"));

        assertEquals(OptionalInt.of(503), e.httpStatus());
    }

    @Test
    void htmlPage_isNotJson() {
        serve("/realms/x" + WELL_KNOWN, 200, "text/html; charset=utf-8", "<html><body>Welcome to nginx</body></html>");

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, base + "/realms/x"));

        assertEquals("discovery document at " + base + "/realms/x" + WELL_KNOWN
                + " is not a JSON object (Content-Type text/html; charset=utf-8)", e.getMessage());
    }

    @Test
    void jsonThatIsNotAnObject_isRefused() {
        serve("/realms/x" + WELL_KNOWN, 200, "application/json", "[\"issuer\"]");

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, base + "/realms/x"));

        assertEquals("discovery document at " + base + "/realms/x" + WELL_KNOWN
                + " is not a JSON object (Content-Type application/json)", e.getMessage());
    }

    @Test
    void missingKeys_areAllNamed() {
        String issuer = base + "/realms/x";
        serve("/realms/x" + WELL_KNOWN, 200, "application/json", """
                {"issuer":"%s","token_endpoint":"t","jwks_uri":42}""".formatted(issuer));

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, issuer));

        assertEquals("discovery document at " + issuer + WELL_KNOWN + " lacks authorization_endpoint, jwks_uri", e.getMessage());
    }

    @Test
    void missingIssuer_isMissing_notAMismatch() {
        serve("/realms/x" + WELL_KNOWN, 200, "application/json", """
                {"authorization_endpoint":"a","token_endpoint":"t","jwks_uri":"j"}""");

        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, base + "/realms/x"));

        assertEquals("discovery document at " + base + "/realms/x" + WELL_KNOWN + " lacks issuer", e.getMessage());
    }

    @Test
    void emptyOrNonHttpIssuer_isRefusedWithoutACall() {
        assertEquals("issuer is empty", assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, " ")).getMessage());
        assertEquals("issuer is not an http or https URL: keycloak/realms/x",
                assertThrows(DiscoveryException.class, () -> Discovery.fetch(http, "keycloak/realms/x")).getMessage());
        assertEquals(List.of(), requested);
    }

    @Test
    void closedPort_isUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        UnreachableException e = assertThrows(UnreachableException.class,
                () -> Discovery.fetch(http, "http://127.0.0.1:" + port + "/realms/x"));

        assertEquals("connection refused", e.reason());
        assertEquals("http://127.0.0.1:" + port + "/realms/x" + WELL_KNOWN, e.url());
    }

    @Test
    void untrustedIssuer_isATlsProblem_andTrustedThroughCaCert(@TempDir Path dir) {
        TlsFixtures.Identity local = TlsFixtures.selfSigned(dir, "localhost", "dns:localhost,ip:127.0.0.1", null, 30);
        HttpsServer tls = local.serve(this::answer);
        try {
            String issuer = "https://localhost:" + tls.getAddress().getPort() + "/realms/kubeflow";
            serve("/realms/kubeflow" + WELL_KNOWN, 200, "application/json", keycloakDocument(issuer));

            TlsException e = assertThrows(TlsException.class, () -> Discovery.fetch(http, issuer));
            assertEquals("certificate of localhost is not trusted (issued by localhost)", e.getMessage());

            assertEquals(issuer, Discovery.fetch(HttpClients.create(Optional.of(local.pem())), issuer).issuer());
        } finally {
            tls.stop(0);
        }
    }

    @Test
    void wellKnownUrl_dropsOneTrailingSlash_likeGoOidc() {
        assertEquals("https://kc/realms/x" + WELL_KNOWN, Discovery.wellKnownUrl("https://kc/realms/x"));
        assertEquals("https://kc/realms/x" + WELL_KNOWN, Discovery.wellKnownUrl("https://kc/realms/x/"));
        assertEquals("https://kc/realms/x/" + WELL_KNOWN, Discovery.wellKnownUrl("https://kc/realms/x//"));
    }

    private static String keycloakDocument(String issuer) {
        String p = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return """
                {"issuer":"%1$s","authorization_endpoint":"%2$s/protocol/openid-connect/auth",
                 "token_endpoint":"%2$s/protocol/openid-connect/token",
                 "introspection_endpoint":"%2$s/protocol/openid-connect/token/introspect",
                 "userinfo_endpoint":"%2$s/protocol/openid-connect/userinfo",
                 "jwks_uri":"%2$s/protocol/openid-connect/certs",
                 "response_types_supported":["code"],"id_token_signing_alg_values_supported":["RS256"]}"""
                .formatted(issuer, p);
    }

    private void serve(String path, int status, String contentType, String body, String... headers) {
        String[] route = new String[3 + headers.length];
        route[0] = String.valueOf(status);
        route[1] = contentType;
        route[2] = body;
        System.arraycopy(headers, 0, route, 3, headers.length);
        routes.put(path, route);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        synchronized (requested) {
            requested.add(path);
        }
        String[] route = routes.getOrDefault(path, new String[] {"404", "text/plain", "Not Found"});
        byte[] body = route[2].getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", route[1]);
        for (int i = 3; i + 1 < route.length; i += 2) {
            exchange.getResponseHeaders().set(route[i], route[i + 1]);
        }
        exchange.sendResponseHeaders(Integer.parseInt(route[0]), body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
