package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host names against real certificates, with Go's rules (crypto/x509 VerifyHostname) as the oracle. */
class HostNamesTest {

    @TempDir
    static Path dir;

    static TlsFixtures.Identity wildcard;
    static TlsFixtures.Identity addresses;
    static TlsFixtures.Identity cnOnly;

    @BeforeAll
    static void certificates() {
        wildcard = TlsFixtures.selfSigned(dir, "ignored.example.com", "dns:*.apps.example.com,dns:Keycloak.Example.com", null, 30);
        addresses = TlsFixtures.selfSigned(dir, "127.0.0.1", "ip:127.0.0.1,ip:::1", null, 30);
        cnOnly = TlsFixtures.selfSigned(dir, "keycloak.internal", null, null, 30);
    }

    @Test
    void dnsNames_matchWithoutRegardToCase_orATrailingDot() {
        assertTrue(HostNames.matches("keycloak.example.com", wildcard.certificate()));
        assertTrue(HostNames.matches("KEYCLOAK.example.com.", wildcard.certificate()));
        assertFalse(HostNames.matches("example.com", wildcard.certificate()));
    }

    @Test
    void aWildcard_standsForExactlyOneLeftmostLabel() {
        assertTrue(HostNames.matches("kc.apps.example.com", wildcard.certificate()));
        assertFalse(HostNames.matches("apps.example.com", wildcard.certificate()));
        assertFalse(HostNames.matches("a.kc.apps.example.com", wildcard.certificate()));
    }

    @Test
    void theSubjectCn_isNeverAName() {
        assertFalse(HostNames.matches("keycloak.internal", cnOnly.certificate()));
        assertFalse(HostNames.matches("ignored.example.com", wildcard.certificate()));
        assertFalse(HostNames.hasSubjectAltNames(cnOnly.certificate()));
        assertTrue(HostNames.hasSubjectAltNames(wildcard.certificate()));
    }

    @Test
    void addresses_matchOnlyIpEntries_inAnySpelling() {
        assertTrue(HostNames.matches("127.0.0.1", addresses.certificate()));
        assertTrue(HostNames.matches("[::1]", addresses.certificate()));
        assertTrue(HostNames.matches("0:0:0:0:0:0:0:1", addresses.certificate()));
        assertFalse(HostNames.matches("127.0.0.2", addresses.certificate()));
        // The CN spells the address, but a CN is not an IP entry.
        assertFalse(HostNames.matches("localhost", addresses.certificate()));
    }

    @Test
    void ipLiterals_areToldFromNames() {
        assertTrue(HostNames.isIpLiteral("10.0.0.1"));
        assertTrue(HostNames.isIpLiteral("::1"));
        assertFalse(HostNames.isIpLiteral("keycloak.example.com"));
        assertFalse(HostNames.isIpLiteral("1.2.3"));
    }
}
