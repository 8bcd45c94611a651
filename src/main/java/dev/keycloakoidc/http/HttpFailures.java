package dev.keycloakoidc.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.security.auth.x500.X500Principal;

/** Turns what {@link HttpTransport} throws into the two failures the charm reports differently. */
public final class HttpFailures {

    /** SAN entry types of RFC 5280 that name a server. */
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private HttpFailures() {}

    /**
     * Classifies a failed call to {@code url}: a TLS problem (untrusted, wrong name, expired,
     * described with the certificate's subject names) becomes a {@link TlsException}; anything
     * else (refused, timeout, DNS) an {@link UnreachableException} with a short reason such as
     * {@code connection refused} or {@code no answer within 10 s}.
     *
     * <p>The messages, exactly: {@code certificate of <host> expired on <RFC 3339 instant>},
     * {@code certificate of <host> is not valid before <instant>}, {@code certificate of <host> is
     * for [<DNS and IP SANs, or the CN>]}, {@code certificate of <host> is not trusted (issued by
     * <CN of the top certificate's issuer>)}, {@code <host>:<port> does not answer with TLS (is it
     * http://?)}; reasons {@code connection refused}, {@code no answer within <n> s},
     * {@code unknown host <host>}, {@code no route to host}, else the cause's own message.
     *
     * <p>Timeouts are reported with the limits of {@link HttpClients#create}; use
     * {@link #classify(HttpTransport, URI, IOException)} for a transport built otherwise.
     */
    public static RuntimeException classify(URI url, IOException failure) {
        return classify(HttpClients.CONNECT, HttpClients.READ, HttpClients.CALL, url, failure);
    }

    /** As {@link #classify(URI, IOException)}, naming the limits {@code transport} really has. */
    public static RuntimeException classify(HttpTransport transport, URI url, IOException failure) {
        return classify(transport.connectTimeout(), transport.readTimeout(), transport.callTimeout(), url, failure);
    }

    private static RuntimeException classify(Duration connect, Duration read, Duration call, URI url,
                                             IOException failure) {
        if (failure instanceof SSLException tls) {
            return new TlsException(url.getHost(), tlsProblem(url, tls), failure);
        }
        return new UnreachableException(url.toString(), reason(connect, read, call, url, failure), failure);
    }

    private static String reason(Duration connect, Duration read, Duration call, URI url, IOException failure) {
        if (failure instanceof UnknownHostException) {
            return "unknown host " + url.getHost();
        }
        if (failure instanceof SocketTimeoutException) {
            // "Connect timed out" or "Read timed out".
            boolean connecting = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            return noAnswerWithin(connecting ? connect : read);
        }
        if (failure instanceof InterruptedIOException) {
            // HttpTransport's call limit, not a SocketTimeoutException.
            return noAnswerWithin(call);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
                return "connection refused";
            }
        }
        return String.valueOf(rootCause(failure).getMessage());
    }

    private static String noAnswerWithin(Duration limit) {
        if (limit.isZero()) {
            return "no answer in time";
        }
        return "no answer within "
                + BigDecimal.valueOf(limit.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString() + " s";
    }

    /**
     * Reads the certificate the server presents to say what is wrong with it, in the order a
     * person fixes things: an expired certificate first, then one for another name (trusting it
     * through {@code ca-cert} would not help), then an untrusted issuer.
     */
    private static String tlsProblem(URI url, SSLException failure) {
        String host = url.getHost();
        int port = port(url);
        boolean certificateRefused = hasCause(failure, CertificateException.class);
        if (!certificateRefused) {
            String message = String.valueOf(rootCause(failure).getMessage());
            if (message.contains("Unsupported or unrecognized SSL message")) {
                return host + ":" + port + " does not answer with TLS (is it http://?)";
            }
            return "TLS handshake with " + host + " failed: " + message;
        }
        Optional<List<X509Certificate>> chain = CertificateProbe.presentedChain(host, port);
        if (chain.isEmpty()) {
            return "certificate of " + host + " refused: " + rootCause(failure).getMessage();
        }
        return describe(host, chain.get(), hasCause(failure, ServerTrust.NameMismatch.class), Clock.systemUTC())
                .orElseGet(() -> "certificate of " + host + " refused: " + rootCause(failure).getMessage());
    }

    /** Package-private so that the order of the checks can be tested on real certificates. */
    static Optional<String> describe(String host, List<X509Certificate> chain, boolean nameRefused, Clock clock) {
        X509Certificate leaf = chain.get(0);
        Instant now = clock.instant();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return Optional.of("certificate of " + host + " expired on " + instant(leaf.getNotAfter().toInstant()));
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            return Optional.of("certificate of " + host + " is not valid before " + instant(leaf.getNotBefore().toInstant()));
        }
        if (!HostNames.matches(host, leaf)) {
            List<String> names = names(leaf);
            if (names.size() == 1 && names.get(0).equalsIgnoreCase(host) && !HostNames.hasSubjectAltNames(leaf)) {
                return Optional.of("certificate of " + host + " names it only in its subject CN, which Dex (Go) ignores:"
                        + " it needs a subject alternative name DNS:" + host);
            }
            return Optional.of("certificate of " + host + " is for " + names);
        }
        if (nameRefused) {
            return Optional.empty(); // refused for its name, yet the name matches: say what the JDK said
        }
        X509Certificate top = chain.get(chain.size() - 1);
        return Optional.of("certificate of " + host + " is not trusted (issued by "
                + commonName(top.getIssuerX500Principal()) + ")");
    }

    /** The DNS and IP subject alternative names in order; the subject's CN when there are none. */
    static List<String> names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            var sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS || type == SAN_IP) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException unreadable) {
            // fall back to the subject's common name, as old clients would
        }
        if (names.isEmpty()) {
            names.add(commonName(cert.getSubjectX500Principal()));
        }
        return names;
    }

    /** The CN of a distinguished name, or the whole name when it has no CN. */
    static String commonName(X500Principal principal) {
        String dn = principal.getName(X500Principal.RFC2253);
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException unreadable) {
            // the whole name below
        }
        return dn;
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static String instant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
