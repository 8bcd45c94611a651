package dev.keycloakoidc.http;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server whose chain one of its delegates (the system's CAs, the operator's
 * {@code ca-cert}) vouches for, whose certificate is within its validity period, and whose
 * certificate names the host by a subject alternative name ({@link HostNames}).
 *
 * <p>The two extra checks are what Go, and so Dex, checks and the JDK does not: the JDK accepts a
 * server certificate that is itself a trust anchor (an operator pinning a self-signed certificate
 * through {@code ca-cert}) without looking at its dates, and it accepts a CN in place of a DNS name.
 */
final class ServerTrust extends X509ExtendedTrustManager {

    private final List<X509ExtendedTrustManager> delegates;

    ServerTrust(List<X509ExtendedTrustManager> delegates) {
        this.delegates = List.copyOf(delegates);
    }

    /** Thrown when the certificate does not name the host; {@link HttpFailures} tells it apart. */
    static final class NameMismatch extends CertificateException {
        NameMismatch(String host) {
            super("the certificate names no " + host + " among its subject alternative names");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        trusted(delegate -> delegate.checkServerTrusted(chain, authType, socket));
        checkLikeGo(chain, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        trusted(delegate -> delegate.checkServerTrusted(chain, authType, engine));
        checkLikeGo(chain, engine == null ? null : engine.getHandshakeSession());
    }

    /** Without a connection there is no host to check: only the chain and its dates are. */
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        trusted(delegate -> delegate.checkServerTrusted(chain, authType));
        chain[0].checkValidity();
    }

    private interface Check {
        void run(X509ExtendedTrustManager delegate) throws CertificateException;
    }

    private void trusted(Check check) throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager delegate : delegates) {
            try {
                check.run(delegate);
                return;
            } catch (CertificateException refused) {
                first = first == null ? refused : first;
            }
        }
        throw first == null ? new CertificateException("no trust anchors") : first;
    }

    private static void checkLikeGo(X509Certificate[] chain, SSLSession handshake) throws CertificateException {
        chain[0].checkValidity();
        String host = handshake == null ? null : handshake.getPeerHost();
        if (host != null && !HostNames.matches(host, chain[0])) {
            throw new NameMismatch(host);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client does not accept TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("this client does not accept TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("this client does not accept TLS clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> issuers = new ArrayList<>();
        for (X509ExtendedTrustManager delegate : delegates) {
            issuers.addAll(List.of(delegate.getAcceptedIssuers()));
        }
        return issuers.toArray(new X509Certificate[0]);
    }
}
