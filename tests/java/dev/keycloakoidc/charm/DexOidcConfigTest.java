package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.StatusEntry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the charm makes of stock dex-auth's issuer-url on dex-oidc-config. */
class DexOidcConfigTest {

    private final FakeJuju juju = FakeJuju.forRepo();

    /**
     * Regression: {@code https://dex/dex?x=1} gave the callback {@code https://dex/dex?x=1/callback},
     * a valid-looking redirect URI (the query swallowed "/callback") for a Dex that cannot exist:
     * an OIDC issuer has no query.
     */
    @Test
    void anIssuerUrlWithAQuery_isBlockedNamingTheConsumer() {
        juju.setConfig("keycloak-url", "http://127.0.0.1:1"); // closed: no DNS, refused at once
        String uri = juju.addUserSecret(Map.of("username", "admin", "password", "pw"));
        juju.grantSecret(uri, juju.app());
        juju.setConfig("admin-credentials", uri);
        String rel = juju.relate("dex-oidc-config", "dex-auth", "dex-auth/0");
        juju.setRemoteAppData(rel, Map.of("issuer-url", "https://dex.example.com/dex?x=1"));

        CharmHarness.run(juju, HookEvent.relation(juju.leader(), "relation-changed", rel, "dex-auth/0"));

        assertEquals(new StatusEntry("blocked", "consumer dex-auth (" + rel + "): issuer-url has a query"),
                juju.unitStatus(juju.leader()));
    }
}
