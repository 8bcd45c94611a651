package dev.keycloakoidc.oidc;

import static dev.keycloakoidc.oidc.CertificateTransferFixtures.CA_A;
import static dev.keycloakoidc.oidc.CertificateTransferFixtures.CA_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the charm will write on send-ca-cert, for each version a requirer can ask for. */
class SentCertificatesTest {

    private static final CaBundle TWO = CaBundle.of(CA_A.pem() + CA_B.pem());

    private static List<String> jsonList(String text) throws IOException {
        List<String> list = new ArrayList<>();
        JsonNode node = Json.parseLikePython(text);
        assertTrue(node.isArray(), text);
        node.forEach(entry -> list.add(entry.textValue()));
        return list;
    }

    @Test
    void version1_onlyWhenTheRequirerWroteExactly1() {
        assertEquals(CertificateTransferVersion.V1, CertificateTransferVersion.askedBy(Map.of("version", "1")));
        assertEquals(CertificateTransferVersion.V1, CertificateTransferVersion.askedBy(ReceivedCertificates.REQUIRER_APP_DATA));
    }

    /** The library's provider compares the raw string with "1": everything else is version 0. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "\"1\"", "1.0", " 1", "2", ""})
    void otherVersions_areVersion0(String version) {
        assertEquals(CertificateTransferVersion.V0, CertificateTransferVersion.askedBy(Map.of("version", version)));
    }

    @Test
    void aRequirerThatWroteNothing_isVersion0() {
        assertEquals(CertificateTransferVersion.V0, CertificateTransferVersion.askedBy(Map.of()));
    }

    @Test
    void appDatabag_isAJsonListOfOnePemPerCertificate_andVersion1() throws IOException {
        Map<String, String> bag = new SentCertificates(TWO).appDatabag();

        assertEquals(List.of("certificates", "version"), List.copyOf(bag.keySet()));
        // One canonical PEM each: keytool's own, with its \r\n line ends made \n.
        assertEquals(List.of(CA_A.pem().replace("\r", ""), CA_B.pem().replace("\r", "")), jsonList(bag.get("certificates")));
        assertEquals(TWO.pems(), jsonList(bag.get("certificates")));
        assertEquals("1", bag.get("version"));
    }

    @Test
    void unitDatabag_isWhatTheLibraryWritesForVersion0_everyValueJsonEncoded() throws IOException {
        Map<String, String> bag = new SentCertificates(TWO).unitDatabag();

        assertEquals(List.of("ca", "certificate", "chain", "version"), List.copyOf(bag.keySet()));
        // json.dumps of a string: quoted, newlines escaped, so that json.loads gives the PEM back.
        assertTrue(bag.get("ca").startsWith("\"-----BEGIN CERTIFICATE-----\\n"), bag.get("ca"));
        assertEquals(TWO.pems().get(0), Json.parseLikePython(bag.get("ca")).textValue());
        assertEquals(bag.get("ca"), bag.get("certificate"));
        assertEquals(TWO.pems(), jsonList(bag.get("chain")));
        assertEquals("0", bag.get("version"));
    }

    @Test
    void nothingToSend_clearsTheBags() {
        SentCertificates none = new SentCertificates(CaBundle.empty());

        assertEquals(Map.of(), none.appDatabag());
        assertEquals(Map.of(), none.unitDatabag());
        assertEquals(new SentCertificates.Databags(Map.of(), Map.of()), none.databags(CertificateTransferVersion.V1));
    }

    @Test
    void databags_fillTheBagOfTheVersion_andEmptyTheOther() {
        SentCertificates sent = new SentCertificates(TWO);

        SentCertificates.Databags v1 = sent.databags(CertificateTransferVersion.V1);
        assertEquals(sent.appDatabag(), v1.app());
        assertEquals(Map.of(), v1.unit());

        SentCertificates.Databags v0 = sent.databags(CertificateTransferVersion.V0);
        assertEquals(Map.of(), v0.app());
        assertEquals(sent.unitDatabag(), v0.unit());
    }

    /** The charm's own reader takes back exactly what its writer sent, in both versions. */
    @Test
    void whatIsSent_readsBackAsTheSameCertificates() {
        SentCertificates sent = new SentCertificates(TWO);

        ReceivedCertificates.Valid v1 = assertInstanceOf(ReceivedCertificates.Valid.class,
                ReceivedCertificates.parse(sent.appDatabag(), Map.of()));
        assertEquals(TWO, v1.certificates());
        assertEquals(ReceivedCertificates.Source.APP_V1, v1.source());

        ReceivedCertificates.Valid v0 = assertInstanceOf(ReceivedCertificates.Valid.class,
                ReceivedCertificates.parse(Map.of(), Map.of("keycloak-oidc/0", sent.unitDatabag())));
        assertEquals(TWO, v0.certificates());
        assertEquals(ReceivedCertificates.Source.UNITS_V0, v0.source());
    }
}
