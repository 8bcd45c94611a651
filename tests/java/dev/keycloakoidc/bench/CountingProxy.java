package dev.keycloakoidc.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A reverse proxy in front of Keycloak that records every request ({@code METHOD /path}), so the
 * benchmark can count what a hook asks of Keycloak. The {@code Host} header is passed on as the
 * charm sent it, so Keycloak derives its issuer from the proxy's address: the charm's
 * {@code keycloak-url}, issuer and discovery document all agree on the proxy URL.
 */
final class CountingProxy implements AutoCloseable {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-connection");

    private final HttpServer server;
    private final String upstream;
    private final List<String> requests = new ArrayList<>();
    private long upstreamNanos;

    private CountingProxy(String upstream) throws IOException {
        if (!Boolean.getBoolean("sun.net.http.allowRestrictedHeaders")) {
            throw new IllegalStateException("set -Dsun.net.http.allowRestrictedHeaders=true before the first HTTP request: "
                    + "without it Host is not passed on and Keycloak's issuer is not the proxy's URL");
        }
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "counting-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    static CountingProxy start(String upstream) throws IOException {
        return new CountingProxy(upstream);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests since the last call ({@code METHOD /path (N ms)}), and starts a new list. */
    synchronized List<String> drain() {
        List<String> copy = List.copyOf(requests);
        requests.clear();
        upstreamNanos = 0;
        return copy;
    }

    /** Time Keycloak took to answer the requests since the last {@link #drain}, proxy included. */
    synchronized long upstreamNanos() {
        return upstreamNanos;
    }

    private synchronized void record(String request, long nanos) {
        requests.add(String.format("%s (%d ms)", request, nanos / 1_000_000));
        upstreamNanos += nanos;
    }

    private void forward(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        long started = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpURLConnection conn = (HttpURLConnection) URI.create(upstream + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())).toURL().openConnection();
        conn.setInstanceFollowRedirects(false);
        conn.setRequestMethod(method);
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                h.getValue().forEach(v -> conn.addRequestProperty(h.getKey(), v));
            }
        }
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            conn.setDoOutput(true);
            try (OutputStream out = conn.getOutputStream()) {
                out.write(body);
            }
        }
        int status = conn.getResponseCode();
        byte[] answer;
        try (InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        for (Map.Entry<String, List<String>> h : conn.getHeaderFields().entrySet()) {
            if (h.getKey() != null && !HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                exchange.getResponseHeaders().put(h.getKey(), h.getValue());
            }
        }
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
        record(method + " " + uri.getRawPath() + " " + status + ", " + answer.length / 1024 + " KiB", System.nanoTime() - started);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
