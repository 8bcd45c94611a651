package dev.keycloakoidc.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads the certificate chain a TLS server presents, without judging it, so that a failed call
 * can say <em>why</em> the certificate was refused (whose name it carries, who issued it, when it
 * expired). Used only by {@link HttpFailures} after a real call has already failed.
 *
 * <p>This is the one place in the charm that accepts any certificate. That is safe only because
 * the connection is closed right after the handshake: no request is sent, nothing received over it
 * is used as data, and its only output is text for a status message.
 */
final class CertificateProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private CertificateProbe() {}

    /** The presented chain, leaf first; empty when the handshake itself fails. */
    static Optional<List<X509Certificate>> presentedChain(String host, int port) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new AcceptAnything()}, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
                plain.setSoTimeout((int) TIMEOUT.toMillis());
                try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true)) {
                    if (!HostNames.isIpLiteral(host)) { // SNI carries only DNS names (RFC 6066)
                        // The same SNI name the real call sent, so a server with several
                        // certificates presents the one that call saw.
                        SSLParameters parameters = socket.getSSLParameters();
                        parameters.setServerNames(List.of(new SNIHostName(host)));
                        socket.setSSLParameters(parameters);
                    }
                    socket.startHandshake();
                    var certs = socket.getSession().getPeerCertificates();
                    List<X509Certificate> chain = new java.util.ArrayList<>();
                    for (var cert : certs) {
                        if (cert instanceof X509Certificate x509) {
                            chain.add(x509);
                        }
                    }
                    return chain.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(chain));
                }
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Extended so that the JDK does not wrap it with its own algorithm and identity checks: the
     * probe must see certificates that those checks would refuse.
     */
    private static final class AcceptAnything extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("server side is not probed");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("server side is not probed");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("server side is not probed");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
