package dev.keycloakoidc.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the one kind of HTTP transport the charm uses: bounded timeouts, so that a Keycloak that
 * accepts and never answers cannot hang a hook, and TLS verified against the system trust store
 * plus the operator's {@code ca-cert}. There is deliberately no way to turn verification off.
 */
public final class HttpClients {

    /** Connect, read and write limits of one request; a whole call is bounded by {@link #CALL}. */
    public static final Duration CONNECT = Duration.ofSeconds(5);
    public static final Duration READ = Duration.ofSeconds(10);
    public static final Duration CALL = Duration.ofSeconds(15);

    /**
     * One transport per trust within a process: loading the trust store and setting up TLS is the
     * costliest part of a hook's start, and the admin API and the discovery check would otherwise
     * each pay it.
     */
    private static final Map<Optional<String>, HttpTransport> SHARED = new ConcurrentHashMap<>();

    /** For plain http: no trust store is read and no TLS set up, not even for the first request. */
    private static final HttpTransport CLEARTEXT = new HttpTransport(Optional.empty(), CONNECT, READ, CALL);

    private HttpClients() {}

    /**
     * A transport that trusts the system's CAs and, when given, the certificates of {@code caPem}.
     *
     * @throws IllegalArgumentException when {@code caPem} holds no readable PEM certificate
     */
    public static HttpTransport create(Optional<String> caPem) {
        return SHARED.computeIfAbsent(caPem, pem -> create(pem, CONNECT, READ, CALL));
    }

    /**
     * The transport for requests to {@code url}: for a plain {@code http://} URL one that cannot
     * speak TLS at all, so a hook against an in-cluster Keycloak never loads the trust store nor
     * sets up TLS (together the costliest part of a hook's start); else {@link #create(Optional)}.
     * Redirects are not followed, so a request never moves from http to https.
     */
    public static HttpTransport forUrl(String url, Optional<String> caPem) {
        return url.regionMatches(true, 0, "http://", 0, "http://".length()) ? CLEARTEXT : create(caPem);
    }

    /** As {@link #create(Optional)} with other limits: for tests that must not wait 10 s. */
    static HttpTransport create(Optional<String> caPem, Duration connect, Duration read, Duration call) {
        List<X509ExtendedTrustManager> trust = new ArrayList<>();
        trust.add(trustManager(null));
        caPem.ifPresent(pem -> trust.add(trustManager(storeOf(pem))));
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new ServerTrust(trust)}, null);
            return new HttpTransport(Optional.of(tls.getSocketFactory()), connect, read, call);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot set up TLS", e);
        }
    }

    /**
     * What is wrong with a {@code ca-cert} bundle, for a status such as {@code blocked: ca-cert:
     * certificate My CA expired on 2024-01-31T00:00:00Z}; empty when every certificate is readable
     * and valid at {@code now}.
     *
     * <p>An expired CA is reported although this JDK would still accept chains ending in it (it
     * does not check a trust anchor's dates): Go, and so Dex given the same {@code ca_chain}, does.
     */
    public static Optional<String> caCertProblem(String pem, Instant now) {
        List<X509Certificate> certs;
        try {
            certs = parsePem(pem);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        int blocks = pem.split("-----BEGIN CERTIFICATE-----", -1).length - 1;
        if (certs.size() < blocks) {
            return Optional.of("only " + certs.size() + " of " + blocks + " PEM certificates are readable");
        }
        for (X509Certificate cert : certs) {
            String name = HttpFailures.commonName(cert.getSubjectX500Principal());
            if (now.isAfter(cert.getNotAfter().toInstant())) {
                return Optional.of("certificate " + name + " expired on "
                        + cert.getNotAfter().toInstant().truncatedTo(ChronoUnit.SECONDS));
            }
            if (now.isBefore(cert.getNotBefore().toInstant())) {
                return Optional.of("certificate " + name + " is not valid before "
                        + cert.getNotBefore().toInstant().truncatedTo(ChronoUnit.SECONDS));
            }
        }
        return Optional.empty();
    }

    /**
     * Reads every certificate of a PEM bundle.
     *
     * @throws IllegalArgumentException when the text holds no PEM certificate or one is corrupt
     */
    public static List<X509Certificate> parsePem(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("no '-----BEGIN CERTIFICATE-----' block found");
        }
        try {
            Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            List<X509Certificate> result = new ArrayList<>();
            for (var cert : certs) {
                result.add((X509Certificate) cert);
            }
            if (result.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate found");
            }
            return result;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a readable PEM certificate (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore storeOf(String caPem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate cert : parsePem(caPem)) {
                store.setCertificateEntry("ca-cert-" + n++, cert);
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    /** The JDK's trust manager over {@code store}, or over the system's CAs when it is null. */
    private static X509ExtendedTrustManager trustManager(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager in this Java runtime");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the trust store", e);
        }
    }
}
