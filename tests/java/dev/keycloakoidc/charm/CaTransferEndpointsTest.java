package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.oidc.ReceivedCertificates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the charm trusts from {@code ca-cert} and {@code receive-ca-cert}, and what it sends on {@code send-ca-cert}. */
class CaTransferEndpointsTest {

    private static final List<TlsFixtures.PrivateCa> CAS = TlsFixtures.sharedCas();

    private static String pem(int ca) {
        return CaBundle.of(CAS.get(ca).pem()).pems().get(0);
    }

    private static CaTransferEndpoints.Received received(int id, String app, Map<String, String> appBag,
                                                         Map<String, Map<String, String>> units) {
        Relation relation = new Relation("receive-ca-cert:" + id, CaTransferEndpoints.RECEIVE, app, appBag, Map.of());
        return new CaTransferEndpoints.Received(relation, ReceivedCertificates.parse(appBag, units));
    }

    @Test
    void theTrust_isCaCertThenEveryValidProvider_repeatsDropped() {
        CaTransferEndpoints.Trust trust = CaTransferEndpoints.trust(Optional.of(CAS.get(0).pem()), List.of(
                received(3, "self-signed-certificates",
                        Map.of("certificates", Json.write(List.of(pem(1), pem(0))), "version", "1"), Map.of()),
                received(4, "manual-tls", Map.of(), Map.of("manual-tls/0", Map.of("ca", Json.write(pem(2)))))));
        assertEquals(List.of(pem(0), pem(1), pem(2)), trust.certificates().pems());
        assertEquals(Optional.of(pem(0) + pem(1) + pem(2)), trust.pem());
        assertEquals(Optional.of(List.of(pem(0), pem(1), pem(2))), trust.chain());
        assertEquals(List.of(), trust.problems());
    }

    @Test
    void aMalformedProvider_isBlockedByName_andOnlyItsCasAreLeftOut() {
        CaTransferEndpoints.Trust trust = CaTransferEndpoints.trust(Optional.empty(), List.of(
                received(5, "self-signed-certificates", Map.of("certificates", "[\"not a certificate\"]"), Map.of()),
                received(6, "lego", Map.of("certificates", Json.write(List.of(pem(1)))), Map.of())));
        assertEquals(List.of(pem(1)), trust.certificates().pems());
        assertEquals(List.of(new Status.Blocked("receive-ca-cert:5 (self-signed-certificates): certificates entry 1 "
                + "is not a PEM certificate; its CAs are not trusted until it sends valid ones")), trust.problems());
    }

    @Test
    void noCaCertAndNoProvider_trustsTheSystemAlone() {
        CaTransferEndpoints.Trust trust = CaTransferEndpoints.trust(Optional.empty(), List.of());
        assertTrue(trust.certificates().isEmpty());
        assertEquals(Optional.empty(), trust.pem());
        assertEquals(Optional.empty(), trust.chain());
    }

    @Test
    void aV1Requirer_getsTheAppBag_andAV0Requirer_theUnitBag() {
        CaTransferEndpoints.Trust trust = CaTransferEndpoints.trust(Optional.of(CAS.get(0).pem() + CAS.get(1).pem()),
                List.of());
        Relation v1 = new Relation("send-ca-cert:8", CaTransferEndpoints.SEND, "oauth2-proxy", Map.of("version", "1"),
                Map.of());
        Map<String, String> app = new LinkedHashMap<>();
        app.put("certificates", Json.write(List.of(pem(0), pem(1))));
        app.put("version", "1");
        assertEquals(app, CaTransferEndpoints.sent(trust, v1).app());
        assertEquals(Map.of(), CaTransferEndpoints.sent(trust, v1).unit());

        Relation v0 = new Relation("send-ca-cert:9", CaTransferEndpoints.SEND, "kratos", Map.of(), Map.of());
        assertEquals(Map.of(), CaTransferEndpoints.sent(trust, v0).app());
        assertEquals(Map.of("ca", Json.write(pem(0)), "certificate", Json.write(pem(0)),
                "chain", Json.write(List.of(pem(0), pem(1))), "version", "0"), CaTransferEndpoints.sent(trust, v0).unit());
    }

    @Test
    void nothingToTrust_clearsBothBags() {
        CaTransferEndpoints.Trust none = CaTransferEndpoints.trust(Optional.empty(), List.of());
        Relation v1 = new Relation("send-ca-cert:8", CaTransferEndpoints.SEND, "oauth2-proxy", Map.of("version", "1"),
                Map.of("certificates", "[]", "version", "1"));
        assertEquals(Map.of(), CaTransferEndpoints.sent(none, v1).app());
        assertEquals(Map.of(), CaTransferEndpoints.sent(none, v1).unit());
    }

    @Test
    void aCaCertWithAKeyBlock_isBlocked_notACrash_andTheProvidersStillCount() {
        String key = "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n";
        CaTransferEndpoints.Trust trust = CaTransferEndpoints.trust(Optional.of(CAS.get(0).pem() + key), List.of(
                received(6, "lego", Map.of("certificates", Json.write(List.of(pem(1)))), Map.of())));
        assertEquals(List.of(pem(1)), trust.certificates().pems());
        assertEquals(List.of(new Status.Blocked("ca-cert: block 2 is a PRIVATE KEY, not a CERTIFICATE")), trust.problems());
    }
}
