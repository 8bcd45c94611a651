package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.testing.CertificateTransferProvider;
import dev.keycloakoidc.testing.CertificateTransferRequirer;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.StatusEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A unit that does not lead, on {@code send-ca-cert}: it writes its own v0 bag (what it trusts:
 * {@code ca-cert} and every {@code receive-ca-cert} provider's CAs) and nothing else, with no
 * Keycloak; and changes nothing when the config is one the leader blocks on.
 */
class CaTransferHooksTest {

    private static final List<TlsFixtures.PrivateCa> CAS = TlsFixtures.sharedCas();
    private final FakeJuju juju = FakeJuju.forRepo();

    private static String pem(int ca) {
        return CaBundle.of(CAS.get(ca).pem()).pems().get(0);
    }

    private void configure() {
        juju.setConfig("keycloak-url", "https://keycloak.example.com");
        juju.setConfig("admin-credentials", "secret:d0sq9e7mp25c76ok2ds0");
        juju.setConfig("realm", "kubeflow");
    }

    @Test
    void aStandbyUnit_writesItsOwnV0Bag_withCaCertAndTheProvidersCas() {
        configure();
        juju.setConfig("ca-cert", CAS.get(0).pem());
        String other = juju.addUnit();
        String send = juju.relate("send-ca-cert", "kratos", "kratos/0");
        juju.setRemoteAppData(send, CertificateTransferRequirer.appDataV0());
        String receive = juju.relate("receive-ca-cert", "lego", "lego/0");
        juju.setRemoteUnitData(receive, "lego/0", CertificateTransferProvider.v0LibraryUnitData(pem(1), pem(1), List.of(pem(1))));

        HookRun run = CharmHarness.run(juju, HookEvent.relation(other, "relation-changed", send, "kratos/0"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(new StatusEntry("active", "standby: the leader manages Keycloak"), juju.unitStatus(other));
        assertEquals(Map.of("ca", Json.write(pem(0)), "certificate", Json.write(pem(0)),
                "chain", Json.write(List.of(pem(0), pem(1))), "version", "0"), juju.localUnitData(send, other));
        assertEquals(Map.of(), juju.localAppData(send));
        assertEquals(Map.of(), juju.localAppData(receive), "a non-leader wrote the requirer's version");
        assertEquals(new CertificateTransferRequirer.Read(Set.of(pem(0), pem(1)), java.util.Optional.empty()),
                CertificateTransferRequirer.read(Map.of(), java.util.Optional.of(juju.localUnitData(send, other))));
    }

    @Test
    void aStandbyUnit_leavesItsBag_whenTheConfigIsInvalid() {
        configure();
        juju.setConfig("ca-cert", CAS.get(0).pem());
        String other = juju.addUnit();
        String send = juju.relate("send-ca-cert", "kratos", "kratos/0");
        CharmHarness.run(juju, HookEvent.relation(other, "relation-changed", send, "kratos/0"));
        Map<String, String> before = juju.localUnitData(send, other);
        juju.setConfig("keycloak-url", "");

        HookRun run = CharmHarness.run(juju, HookEvent.hook(other, "config-changed"));

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(before, juju.localUnitData(send, other));
        assertEquals(4, before.size());
    }
}
