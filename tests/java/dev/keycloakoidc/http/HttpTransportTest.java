package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transport against real sockets: what is sent, what comes back, and what is never done twice. */
class HttpTransportTest {

    private final HttpTransport http = new HttpTransport(Optional.empty(), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(10));
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    @Test
    void post_sendsBodyAndHeaders_andReadsTheWholeAnswer() throws IOException {
        List<String> seen = new CopyOnWriteArrayList<>();
        URI url = serve(exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + new String(body, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Location", "http://kc/admin/realms/r/clients/1");
            send(exchange, 201, "{\"ok\":true}");
        });

        HttpReply reply = http.send(new HttpRequest("POST", url.resolve("/admin/realms/r/clients"),
                Map.of("Content-Type", "application/json", "Authorization", "Bearer t"),
                "{\"clientId\":\"dex\"}".getBytes(StandardCharsets.UTF_8)), 1024);

        assertEquals(List.of("POST /admin/realms/r/clients application/json Bearer t {\"clientId\":\"dex\"}"), seen);
        assertEquals(201, reply.status());
        assertEquals("{\"ok\":true}", reply.text());
        assertEquals(Optional.of("http://kc/admin/realms/r/clients/1"), reply.header("location"));
    }

    @Test
    void aPostWithoutBody_sendsAnEmptyOne() throws IOException {
        List<String> lengths = new CopyOnWriteArrayList<>();
        URI url = serve(exchange -> {
            lengths.add(exchange.getRequestHeaders().getFirst("Content-Length"));
            send(exchange, 204, null);
        });

        assertEquals(204, http.send(new HttpRequest("POST", url, Map.of(), null), 1024).status());
        assertEquals(List.of("0"), lengths);
    }

    @Test
    void unauthorized_isAnAnswer_withItsBody_evenForAPost() throws IOException {
        // Keycloak's 401 carries a WWW-Authenticate challenge and the reason in its body.
        URI url = serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"master\"");
            send(exchange, 401, "{\"error\":\"HTTP 401 Unauthorized\"}");
        });

        HttpReply reply = http.send(new HttpRequest("POST", url, Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8)), 1024);

        assertEquals(401, reply.status());
        assertEquals("{\"error\":\"HTTP 401 Unauthorized\"}", reply.text());
    }

    @Test
    void redirects_areNotFollowed() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        URI url = serve(exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "https://elsewhere.example.com/");
            send(exchange, 302, null);
        });

        HttpReply reply = http.send(HttpRequest.get(url, Map.of()), 1024);

        assertEquals(302, reply.status());
        assertEquals(Optional.of("https://elsewhere.example.com/"), reply.header("Location"));
        assertEquals(1, requests.get());
    }

    @Test
    void aLargerAnswerThanAllowed_isRefused() throws IOException {
        URI url = serve(exchange -> send(exchange, 200, "x".repeat(2048)));

        ReplyTooLargeException e = assertThrows(ReplyTooLargeException.class,
                () -> http.send(HttpRequest.get(url, Map.of()), 1024));
        assertEquals(1024, e.limit());
        assertArrayEquals(new byte[2048], new byte[http.send(HttpRequest.get(url, Map.of()), 4096).body().length]);
    }

    @Test
    void requests_shareOneConnection() throws IOException {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        URI url = serve(exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            send(exchange, 200, "{}");
        });

        for (int i = 0; i < 3; i++) {
            http.send(HttpRequest.get(url, Map.of()), 1024);
        }

        assertEquals(3, clientPorts.size());
        assertEquals(1, clientPorts.stream().distinct().count(), "ports " + clientPorts);
    }

    @Test
    void aPost_isNeverSentTwice_whenAKeptAliveConnectionDies() throws Exception {
        // The JDK's default resends a request whose kept-alive connection closes before any
        // answer; for a POST that would make a second client or user.
        AtomicInteger posts = new AtomicInteger();
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        cleanup.add(server);
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("POST")) {
                            posts.incrementAndGet();
                            socket.close(); // read, never answered
                            break;
                        }
                        if (line.isEmpty()) {
                            OutputStream out = socket.getOutputStream();
                            out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                        }
                    }
                }
            } catch (IOException closed) {
                // test over
            }
        });
        thread.setDaemon(true);
        thread.start();
        URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");

        assertEquals(200, http.send(HttpRequest.get(url, Map.of()), 1024).status());
        assertThrows(IOException.class, () -> http.send(new HttpRequest("POST", url, Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8)), 1024));

        Thread.sleep(200); // a resent POST would arrive on a new connection by now
        assertEquals(1, posts.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aServerThatDripsBytes_isCutOffAtTheCallLimit(boolean inTheHeaders) throws Exception {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        cleanup.add(server);
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n";
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                OutputStream out = socket.getOutputStream();
                out.write((inTheHeaders ? head : head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String drip = inTheHeaders ? "X-Slow: " + "x".repeat(100) + "\r\n\r\n" : "x".repeat(100);
                for (char c : drip.toCharArray()) {
                    out.write(c);
                    out.flush();
                    Thread.sleep(100); // each byte well within the read limit
                }
            } catch (IOException | InterruptedException closed) {
                // cut off: the point
            }
        });
        thread.setDaemon(true);
        thread.start();
        HttpTransport impatient = new HttpTransport(Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofMillis(600));
        URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");

        // The whole drip takes over 10 s and would then succeed.
        IOException e = assertThrows(IOException.class, () -> impatient.send(HttpRequest.get(url, Map.of()), 1024));

        assertEquals("no answer within 0.6 s",
                assertInstanceOf(UnreachableException.class, HttpFailures.classify(impatient, url, e)).reason());
    }

    @Test
    void otherSchemes_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> http.send(HttpRequest.get(URI.create("ftp://kc/"), Map.of()), 1));
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private URI serve(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        server.start();
        cleanup.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
