package dev.keycloakoidc.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real Keycloak that answers chosen requests itself with
 * an error status, the way an overloaded Keycloak or a load balancer with no healthy backend
 * does; everything else is passed through. Keycloak sees the proxy's requests with its own
 * {@code Host}, so issuers in its answers name Keycloak, not the proxy.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.inFrontOf(keycloak.baseUrl())) {
 *     proxy.fail(503, FaultProxy.TOKEN);
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    /** Requests for a token in any realm; predicates see {@code "METHOD /path"}. */
    public static final Predicate<String> TOKEN = request -> request.endsWith("/protocol/openid-connect/token");
    /** Requests to the admin REST API. */
    public static final Predicate<String> ADMIN = request -> request.contains(" /admin/");

    /** Exactly this method and path, e.g. {@code request("POST", "/admin/realms/x/clients")}. */
    public static Predicate<String> request(String method, String path) {
        return (method + " " + path)::equals;
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "keep-alive", "upgrade", "expect");

    private record Fault(int status, Predicate<String> requests, boolean forwardFirst) {}

    private final String target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> exchanges = new CopyOnWriteArrayList<>();

    private FaultProxy(String target) throws IOException {
        this.target = target.replaceAll("/+$", "");
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Passes everything through to {@code targetBaseUrl} until told to fail. */
    public static FaultProxy inFrontOf(String targetBaseUrl) {
        try {
            return new FaultProxy(targetBaseUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** E.g. {@code http://127.0.0.1:40123}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on answers matching requests ({@code "METHOD /path"}) with {@code status} and a short text. */
    public FaultProxy fail(int status, Predicate<String> requests) {
        faults.add(new Fault(status, requests, false));
        return this;
    }

    /**
     * Passes matching requests on to Keycloak, then answers {@code status} instead of Keycloak's
     * answer: a request that did its work although the caller never learnt it.
     */
    public FaultProxy failAfterForwarding(int status, Predicate<String> requests) {
        faults.add(new Fault(status, requests, true));
        return this;
    }

    /** Passes everything through again. */
    public FaultProxy heal() {
        faults.clear();
        return this;
    }

    /** {@code METHOD path} of every request received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** {@code METHOD path?query -> status} of every request answered, in order. */
    public List<String> exchanges() {
        return List.copyOf(exchanges);
    }

    /** {@code METHOD path -> status} for each request answered with a fault. */
    public List<String> failedRequests() {
        return List.copyOf(failed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String request = exchange.getRequestMethod() + " " + path;
            requests.add(request);
            for (Fault fault : faults) {
                if (fault.requests().test(request)) {
                    failed.add(request + " -> " + fault.status());
                    if (fault.forwardFirst()) {
                        forwardAndDiscard(exchange, body);
                    }
                    answered(exchange, fault.status());
                    byte[] text = ("fault injected by the test: " + fault.status()).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(fault.status(), text.length);
                    exchange.getResponseBody().write(text);
                    return;
                }
            }
            forward(exchange, body);
        }
    }

    private void forwardAndDiscard(HttpExchange exchange, byte[] body) throws IOException {
        try {
            client.send(toTarget(exchange, body).build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest.Builder toTarget(HttpExchange exchange, byte[] body) {
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().getRawPath()
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        return request;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = toTarget(exchange, body);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answered(exchange, 502);
            exchange.sendResponseHeaders(502, -1);
            return;
        } catch (IOException e) {
            answered(exchange, 502);
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        answered(exchange, response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readAllBytes();
        }
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private void answered(HttpExchange exchange, int status) {
        String query = exchange.getRequestURI().getRawQuery();
        exchanges.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (query == null ? "" : "?" + query) + " -> " + status);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
