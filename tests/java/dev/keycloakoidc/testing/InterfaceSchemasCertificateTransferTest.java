package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.InterfaceSchemas.CERTIFICATE_TRANSFER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.oidc.ReceivedCertificates;
import dev.keycloakoidc.oidc.SentCertificates;
import dev.keycloakoidc.testing.InterfaceSchemas.Side;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/interfaces/certificate_transfer/schemas/ against what the charm's records write, what the
 * library's provider (self-signed-certificates) and requirers write, and the values the library's
 * {@code json.loads}-then-pydantic refuses.
 */
class InterfaceSchemasCertificateTransferTest {

    private static final CaBundle TWO = CaBundle.of(TlsFixtures.sharedCas().get(0).pem() + TlsFixtures.sharedCas().get(1).pem());
    private static final String PEM = TWO.pems().get(0);

    private static Map<String, String> with(Map<String, String> bag, String key, String value) {
        Map<String, String> changed = new HashMap<>(bag);
        if (value == null) {
            changed.remove(key);
        } else {
            changed.put(key, value);
        }
        return changed;
    }

    @Test
    void whatTheCharmWrites_holdsToTheSchemas() {
        for (CaBundle bundle : List.of(TWO, CaBundle.of(PEM))) {
            SentCertificates sent = new SentCertificates(bundle);
            assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.PROVIDER, sent.appDatabag()));
            assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.PROVIDER_UNIT_V0, sent.unitDatabag()));
        }
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.REQUIRER, ReceivedCertificates.REQUIRER_APP_DATA));
        SentCertificates none = new SentCertificates(CaBundle.empty());
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.PROVIDER, none.appDatabag()), "cleared");
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.PROVIDER_UNIT_V0, none.unitDatabag()), "cleared");
    }

    @Test
    void whatTheLibraryWrites_holdsToTheSchemas() {
        CertificateTransferProvider.Written v1 = CertificateTransferProvider.addCertificates(
                CertificateTransferRequirer.appData(), Map.of(), Map.of(), Set.of(PEM));
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.PROVIDER, v1.app().orElseThrow()));
        CertificateTransferProvider.Written v0 = CertificateTransferProvider.addCertificates(Map.of(), Map.of(), Map.of(), Set.of(PEM));
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.PROVIDER_UNIT_V0, v0.unit().orElseThrow()));
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.REQUIRER, CertificateTransferRequirer.appData()));
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.REQUIRER, CertificateTransferRequirer.appDataV0()));
        // remove_all_certificates on a v1 relation writes an empty list, which the schema takes.
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.PROVIDER,
                CertificateTransferProvider.removeAllCertificates(CertificateTransferRequirer.appData()).app().orElseThrow()));
    }

    @Test
    void valuesTheLibraryRefuses_areRefused_namingTheKey() {
        Map<String, String> app = new SentCertificates(TWO).appDatabag();
        assertEquals(List.of("/certificates: is not JSON, and the library's json.loads refuses the databag",
                        ": required property 'certificates' not found"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER, with(app, "certificates", PEM)));
        assertEquals(List.of("/certificates: string found, array expected"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER, with(app, "certificates", PythonJson.dumps(PEM))));
        assertEquals(List.of("/certificates/0: integer found, string expected"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER, with(app, "certificates", "[1]")));
        assertEquals(List.of("/version: string found, integer expected"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER, with(app, "version", "\"1\"")));
        assertEquals(List.of(": required property 'version' not found"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER, with(app, "version", null)));
    }

    /** The v0 library's provider wrote raw PEM; the v1 library's reader refuses it, so the charm must not write it. */
    @Test
    void aRawPemCa_isRefused_asTheV1LibraryRefusesIt() {
        Map<String, String> unit = new SentCertificates(TWO).unitDatabag();
        assertEquals(List.of("/ca: is not JSON, and the library's json.loads refuses the databag",
                        ": required property 'ca' not found"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER_UNIT_V0, with(unit, "ca", PEM)));
        assertEquals(List.of(": required property 'chain' not found"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER_UNIT_V0, with(unit, "chain", null)));
        assertEquals(List.of("/chain: string found, array expected"),
                CERTIFICATE_TRANSFER.problems(Side.PROVIDER_UNIT_V0, with(unit, "chain", PythonJson.dumps(PEM))));
    }

    @Test
    void aRequirerVersionThatIsNotANumber_isRefused() {
        assertEquals(List.of("/version: string found, integer expected"),
                CERTIFICATE_TRANSFER.problems(Side.REQUIRER, Map.of("version", "\"1\"")));
        assertEquals(List.of(), CERTIFICATE_TRANSFER.problems(Side.REQUIRER, Map.of()), "nothing written yet");
    }
}
