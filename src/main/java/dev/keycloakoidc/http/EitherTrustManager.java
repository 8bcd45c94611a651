package dev.keycloakoidc.http;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a chain that either the system's CAs or the operator's {@code ca-cert} vouch for, and
 * whose server certificate is within its validity period.
 *
 * <p>The validity check is explicit because the JDK accepts a server certificate that is itself a
 * trust anchor (an operator pinning a self-signed certificate through {@code ca-cert}) without
 * looking at its dates, whereas Go, and so Dex, refuses it once it has expired.
 */
final class EitherTrustManager implements X509TrustManager {

    private final X509TrustManager first;
    private final X509TrustManager second;

    EitherTrustManager(X509TrustManager first, X509TrustManager second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this client does not accept TLS clients");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            first.checkServerTrusted(chain, authType);
        } catch (CertificateException notBySystem) {
            second.checkServerTrusted(chain, authType);
        }
        chain[0].checkValidity();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return Stream.concat(Arrays.stream(first.getAcceptedIssuers()), Arrays.stream(second.getAcceptedIssuers()))
                .toArray(X509Certificate[]::new);
    }
}
