package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.StatusEntry;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** config-changed on the leader, up to the first call to Keycloak. */
class ConfigChangedTest {

    private final FakeJuju juju = FakeJuju.forRepo();

    @Test
    void whenKeycloakUrlMissing_isBlocked() {
        HookRun run = CharmHarness.hook(juju, "config-changed");
        assertEquals(0, run.exitCode());
        assertEquals(new StatusEntry("blocked", "set keycloak-url (+1 more, see juju debug-log)"),
                juju.unitStatus(juju.leader()));
        assertEquals(juju.unitStatus(juju.leader()), juju.appStatus());
    }

    @Test
    void whenAdminCredentialsMissing_isBlockedNamingTheSecretToCreate() {
        juju.setConfig("keycloak-url", "https://keycloak.example.com");
        CharmHarness.hook(juju, "config-changed");
        assertEquals(new StatusEntry("blocked", "set admin-credentials (a Juju user secret with username and password)"),
                juju.unitStatus(juju.leader()));
    }

    @Test
    void whenAdminSecretNotGranted_isBlockedSayingSo() {
        juju.setConfig("keycloak-url", "https://keycloak.example.com");
        juju.setConfig("admin-credentials", juju.addUserSecret(Map.of("username", "admin", "password", "pw")));
        CharmHarness.hook(juju, "config-changed");
        StatusEntry status = juju.unitStatus(juju.leader());
        assertEquals("blocked", status.status());
        assertTrue(status.message().startsWith("admin-credentials secret not granted to keycloak-oidc"), status.message());
    }

    @Test
    void whenAdminSecretLacksKeys_isBlockedListingWhatItHas() {
        juju.setConfig("keycloak-url", "https://keycloak.example.com");
        String uri = juju.addUserSecret(Map.of("user", "admin", "pass", "pw"));
        juju.grantSecret(uri, juju.app());
        juju.setConfig("admin-credentials", uri);
        CharmHarness.hook(juju, "config-changed");
        assertEquals(new StatusEntry("blocked", "admin-credentials secret needs username and password, or client-id and "
                + "client-secret; it has [pass, user]"), juju.unitStatus(juju.leader()));
    }

    @Test
    void whenScopesLackOpenid_isBlocked() {
        configure();
        juju.setConfig("scopes", "profile email");
        CharmHarness.hook(juju, "config-changed");
        assertEquals(new StatusEntry("blocked", "scopes must contain openid"), juju.unitStatus(juju.leader()));
    }

    /** Regression: the status said "scope ..." without naming the option to change. */
    @Test
    void whenAScopeHasABadCharacter_isBlockedNamingTheScopesOption() {
        configure();
        juju.setConfig("scopes", "openid \"profile\"");
        CharmHarness.hook(juju, "config-changed");
        assertEquals(new StatusEntry("blocked", "scopes: scope \"profile\" has a character OAuth does not allow (\")"),
                juju.unitStatus(juju.leader()));
    }

    @Test
    void whenKeycloakUrlIsNotAUrl_isBlockedWithAnExample() {
        configure();
        juju.setConfig("keycloak-url", "keycloak.example.com");
        CharmHarness.hook(juju, "config-changed");
        assertEquals(new StatusEntry("blocked", "keycloak-url must start with https:// or http://: set it to e.g. "
                + "https://keycloak.example.com"), juju.unitStatus(juju.leader()));
    }

    /** Regression: okhttp refused the port java.net.URI let through, and the hook crashed (exit 1). */
    @Test
    void whenKeycloakUrlHasAnImpossiblePort_isBlocked_notACrash() {
        configure();
        juju.setConfig("keycloak-url", "http://127.0.0.1:99999");
        HookRun run = CharmHarness.hook(juju, "config-changed");
        assertEquals(0, run.exitCode());
        assertEquals(new StatusEntry("blocked", "keycloak-url has an invalid port: set it to e.g. "
                + "https://keycloak.example.com"), juju.unitStatus(juju.leader()));
    }

    /** {@code HTTP://...} too: RFC 3986 schemes are case-insensitive, and the charm uses it in lower case. */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d", "HTTP://127.0.0.1:%d/"})
    void whenKeycloakRefusesConnections_isWaiting_andExitsZero(String keycloakUrl) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        configure();
        juju.setConfig("keycloak-url", keycloakUrl.formatted(port));
        HookRun run = CharmHarness.hook(juju, "update-status");
        assertEquals(0, run.exitCode());
        assertEquals(new StatusEntry("waiting", "Keycloak unreachable at http://127.0.0.1:" + port
                + "/realms/master/protocol/openid-connect/token: connection refused"), juju.unitStatus(juju.leader()));
    }

    private void configure() {
        juju.setConfig("keycloak-url", "https://keycloak.example.com");
        String uri = juju.addUserSecret(Map.of("username", "admin", "password", "pw"));
        juju.grantSecret(uri, juju.app());
        juju.setConfig("admin-credentials", uri);
    }
}
