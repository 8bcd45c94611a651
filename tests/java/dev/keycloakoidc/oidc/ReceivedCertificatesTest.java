package dev.keycloakoidc.oidc;

import static dev.keycloakoidc.oidc.CertificateTransferFixtures.CA_A;
import static dev.keycloakoidc.oidc.CertificateTransferFixtures.CA_B;
import static dev.keycloakoidc.oidc.CertificateTransferFixtures.CA_C;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider's bags on receive-ca-cert, read as the library reads them, with problems named. */
class ReceivedCertificatesTest {

    private static final String PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----\n";
    private static final String CORRUPT = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n";

    private static Map<String, String> app(List<String> certificates) {
        return Map.of("certificates", Json.write(certificates), "version", "1");
    }

    private static ReceivedCertificates.Valid valid(Map<String, String> app, Map<String, Map<String, String>> units) {
        return assertInstanceOf(ReceivedCertificates.Valid.class, ReceivedCertificates.parse(app, units));
    }

    private static String invalid(Map<String, String> app, Map<String, Map<String, String>> units) {
        return assertInstanceOf(ReceivedCertificates.Invalid.class, ReceivedCertificates.parse(app, units)).problem();
    }

    private static String invalidCertificates(String value) {
        return invalid(Map.of("certificates", value, "version", "1"), Map.of());
    }

    @Test
    void version1_everyEntry_inOrder_eachCertificateOnce() {
        ReceivedCertificates.Valid read = valid(app(List.of(CA_B.pem(), CA_A.pem(), CA_B.pem())), Map.of());

        assertEquals(List.of(CA_B.certificate(), CA_A.certificate()), read.certificates().certificates());
        assertEquals(ReceivedCertificates.Source.APP_V1, read.source());
    }

    /** Requirers such as kratos concatenate the entries into one bundle, so a bundle in one entry works for them too. */
    @Test
    void anEntryHoldingABundle_givesEachOfItsCertificates() {
        ReceivedCertificates.Valid read = valid(app(List.of(CA_A.pem() + CA_B.pem(), CA_C.pem())), Map.of());

        assertEquals(CaBundle.of(CA_A.pem() + CA_B.pem() + CA_C.pem()), read.certificates());
    }

    @Test
    void version1_problems_nameTheKeyAndTheEntry() {
        assertEquals("certificates is not a JSON list (not JSON at all)", invalidCertificates(CA_A.pem()));
        assertEquals("certificates is not a JSON list (a JSON object ({\"a\":1}))", invalidCertificates("{\"a\": 1}"));
        assertEquals("certificates is not a JSON list (text (abc))", invalidCertificates("\"abc\""));
        assertEquals("certificates entry 1 is not a string (a JSON number (1))", invalidCertificates("[1]"));
        assertEquals("certificates entry 2 is not a PEM certificate",
                invalidCertificates(Json.write(List.of(CA_A.pem(), "hello"))));
        assertEquals("certificates entry 2: block 1 is a PRIVATE KEY, not a CERTIFICATE",
                invalidCertificates(Json.write(List.of(CA_A.pem(), PRIVATE_KEY))));
        String corrupt = invalidCertificates(Json.write(List.of(CORRUPT)));
        assertTrue(corrupt.startsWith("certificates entry 1: certificate 1 is not readable X.509 ("), corrupt);
    }

    /** The library falls back to the unit bags when the app bag has no certificates; so does the charm. */
    @Test
    void noCertificatesInTheAppBag_readsTheUnitBags_version0() {
        Map<String, String> unit = new LinkedHashMap<>();
        unit.put("ca", Json.write(CA_A.pem()));
        unit.put("certificate", Json.write(CA_A.pem()));
        unit.put("chain", Json.write(List.of(CA_A.pem(), CA_B.pem())));
        unit.put("version", "0");

        for (Map<String, String> app : List.of(Map.<String, String>of(), Map.of("certificates", "[]", "version", "1"))) {
            ReceivedCertificates.Valid read = valid(app, Map.of("ca/0", unit));
            assertEquals(CaBundle.of(CA_A.pem() + CA_B.pem()), read.certificates());
            assertEquals(ReceivedCertificates.Source.UNITS_V0, read.source());
        }
    }

    /** A provider on the v0 library writes ca and certificate as raw PEM, which the v0 library reads as text. */
    @Test
    void version0LibraryProvider_rawPem_isRead_caAndChain_notTheProvidersOwnCertificate() {
        Map<String, String> unit = Map.of("certificate", CA_C.pem(), "ca", CA_A.pem(),
                "chain", Json.write(List.of(CA_B.pem())), "version", "0");

        assertEquals(CaBundle.of(CA_A.pem() + CA_B.pem()), valid(Map.of(), Map.of("traefik/0", unit)).certificates());
    }

    @Test
    void everyUnitBagCounts_andEmptyOnesAreSkipped() {
        Map<String, Map<String, String>> units = new LinkedHashMap<>();
        units.put("ca/0", Map.of());
        units.put("ca/1", Map.of("ca", Json.write(CA_B.pem())));
        units.put("ca/2", Map.of("chain", Json.write(List.of(CA_A.pem(), CA_B.pem()))));

        assertEquals(CaBundle.of(CA_B.pem() + CA_A.pem()), valid(Map.of(), units).certificates());
    }

    @Test
    void version0_problems_nameTheUnitAndTheKey() {
        Map<String, Map<String, String>> units = new LinkedHashMap<>();
        units.put("ca/0", Map.of("ca", Json.write(CA_A.pem())));
        units.put("ca/1", Map.of("ca", Json.write(CA_A.pem()), "chain", "abc"));
        assertEquals("unit ca/1: chain is not a JSON list (text (abc))", invalid(Map.of(), units));

        assertEquals("unit ca/0: ca is not a PEM certificate (a JSON number (5))",
                invalid(Map.of(), Map.of("ca/0", Map.of("ca", "5"))));
        assertEquals("unit ca/0: ca is not a PEM certificate", invalid(Map.of(), Map.of("ca/0", Map.of("ca", "hello"))));
        assertEquals("unit ca/0: chain entry 2 is not a string (JSON null)",
                invalid(Map.of(), Map.of("ca/0", Map.of("chain", "[" + Json.write(CA_A.pem()) + ", null]"))));
    }

    @Test
    void aProviderThatSentNothing_givesNothing() {
        ReceivedCertificates.Valid read = valid(Map.of(), Map.of("ca/0", Map.of(), "ca/1", Map.of("version", "0")));

        assertTrue(read.certificates().isEmpty());
        assertEquals(ReceivedCertificates.Source.NOTHING, read.source());
        assertEquals(ReceivedCertificates.Source.NOTHING, valid(Map.of("version", "1"), Map.of()).source());
    }

    /** As the library: with certificates in the app bag, the unit bags are not looked at, broken or not. */
    @Test
    void version1Data_winsOverUnitBags() {
        ReceivedCertificates.Valid read = valid(app(List.of(CA_A.pem())), Map.of("ca/0", Map.of("chain", "broken")));

        assertEquals(CaBundle.of(CA_A.pem()), read.certificates());
    }

    @Test
    void theVersionKey_isNotLookedAt() {
        assertEquals(CaBundle.of(CA_A.pem()),
                valid(Map.of("certificates", Json.write(List.of(CA_A.pem())), "version", "one"), Map.of()).certificates());
    }

    @Test
    void whatTheCharmWritesAsRequirer_isVersion1() {
        assertEquals(Map.of("version", "1"), ReceivedCertificates.REQUIRER_APP_DATA);
    }
}
