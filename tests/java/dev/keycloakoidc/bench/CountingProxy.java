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

    private CountingProxy(String upstream) throws IOException {
        // Host is a restricted header for HttpURLConnection unless this is set before its first use.
        System.setProperty("sun.net.http.allowRestrictedHeaders", "true");
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

    /** The requests since the last call, and starts a new list. */
    synchronized List<String> drain() {
        List<String> copy = List.copyOf(requests);
        requests.clear();
        return copy;
    }

    private synchronized void record(String request) {
        requests.add(request);
    }

    private void forward(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        record(method + " " + uri.getRawPath());
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
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
