package dev.keycloakoidc.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one request at a time with the JDK's {@link HttpURLConnection}: bounded connect and read
 * timeouts, a bound on the whole exchange (so a server that drips bytes cannot hang a hook), no
 * redirects, no caches, and a POST never sent twice. Connections are kept alive between requests.
 *
 * <p>Why not OkHttp, which the charm used first: a hook is a new JVM, and OkHttp's first request
 * cost 90-180 ms of start-up (its platform probe initialises every security provider, its host
 * canonicalisation loads the IDN tables, Kotlin's runtime comes up) against 15-20 ms for this
 * class, measured on the charm's bundled runtime with its AOT cache. README, "what a hook costs".
 */
public final class HttpTransport {

    static {
        // The JDK resends a request once when a kept-alive connection turns out to be closed;
        // for a POST that may repeat a create that Keycloak already made. GET, PUT and DELETE
        // may be repeated safely.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private final Optional<SSLSocketFactory> tls;
    private final Duration connect;
    private final Duration read;
    private final Duration call;

    /**
     * @param tls     the factory for https URLs; empty for a transport that refuses them
     * @param connect limit for opening the connection
     * @param read    limit for each wait for bytes from the server
     * @param call    limit for the whole exchange, connection to last byte
     */
    public HttpTransport(Optional<SSLSocketFactory> tls, Duration connect, Duration read, Duration call) {
        this.tls = tls;
        this.connect = connect;
        this.read = read;
        this.call = call;
    }

    /** This transport with other read and call limits, for a request known to take long. */
    public HttpTransport withLimits(Duration read, Duration call) {
        return new HttpTransport(tls, connect, read, call);
    }

    public Duration connectTimeout() {
        return connect;
    }

    public Duration readTimeout() {
        return read;
    }

    public Duration callTimeout() {
        return call;
    }

    /**
     * Sends {@code request} and reads the whole answer, whatever its status.
     *
     * @param maxBodyBytes the largest body read; a larger one fails with {@link ReplyTooLargeException}
     * @throws IOException as the JDK reports a failure; an exchange cut short by the call limit is
     *     an {@link InterruptedIOException} that is not a {@link java.net.SocketTimeoutException}
     * @throws IllegalStateException for an https URL on a transport without TLS
     */
    public HttpReply send(HttpRequest request, int maxBodyBytes) throws IOException {
        long deadline = System.nanoTime() + call.toNanos();
        HttpURLConnection connection = open(request.url());
        // Until the headers are in, the JDK reads inside getResponseCode, where only closing the
        // connection from another thread can stop it. The body is read here, against the clock.
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = Deadlines.TIMER.schedule(() -> {
            expired.set(true);
            connection.disconnect();
        }, call.toMillis(), TimeUnit.MILLISECONDS);
        int status;
        InputStream body;
        try {
            status = send(connection, request);
            body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        } catch (IOException e) {
            throw expired.get() ? callTimeout(e) : e;
        } finally {
            watchdog.cancel(false);
        }
        if (expired.get()) {
            throw callTimeout(null);
        }
        try {
            return new HttpReply(status, read(body, maxBodyBytes, deadline), headers(connection));
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private static InterruptedIOException callTimeout(IOException cause) {
        InterruptedIOException timeout = new InterruptedIOException("no answer within the call limit");
        timeout.initCause(cause);
        return timeout;
    }

    private HttpURLConnection open(URI url) throws IOException {
        String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http or https URL: " + url);
        }
        if (scheme.equals("https") && tls.isEmpty()) {
            throw new IllegalStateException("this transport speaks plain http only");
        }
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        if (connection instanceof HttpsURLConnection secure) {
            secure.setSSLSocketFactory(tls.orElseThrow());
        }
        connection.setConnectTimeout(Math.toIntExact(connect.toMillis()));
        connection.setReadTimeout(Math.toIntExact(read.toMillis()));
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        return connection;
    }

    /** Sends the request and returns the answer's status once its headers are in. */
    private static int send(HttpURLConnection connection, HttpRequest request) throws IOException {
        connection.setRequestMethod(request.method());
        request.headers().forEach(connection::setRequestProperty);
        byte[] body = request.body();
        if (body == null && (request.method().equals("POST") || request.method().equals("PUT"))) {
            body = new byte[0];
        }
        if (body != null) {
            // Not streaming mode: in it the JDK turns a 401 into an HttpRetryException instead
            // of an answer, and the admin client needs to see Keycloak's 401.
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        return connection.getResponseCode();
    }

    /**
     * Reads to the end, so that the JDK can hand the connection to the next request; each read
     * waits at most the read limit, and none starts after the deadline.
     */
    private static byte[] read(InputStream stream, int max, long deadline) throws IOException {
        if (stream == null) {
            return new byte[0];
        }
        try (InputStream in = stream) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                if (body.size() > max) {
                    throw new ReplyTooLargeException(max);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw callTimeout(null);
                }
            }
            return body.toByteArray();
        }
    }

    private static Map<String, String> headers(HttpURLConnection connection) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> field : connection.getHeaderFields().entrySet()) {
            List<String> values = field.getValue();
            // The status line comes with a null name; the JDK lists a repeated header's last value first.
            if (field.getKey() != null && values != null && !values.isEmpty()) {
                headers.put(field.getKey().toLowerCase(Locale.ROOT), values.get(0));
            }
        }
        return headers;
    }

    /** One daemon thread for every deadline, made on the first request. */
    private static final class Deadlines {
        static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "http-deadline");
            thread.setDaemon(true);
            return thread;
        });
    }
}
