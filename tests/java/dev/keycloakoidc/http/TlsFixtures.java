package dev.keycloakoidc.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Real certificates and real local servers for tests: key stores made by the JDK's own
 * {@code keytool} at test time (nothing checked in that could expire), served by the JDK's
 * {@code HttpsServer} on 127.0.0.1.
 */
public final class TlsFixtures {

    private static final String PASSWORD = "changeit";

    /** A key store with one server key, and its certificate as PEM. */
    public record Identity(Path keyStore, String pem) {

        public X509Certificate certificate() {
            return HttpClients.parsePem(pem).get(0);
        }

        /** An HTTPS server on 127.0.0.1 presenting this identity; the caller stops it. */
        public HttpsServer serve(HttpHandler handler) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    store.load(in, PASSWORD.toCharArray());
                }
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, PASSWORD.toCharArray());
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(keys.getKeyManagers(), null, null);
                HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.setHttpsConfigurator(new HttpsConfigurator(tls));
                server.createContext("/", handler);
                server.start();
                return server;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TlsFixtures() {}

    /**
     * Makes a self-signed EC key and certificate with {@code keytool}.
     *
     * @param san keytool's {@code -ext SAN=} value, e.g. {@code dns:localhost,ip:127.0.0.1}; null for none
     * @param startDate keytool's {@code -startdate}, e.g. {@code -10d}, or null for now
     * @param validityDays keytool's {@code -validity}
     */
    public static Identity selfSigned(Path dir, String cn, String san, String startDate, int validityDays) {
        Path store = dir.resolve(cn + "-" + Math.abs((san + startDate + validityDays).hashCode()) + ".p12");
        List<String> gen = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-validity", String.valueOf(validityDays), "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            gen.addAll(List.of("-ext", "SAN=" + san));
        }
        if (startDate != null) {
            gen.addAll(List.of("-startdate", startDate));
        }
        run(gen);
        String pem = run(List.of(keytool(), "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD));
        return new Identity(store, pem);
    }

    /** A plain HTTP server on 127.0.0.1; the caller stops it. */
    public static HttpServer serveHttp(HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static String run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(argv + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
