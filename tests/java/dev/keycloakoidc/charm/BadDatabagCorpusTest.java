package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.BadDatabags;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.StatusEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-databag corpus in process: beside a well-behaved consumer, each bad one is named in a
 * {@code blocked} status with its reason, logged, gets no relation data and no secret grant, and
 * the hook exits 0. Keycloak here is a closed port, so the good consumer cannot be served; that it
 * keeps being served is checked end to end by {@code BadDatabagIT} against a real Keycloak.
 */
class BadDatabagCorpusTest {

    private final FakeJuju juju = FakeJuju.forRepo();

    /** Every row but those only a realm can refuse: Keycloak here is a closed port. */
    static List<BadDatabags.Row> rows() {
        return BadDatabags.rows().stream().filter(row -> !row.needsKeycloak()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aBadConsumer_isBlockedByName_andGetsNothing(BadDatabags.Row row) {
        juju.setConfig("keycloak-url", "http://127.0.0.1:1");
        String uri = juju.addUserSecret(Map.of("username", "admin", "password", "pw"));
        juju.grantSecret(uri, juju.app());
        juju.setConfig("admin-credentials", uri);
        String good = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        juju.setRemoteAppData(good, Map.of("redirect_uri", "https://kubeflow.example.com/dex/callback"));
        String bad = juju.relate(row.endpoint(), "bad-app", "bad-app/0");
        juju.setRemoteAppData(bad, row.appBag());
        juju.setRemoteUnitData(bad, "bad-app/0", row.unitBag());

        HookRun run = CharmHarness.run(juju, HookEvent.relation(juju.leader(), "relation-changed", bad, "bad-app/0"));

        String message = "consumer bad-app (" + bad + ")" + row.reason();
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(new StatusEntry("blocked", message), juju.unitStatus(juju.leader()));
        assertTrue(message.length() < 200, "a status is one short line");
        // juju-log prefixes the relation id in a relation hook (jujuc/juju-log.go).
        assertTrue(juju.logs().stream().anyMatch(l -> l.message().equals(bad + ": " + message)), "not logged");
        assertEquals(Map.of(), juju.localAppData(bad));
        assertTrue(juju.calls().stream().noneMatch(c -> c.tool().equals("secret-grant") || c.tool().equals("secret-add")),
                "a secret was made or granted");
    }
}
