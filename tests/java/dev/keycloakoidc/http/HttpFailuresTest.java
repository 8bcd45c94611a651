package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real servers, real certificates, real failures: what each one says in a status. */
class HttpFailuresTest {

    @TempDir
    static Path dir;

    /** Like the ingress controller's default certificate that Kubeflow installs come with. */
    static TlsFixtures.Identity ingressLocal;
    /** Valid for this machine, trusted only through ca-cert. */
    static TlsFixtures.Identity local;
    static TlsFixtures.Identity expired;

    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        ingressLocal = TlsFixtures.selfSigned(dir, "ingress.local", "dns:ingress.local", null, 30);
        local = TlsFixtures.selfSigned(dir, "localhost", "dns:localhost,ip:127.0.0.1", null, 30);
        expired = TlsFixtures.selfSigned(dir, "localhost", "dns:localhost,ip:127.0.0.1", "-10d", 1);
    }

    @AfterEach
    void stop() {
        cleanup.forEach(Runnable::run);
    }

    @Test
    void certificateForAnotherName_namesWhatItIsFor() {
        int port = https(ingressLocal);
        HttpTransport trusting = HttpClients.create(Optional.of(ingressLocal.pem()));

        assertEquals("certificate of 127.0.0.1 is for [ingress.local]",
                tlsFailure(trusting, "https://127.0.0.1:" + port + "/").getMessage());
        assertEquals("certificate of localhost is for [ingress.local]",
                tlsFailure(trusting, "https://localhost:" + port + "/").getMessage());
    }

    @Test
    void untrustedCertificateForAnotherName_reportsTheName_becauseTrustingItWouldNotHelp() {
        int port = https(ingressLocal);

        TlsException failure = tlsFailure(HttpClients.create(Optional.empty()), "https://127.0.0.1:" + port + "/");

        assertEquals("certificate of 127.0.0.1 is for [ingress.local]", failure.getMessage());
        assertEquals("127.0.0.1", failure.host());
    }

    @Test
    void selfSignedCertificate_isNotTrustedWithoutCaCert() {
        int port = https(local);

        assertEquals("certificate of localhost is not trusted (issued by localhost)",
                tlsFailure(HttpClients.create(Optional.empty()), "https://localhost:" + port + "/").getMessage());
    }

    @Test
    void selfSignedCertificate_isTrustedThroughCaCert() throws IOException {
        int port = https(local);
        HttpTransport trusting = HttpClients.create(Optional.of(local.pem()));

        for (String host : List.of("localhost", "127.0.0.1")) {
            assertEquals(200, trusting.send(get("https://" + host + ":" + port + "/"), 1024).status());
        }
    }

    @Test
    void expiredCertificate_saysWhen_trustedOrNot() {
        int port = https(expired);
        String when = expired.certificate().getNotAfter().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String url = "https://localhost:" + port + "/";

        assertEquals("certificate of localhost expired on " + when,
                tlsFailure(HttpClients.create(Optional.empty()), url).getMessage());
        // Pinned through ca-cert, the JDK alone would accept it; Go, and so Dex, would not.
        assertEquals("certificate of localhost expired on " + when,
                tlsFailure(HttpClients.create(Optional.of(expired.pem())), url).getMessage());
    }

    @Test
    void plainHttpServerOnAnHttpsUrl_saysSo() throws IOException {
        // What nginx does with a TLS ClientHello on a plain port: an HTTP 400, then close.
        int port = answeringServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertEquals("127.0.0.1:" + port + " does not answer with TLS (is it http://?)",
                tlsFailure(HttpClients.create(Optional.empty()), "https://127.0.0.1:" + port + "/").getMessage());
    }

    @Test
    void closedPort_isConnectionRefused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";

        UnreachableException failure = unreachable(HttpClients.create(Optional.empty()), url);

        assertEquals("connection refused", failure.reason());
        assertEquals("unreachable at " + url + ": connection refused", failure.getMessage());
        assertEquals(url, failure.url());
    }

    @Test
    void serverThatNeverAnswers_timesOut() throws IOException {
        int port = silentServer();
        HttpTransport impatient = HttpClients.create(Optional.empty(), Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofSeconds(5));

        assertEquals("no answer within 0.3 s", unreachable(impatient, "http://127.0.0.1:" + port + "/").reason());
        // A TLS handshake that never gets an answer is a timeout too, not a certificate problem.
        assertEquals("no answer within 0.3 s", unreachable(impatient, "https://127.0.0.1:" + port + "/").reason());
    }

    @Test
    void callTimeout_isReportedWithItsOwnLimit() throws IOException {
        int port = silentServer();
        HttpTransport impatient = HttpClients.create(Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(250));

        assertEquals("no answer within 0.25 s", unreachable(impatient, "http://127.0.0.1:" + port + "/").reason());
    }

    @Test
    void withoutAClient_timeoutsAreThoseOfTheProductionClient() {
        URI url = URI.create("https://keycloak.example.com/");

        assertEquals("no answer within 5 s", reason(url, new SocketTimeoutException("Connect timed out")));
        assertEquals("no answer within 10 s", reason(url, new SocketTimeoutException("Read timed out")));
        assertEquals("no answer within 15 s", reason(url, new InterruptedIOException("timeout")));
    }

    /** The real lookup, answered by tests/hosts (see pom.xml), where the name is not: no resolver is asked. */
    @Test
    void unknownHost_namesIt() {
        UnreachableException failure = unreachable(HttpClients.create(Optional.empty()), "https://no-such-host.invalid/");

        assertEquals("unknown host no-such-host.invalid", failure.reason());
    }

    private static String reason(URI url, IOException failure) {
        return assertInstanceOf(UnreachableException.class, HttpFailures.classify(url, failure)).reason();
    }

    private int https(TlsFixtures.Identity identity) {
        HttpsServer server = identity.serve(HttpFailuresTest::ok);
        cleanup.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    /** Accepts connections and never reads or writes a byte. */
    private int silentServer() throws IOException {
        return answeringServer(null);
    }

    /** Accepts connections and writes {@code answer} on each at once, without reading; null: nothing. */
    private int answeringServer(String answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    if (answer != null) {
                        socket.getOutputStream().write(answer.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        socket.getOutputStream().flush();
                    }
                }
            } catch (IOException closed) {
                // stopped
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        cleanup.add(() -> {
            try {
                server.close();
                for (Socket s : accepted) {
                    s.close();
                }
            } catch (IOException ignored) {
                // best effort
            }
        });
        return server.getLocalPort();
    }

    private static void ok(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.get(URI.create(url), Map.of());
    }

    private static RuntimeException failure(HttpTransport client, String url) {
        IOException thrown = assertThrows(IOException.class, () -> client.send(get(url), 1024));
        return HttpFailures.classify(client, URI.create(url), thrown);
    }

    private static TlsException tlsFailure(HttpTransport client, String url) {
        return assertInstanceOf(TlsException.class, failure(client, url));
    }

    private static UnreachableException unreachable(HttpTransport client, String url) {
        return assertInstanceOf(UnreachableException.class, failure(client, url));
    }
}
