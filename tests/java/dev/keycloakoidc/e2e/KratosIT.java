package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.KratosRequirer;
import dev.keycloakoidc.testing.OidcLogin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code kratos-external-idp} endpoint end to end: the packed charm's ./dispatch, a real
 * Keycloak, and Kratos played by {@link KratosRequirer}, which reads the charm's {@code providers}
 * as the library parses it (schema) and answers as kratos-operator does. Every login runs with
 * nothing but what the bag published, at the callback Kratos answered with.
 */
class KratosIT {

    static final String KRATOS = "https://kratos.example.com";
    static final String MOVED = "https://login.example.org/identity";

    @Test
    void kratos_isAnsweredWithItsCallback_andLogsInWithThePublishedProvider_groupsIncluded_andMovesInPlace() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("scopes", "openid profile email groups");
            scene.juju.setConfig("kratos-label", "Sign in with Keycloak");
            String rel = scene.juju.relate("kratos-external-idp", "kratos", "kratos/0");
            OAuthIT.relationCreated(scene, rel);

            KratosRequirer.Provider provider = KratosRequirer.first(scene.juju.localAppData(rel), rel)
                    .orElseThrow(() -> new AssertionError("no provider before Kratos answers"));
            String issuer = scene.keycloak.baseUrl() + "/realms/" + scene.realm;
            assertEquals("generic", provider.provider());
            assertEquals("kratos", provider.clientId());
            assertEquals(issuer, provider.issuerUrl());
            assertEquals("Sign in with Keycloak", provider.label());
            assertEquals(List.of("openid", "profile", "email", "groups"), provider.scope());
            assertEquals(scene.keycloakSecret("kratos"), provider.clientSecret());
            JsonNode client = scene.client("kratos");
            assertTrue(client.path("standardFlowEnabled").asBoolean());
            assertEquals(List.of(), OAuthIT.strings(client.path("redirectUris")), "a redirect before Kratos answers");

            scene.juju.setRemoteAppData(rel, KratosRequirer.answer(KRATOS, List.of(provider)));
            scene.relationChanged(rel);
            assertEquals(List.of(provider.callback(KRATOS)), OAuthIT.strings(scene.client("kratos").path("redirectUris")));
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            ActionRun user = scene.action("create-user", Map.of("username", "alice", "email", "alice@example.com",
                    "groups", "ml-team"));
            String password = user.result("password").orElseThrow();
            scene.secrets.add(password);
            Map<String, Object> claims = OidcLogin.login(provider.issuerUrl(), provider.clientId(), provider.clientSecret(),
                    provider.callback(KRATOS), provider.requestedScopes(), "alice", password);
            assertEquals("alice@example.com", claims.get("email"));
            assertEquals(List.of("ml-team"), claims.get("groups"));

            // Kratos moves: the same client and secret, at the new callback only.
            String uuid = scene.client("kratos").path("id").asText();
            scene.juju.setRemoteAppData(rel, KratosRequirer.answer(MOVED, List.of(provider)));
            scene.relationChanged(rel);
            JsonNode moved = scene.client("kratos");
            assertEquals(uuid, moved.path("id").asText());
            assertEquals(List.of(provider.callback(MOVED)), OAuthIT.strings(moved.path("redirectUris")));
            KratosRequirer.Provider after = KratosRequirer.first(scene.juju.localAppData(rel), rel).orElseThrow();
            assertEquals(provider.clientSecret(), after.clientSecret());
            assertEquals(provider.id(), after.id());
            assertEquals("alice@example.com", OidcLogin.login(issuer, "kratos", after.clientSecret(),
                    provider.callback(MOVED), provider.requestedScopes(), "alice", password).get("email"));
            assertThrows(OidcLogin.Failure.class, () -> OidcLogin.login(issuer, "kratos", after.clientSecret(),
                    provider.callback(KRATOS), provider.requestedScopes(), "alice", password));

            // A Kratos-only client has no Dex connector.
            ActionRun connector = scene.action("get-connector", Map.of());
            assertTrue(connector.failure().isPresent(), "get-connector offered a Kratos-only client");
            scene.assertHygiene();
        }
    }

    @Test
    void anAnswerForAnUnknownProviderId_isNamedAndIgnored_aRotationReachesTheBag_andRemovalDeletesTheClient() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.juju.relate("kratos-external-idp", "kratos", "kratos/0");
            scene.relationChanged(rel);
            KratosRequirer.Provider provider = KratosRequirer.first(scene.juju.localAppData(rel), rel).orElseThrow();
            scene.juju.setRemoteAppData(rel, KratosRequirer.answer(KRATOS, List.of(provider)));
            scene.relationChanged(rel);
            // The training covers Kratos: a steady leader hook with it loads every class from the AOT cache.
            scene.assertUpdateStatusLoadsEveryClassFromTheAotCache();

            KratosRequirer.Provider stranger = new KratosRequirer.Provider(provider.provider(), provider.clientId(),
                    provider.scope(), "generic_0123456789abcdef0123456789abcdef01234567", provider.label(),
                    provider.jsonnetMapper(), provider.mapperUrl(), provider.issuerUrl(), provider.clientSecret());
            scene.juju.setRemoteAppData(rel, KratosRequirer.answer(MOVED, List.of(stranger)));
            scene.relationChanged(rel);
            String status = scene.unitStatus();
            assertTrue(status.startsWith("active: 1 client in realm " + scene.realm + "; warning: consumer kratos ("
                    + rel + "): Kratos answered for provider id generic_0123"), status);
            assertTrue(status.contains("not for " + provider.id()), status);
            assertEquals(List.of(), OAuthIT.strings(scene.client("kratos").path("redirectUris")),
                    "an answer for another provider id registered nothing");

            scene.juju.setRemoteAppData(rel, KratosRequirer.answer(KRATOS, List.of(provider)));
            scene.relationChanged(rel);
            scene.createUser("bob", "correct-horse-9");
            scene.secrets.add("correct-horse-9");
            String old = provider.clientSecret();
            scene.secrets.add(old);
            ActionRun rotated = scene.action("rotate-secret", Map.of());
            assertEquals("kratos", rotated.result("rotated").orElseThrow());
            scene.hook("update-status");
            KratosRequirer.Provider after = KratosRequirer.first(scene.juju.localAppData(rel), rel).orElseThrow();
            assertEquals(scene.keycloakSecret("kratos"), after.clientSecret());
            assertFalse(old.equals(after.clientSecret()), "the rotated secret did not reach the bag");
            assertEquals(provider.id(), after.id());
            assertEquals("bob@example.com", OidcLogin.login(after.issuerUrl(), "kratos", after.clientSecret(),
                    after.callback(KRATOS), after.requestedScopes(), "bob", "correct-horse-9").get("email"));
            // This Keycloak has no client-secret-rotation feature: no grace period, the old secret stops at once.
            assertEquals("now", rotated.result("1.previous-valid-until").orElseThrow());
            assertThrows(OidcLogin.Failure.class, () -> OidcLogin.login(after.issuerUrl(), "kratos", old,
                    after.callback(KRATOS), after.requestedScopes(), "bob", "correct-horse-9"));
            scene.assertHygiene();

            OAuthIT.removeRelation(scene, rel);
            scene.hook("update-status");
            assertNull(scene.client("kratos"), "the client outlived its relation");
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());
        }
    }

    @Test
    void anApplicationOnOAuthAndKratos_getsOneClient_withBothCallbacks() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String oauth = scene.relateOAuth("kratos", OAuthIT.grafana("https://kratos.example.com/oauth/callback"));
            scene.relationChanged(oauth);
            String rel = scene.juju.relate("kratos-external-idp", "kratos", "kratos/0");
            scene.relationChanged(rel);
            KratosRequirer.Provider provider = KratosRequirer.first(scene.juju.localAppData(rel), rel).orElseThrow();
            scene.juju.setRemoteAppData(rel, KratosRequirer.answer(KRATOS, List.of(provider)));
            scene.relationChanged(rel);
            assertEquals(1, Converged.managedClients(scene).size());
            // Keycloak keeps redirect URIs as a set: in no particular order.
            assertEquals(List.of("https://kratos.example.com/oauth/callback", provider.callback(KRATOS)),
                    OAuthIT.strings(scene.client("kratos").path("redirectUris")).stream().sorted().toList());
            assertEquals(scene.keycloakSecret("kratos"), provider.clientSecret());
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            scene.assertHygiene();
        }
    }
}
