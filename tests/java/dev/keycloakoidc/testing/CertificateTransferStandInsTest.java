package dev.keycloakoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.oidc.CertificateTransferVersion;
import dev.keycloakoidc.oidc.ReceivedCertificates;
import dev.keycloakoidc.oidc.SentCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The certificate_transfer stand-ins against the library facts they copy, and the charm's records
 * against the stand-ins: what keycloak-oidc sends reads as the library reads it, and what
 * self-signed-certificates sends reads in keycloak-oidc.
 */
class CertificateTransferStandInsTest {

    private static final TlsFixtures.PrivateCa CA_A = TlsFixtures.sharedCas().get(0);
    private static final TlsFixtures.PrivateCa CA_B = TlsFixtures.sharedCas().get(1);
    private static final Path CHARM;

    static {
        try {
            Path dir = Files.createTempDirectory("certificate-transfer-stand-ins");
            // The charm's metadata.yaml gets these endpoints when the feature is wired; until then a copy that has them.
            CHARM = Files.createDirectories(dir.resolve("charm"));
            Files.writeString(CHARM.resolve("metadata.yaml"), """
                    name: keycloak-oidc
                    provides:
                      send-ca-cert:
                        interface: certificate_transfer
                    requires:
                      receive-ca-cert:
                        interface: certificate_transfer
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String A = CaBundle.of(CA_A.pem()).pems().get(0);
    private static final String B = CaBundle.of(CA_B.pem()).pems().get(0);

    // ---- the provider stand-in: what the library's add_certificates writes ----------------------

    @Test
    void provider_version1_writesTheAppBag_asJsonDumps() {
        CertificateTransferProvider.Written written = CertificateTransferProvider.addCertificates(
                Map.of("version", "1"), Map.of(), Map.of(), Set.of(A));

        assertEquals(Optional.empty(), written.unit());
        assertEquals(Map.of("certificates", "[" + PythonJson.dumps(A) + "]", "version", "1"), written.app().orElseThrow());
        assertTrue(PythonJson.dumps(A).startsWith("\"-----BEGIN CERTIFICATE-----\\nMII"), PythonJson.dumps(A));
    }

    @Test
    void provider_addsToWhatItSentBefore_andRemoveAllLeavesAnEmptyList() {
        Map<String, String> first = CertificateTransferProvider.addCertificates(Map.of("version", "1"), Map.of(), Map.of(), Set.of(A))
                .app().orElseThrow();
        Map<String, String> second = CertificateTransferProvider.addCertificates(Map.of("version", "1"), first, Map.of(), Set.of(B))
                .app().orElseThrow();

        assertEquals("[" + PythonJson.dumps(A) + ", " + PythonJson.dumps(B) + "]", second.get("certificates"));
        assertEquals(Map.of("certificates", "[]", "version", "1"),
                CertificateTransferProvider.removeAllCertificates(Map.of("version", "1")).app().orElseThrow());
    }

    @Test
    void provider_version0_writesItsUnitBag_andNothingWhenThereIsNothing() {
        for (Map<String, String> requirer : List.of(Map.<String, String>of(), Map.of("version", "0"), Map.of("version", "\"1\""))) {
            CertificateTransferProvider.Written written = CertificateTransferProvider.addCertificates(requirer, Map.of(), Map.of(), Set.of(A));
            assertEquals(Optional.empty(), written.app());
            assertEquals(Map.of("ca", PythonJson.dumps(A), "certificate", PythonJson.dumps(A), "chain", "[" + PythonJson.dumps(A) + "]",
                    "version", "0"), written.unit().orElseThrow());
        }
        // The library writes nothing for an empty set on v0: the last certificates stay.
        assertEquals(new CertificateTransferProvider.Written(Optional.empty(), Optional.empty()),
                CertificateTransferProvider.removeAllCertificates(Map.of()));
    }

    @Test
    void pythonJsonDumps_escapesAsPythonDoes() {
        assertEquals("\"a\\nb\\\"c\\\\d\\u00e9\\ud83d\\ude00\\u007f\"", PythonJson.dumps("a\nb\"c\\d\u00e9\uD83D\uDE00\u007f"));
        assertEquals("[\"x\", \"y\"]", PythonJson.dumps(List.of("x", "y")));
        assertEquals("1", PythonJson.dumps(1));
    }

    // ---- the requirer stand-in: what the library's get_all_certificates returns -----------------

    @Test
    void requirer_writesVersion1_andReadsWhatTheProviderWrote() {
        assertEquals(Map.of("version", "1"), CertificateTransferRequirer.appData());
        Map<String, String> app = CertificateTransferProvider.addCertificates(CertificateTransferRequirer.appData(), Map.of(), Map.of(),
                Set.of(A, B)).app().orElseThrow();

        assertEquals(new CertificateTransferRequirer.Read(Set.of(A, B), Optional.empty()),
                CertificateTransferRequirer.read(app, Optional.empty()));
        Map<String, String> unit = CertificateTransferProvider.addCertificates(Map.of(), Map.of(), Map.of(), Set.of(A)).unit().orElseThrow();
        assertEquals(Set.of(A), CertificateTransferRequirer.read(Map.of(), Optional.of(unit)).certificates());
    }

    @Test
    void requirer_givesNothing_andLogs_whenABagFails() {
        CertificateTransferRequirer.Read notJson = CertificateTransferRequirer.read(Map.of("certificates", A), Optional.empty());
        assertEquals(Set.of(), notJson.certificates());
        assertTrue(notJson.error().orElseThrow().startsWith("invalid databag contents: expecting json."), notJson.error().get());

        CertificateTransferRequirer.Read notStrings = CertificateTransferRequirer.read(Map.of("certificates", "[1]"), Optional.empty());
        assertTrue(notStrings.error().orElseThrow().startsWith("failed to validate databag:"));

        // The unit the library happened to pop wrote nothing (the library's provider writes from its leader only).
        CertificateTransferRequirer.Read emptyUnit = CertificateTransferRequirer.read(Map.of(), Optional.of(Map.of()));
        assertEquals(Set.of(), emptyUnit.certificates());
        assertTrue(emptyUnit.error().orElseThrow().startsWith("failed to validate databag:"));

        // The v0 library's raw PEM is not JSON: the v1 library's fall-back cannot read it.
        Map<String, String> v0Library = CertificateTransferProvider.v0LibraryUnitData(A, A, List.of(A));
        assertTrue(CertificateTransferRequirer.read(Map.of(), Optional.of(v0Library)).error().isPresent());
    }

    @Test
    void v0Requirer_readsRawAndQuotedPem() {
        CertificateTransferRequirer.V0Event raw = CertificateTransferRequirer.readV0(
                CertificateTransferProvider.v0LibraryUnitData(B, A, List.of(A))).orElseThrow();
        assertEquals(new CertificateTransferRequirer.V0Event(Optional.of(B), Optional.of(A), List.of(A)), raw);

        Map<String, String> quoted = CertificateTransferProvider.addCertificates(Map.of(), Map.of(), Map.of(), Set.of(A)).unit().orElseThrow();
        assertEquals(new CertificateTransferRequirer.V0Event(Optional.of(A), Optional.of(A), List.of(A)),
                CertificateTransferRequirer.readV0(quoted).orElseThrow());
        assertEquals(Optional.empty(), CertificateTransferRequirer.readV0(Map.of("version", "0")), "none of certificate, ca, chain");
        assertEquals(Optional.empty(), CertificateTransferRequirer.readV0(Map.of("ca", "5")), "ca not a string");
    }

    // ---- keycloak-oidc as provider, read by the library ----------------------------------------

    @Test
    void whatTheCharmSends_readsInTheLibrary_v1_andV0_whicheverUnitItPops() {
        FakeJuju juju = FakeJuju.forCharm(CHARM);
        juju.addUnit();
        String v1 = juju.relate("send-ca-cert", "kratos", "kratos/0");
        String v0 = juju.relate("send-ca-cert", "oauth2-proxy", "oauth2-proxy/0");
        juju.setRemoteAppData(v1, CertificateTransferRequirer.appData());
        juju.setRemoteAppData(v0, CertificateTransferRequirer.appDataV0());
        SentCertificates sent = new SentCertificates(CaBundle.of(CA_A.pem() + CA_B.pem()));

        for (String rel : List.of(v1, v0)) {
            SentCertificates.Databags bags = sent.databags(CertificateTransferVersion.askedBy(juju.remoteAppData(rel)));
            juju.setLocalAppData(rel, bags.app());
            juju.units().forEach(unit -> juju.setLocalUnitData(rel, unit, bags.unit()));
        }

        assertEquals(Map.of(), juju.localUnitData(v1, juju.leader()), "v1: no unit data");
        assertEquals(Map.of(), juju.localAppData(v0), "v0: no app data");
        for (String rel : List.of(v1, v0)) {
            List<CertificateTransferRequirer.Read> reads = CertificateTransferRequirer.readEveryWay(juju, rel);
            assertEquals(2, reads.size());
            reads.forEach(read -> assertEquals(new CertificateTransferRequirer.Read(Set.of(A, B), Optional.empty()), read, rel));
        }
        assertEquals(new CertificateTransferRequirer.V0Event(Optional.of(A), Optional.of(A), List.of(A, B)),
                CertificateTransferRequirer.readV0(juju.localUnitData(v0, juju.units().get(1))).orElseThrow());
    }

    // ---- self-signed-certificates as provider, read by keycloak-oidc -------------------------

    @Test
    void whatSelfSignedCertificatesSends_readsInTheCharm_v1_andV0() {
        FakeJuju juju = FakeJuju.forCharm(CHARM);
        String rel = juju.relate("receive-ca-cert", "self-signed-certificates", "self-signed-certificates/0", "self-signed-certificates/1");

        // Before the charm's leader wrote version 1, the library sends v0 from its leader's unit bag.
        CertificateTransferProvider.addCertificates(juju, rel, "self-signed-certificates/0", Set.of(A));
        assertEquals(Map.of(), juju.remoteAppData(rel));
        ReceivedCertificates.Valid v0 = assertInstanceOf(ReceivedCertificates.Valid.class, ReceivedCertificates.parse(
                juju.remoteAppData(rel), Map.of("self-signed-certificates/0", juju.remoteUnitData(rel, "self-signed-certificates/0"),
                        "self-signed-certificates/1", juju.remoteUnitData(rel, "self-signed-certificates/1"))));
        assertEquals(CaBundle.of(A), v0.certificates());
        assertEquals(ReceivedCertificates.Source.UNITS_V0, v0.source());

        juju.setLocalAppData(rel, ReceivedCertificates.REQUIRER_APP_DATA);
        CertificateTransferProvider.addCertificates(juju, rel, "self-signed-certificates/0", Set.of(B));
        ReceivedCertificates.Valid v1 = assertInstanceOf(ReceivedCertificates.Valid.class,
                ReceivedCertificates.parse(juju.remoteAppData(rel), Map.of()));
        assertEquals(CaBundle.of(B), v1.certificates(), "what it had sent as v0 is not carried over to v1");
        assertEquals(ReceivedCertificates.Source.APP_V1, v1.source());
    }

    // ---- the commit check on the charm's certificate_transfer bags ------------------------------

    @Test
    void theCommitCheck_holdsUnitAndRequirerBags() {
        FakeJuju juju = FakeJuju.forCharm(CHARM);
        String send = juju.relate("send-ca-cert", "kratos", "kratos/0");
        String receive = juju.relate("receive-ca-cert", "self-signed-certificates", "self-signed-certificates/0");
        InterfaceSchemas.checkEveryCommittedProviderBag(juju);
        String unit = juju.leader();

        HookContext good = juju.begin(HookEvent.hook(unit, "config-changed"));
        assertEquals(0, call(juju, good, "relation-set", "-r", receive, "--app", "version=1").exitCode());
        juju.end(good, 0);

        HookContext rawPem = juju.begin(HookEvent.hook(unit, "config-changed"));
        assertEquals(0, call(juju, rawPem, "relation-set", "-r", send, "ca=-----BEGIN CERTIFICATE-----").exitCode());
        AssertionError e = assertThrows(AssertionError.class, () -> juju.end(rawPem, 0));
        assertTrue(e.getMessage().startsWith("certificate_transfer provider_unit_v0 databag of " + unit + " on " + send
                + " after config-changed on " + unit + " breaks docs/interfaces/certificate_transfer/schemas/provider-unit-v0.json:"),
                e.getMessage());
        assertTrue(e.getMessage().contains("/ca: is not JSON"), e.getMessage());

        HookContext badVersion = juju.begin(HookEvent.hook(unit, "config-changed"));
        assertEquals(0, call(juju, badVersion, "relation-set", "-r", send, "ca=").exitCode());
        assertEquals(0, call(juju, badVersion, "relation-set", "-r", receive, "--app", "version=\"1\"").exitCode());
        AssertionError requirer = assertThrows(AssertionError.class, () -> juju.end(badVersion, 0));
        assertTrue(requirer.getMessage().startsWith("certificate_transfer requirer databag on " + receive), requirer.getMessage());
    }

    private static ToolResult call(FakeJuju juju, HookContext ctx, String... argv) {
        return juju.call(ctx.id(), ctx.unit(), List.of(argv), new byte[0], Map.of());
    }
}
