package dev.keycloakoidc.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a server certificate is for a host, the way Go's {@code crypto/x509} (and so Dex)
 * decides: by its subject alternative names only, never by its subject's CN; a wildcard stands
 * for exactly one whole leftmost label; an IP address matches only an IP entry.
 *
 * <p>The JDK's own check still accepts a CN when a certificate has no DNS names, which would let
 * the charm pass a Keycloak that Dex then refuses at start-up.
 */
final class HostNames {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private HostNames() {}

    static boolean matches(String host, X509Certificate certificate) {
        String name = normalise(host);
        boolean ip = isIpLiteral(name);
        List<List<?>> sans;
        try {
            sans = certificate.getSubjectAlternativeNames() == null ? List.of()
                    : List.copyOf(certificate.getSubjectAlternativeNames());
        } catch (CertificateParsingException unreadable) {
            return false;
        }
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (ip ? type == SAN_IP && sameAddress(name, value) : type == SAN_DNS && dnsMatches(name, normalise(value))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the certificate names any DNS name or IP address at all (old ones use only the CN). */
    static boolean hasSubjectAltNames(X509Certificate certificate) {
        try {
            var sans = certificate.getSubjectAlternativeNames();
            return sans != null && sans.stream().anyMatch(san -> {
                int type = (Integer) san.get(0);
                return type == SAN_DNS || type == SAN_IP;
            });
        } catch (CertificateParsingException unreadable) {
            return false;
        }
    }

    /** An IPv4 or IPv6 literal (SNI must not carry one, and it matches only IP entries). */
    static boolean isIpLiteral(String host) {
        return host.contains(":") || IPV4.matcher(host).matches();
    }

    private static String normalise(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean dnsMatches(String host, String pattern) {
        if (!pattern.startsWith("*.")) {
            return host.equals(pattern);
        }
        String parent = pattern.substring(1);
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(parent);
    }

    private static boolean sameAddress(String literal, String entry) {
        try {
            // Both are literals, so no name is looked up; parsing makes ::1 and 0:0:0:0:0:0:0:1 equal.
            return Arrays.equals(InetAddress.getByName(literal).getAddress(), InetAddress.getByName(entry).getAddress());
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
