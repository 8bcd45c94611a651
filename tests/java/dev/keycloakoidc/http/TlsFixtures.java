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
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
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

        /** The password of {@link #keyStore()} and of its key (a test's, not a secret). */
        public String keyStorePassword() {
            return PASSWORD;
        }

        /**
         * The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), for a
         * server that reads PEM files (Keycloak's {@code https-certificate-key-file}).
         */
        public String privateKeyPem() {
            try {
                KeyStore store = load(keyStore);
                PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
                return "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The certificate chain the server presents, leaf first, as PEM. */
        public String chainPem() {
            try {
                StringBuilder chain = new StringBuilder();
                for (var cert : load(keyStore).getCertificateChain("server")) {
                    chain.append("-----BEGIN CERTIFICATE-----\n")
                            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                }
                return chain.toString();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** An HTTPS server on 127.0.0.1 presenting this identity; the caller stops it. */
        public HttpsServer serve(HttpHandler handler) {
            try {
                KeyStore store = load(keyStore);
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

    /**
     * A private certificate authority: a key store with its key (alias {@code ca}) and its
     * certificate as PEM, which is what a {@code certificate_transfer} provider such as
     * self-signed-certificates sends.
     */
    public record PrivateCa(Path keyStore, String pem) {

        public X509Certificate certificate() {
            return HttpClients.parsePem(pem).get(0);
        }

        /**
         * A server key and a certificate for it signed by this CA, in a key store that holds the
         * chain (server, then CA), as a server behind a private CA presents it.
         *
         * @param san keytool's {@code -ext SAN=} value, e.g. {@code ip:127.0.0.1}
         */
        public Identity issue(Path dir, String cn, String san) {
            Path store = dir.resolve(cn + "-" + Math.abs((san + pem).hashCode()) + "-by-ca.p12");
            Path csr = dir.resolve(store.getFileName() + ".csr");
            Path caFile = dir.resolve(store.getFileName() + ".ca.pem");
            Path signed = dir.resolve(store.getFileName() + ".pem");
            run(List.of(keytool(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + cn, "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD));
            run(List.of(keytool(), "-certreq", "-alias", "server", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-file", csr.toString()));
            run(List.of(keytool(), "-gencert", "-alias", "ca", "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-infile", csr.toString(), "-outfile", signed.toString(), "-rfc",
                    "-validity", "30", "-ext", "SAN=" + san, "-ext", "KeyUsage:critical=digitalSignature",
                    "-ext", "ExtendedKeyUsage=serverAuth"));
            try {
                Files.writeString(caFile, pem);
                // The CA first, as a trusted entry, so that keytool can build the chain of the reply.
                run(List.of(keytool(), "-importcert", "-noprompt", "-alias", "ca", "-file", caFile.toString(),
                        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
                run(List.of(keytool(), "-importcert", "-alias", "server", "-file", signed.toString(),
                        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
                return new Identity(store, Files.readString(signed));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TlsFixtures() {}

    /** Three CAs ({@code CN=Test CA 1} to {@code 3}), made once per test JVM: keytool costs about a second each. */
    public static synchronized List<PrivateCa> sharedCas() {
        if (sharedCas == null) {
            try {
                Path dir = Files.createTempDirectory("test-cas");
                sharedCas = List.of(privateCa(dir, "Test CA 1"), privateCa(dir, "Test CA 2"), privateCa(dir, "Test CA 3"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return sharedCas;
    }

    private static List<PrivateCa> sharedCas;

    /** Makes a CA's EC key and self-signed certificate (basic constraints CA:true) with {@code keytool}. */
    public static PrivateCa privateCa(Path dir, String cn) {
        Path store = dir.resolve(cn + "-ca.p12");
        run(List.of(keytool(), "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + cn, "-validity", "30", "-ext", "BasicConstraints:critical=ca:true",
                "-ext", "KeyUsage:critical=keyCertSign,cRLSign",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        String pem = run(List.of(keytool(), "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD));
        return new PrivateCa(store, pem);
    }

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

    private static KeyStore load(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
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
