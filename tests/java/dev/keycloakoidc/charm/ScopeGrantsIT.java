package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.keycloak.AdminCredentials;
import dev.keycloakoidc.keycloak.ClientFlows;
import dev.keycloakoidc.keycloak.ClientSpec;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.KeycloakConnection;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.FakeProcessRunner;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.RawAdmin;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ScopeGrants} against a real Keycloak 26.5: what it attaches, what it makes, what it
 * reports missing, and how many requests each costs (a steady hook must stay within four).
 */
class ScopeGrantsIT {

    private static KeycloakServer keycloak;
    private static RawAdmin raw;

    private final FakeJuju fake = FakeJuju.forRepo();
    /** The hook under way in {@link #fake}; the fake runs one at a time. */
    private FakeProcessRunner hook;
    private Ownership ownership;
    private String realm;
    private KeycloakAdmin admin;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.shared();
        raw = new RawAdmin(keycloak);
    }

    @BeforeEach
    void realmWithOneClient() {
        realm = "grants-" + UUID.randomUUID().toString().substring(0, 8);
        raw.post("/admin/realms", raw.object().put("realm", realm).put("enabled", true));
        ownership = new Ownership(JujuContext.fromEnv(nextHook().env()));
        admin = KeycloakAdmin.connect(new KeycloakConnection(URI.create(keycloak.baseUrl()), "master",
                new AdminCredentials.Password(keycloak.adminUsername(), keycloak.adminPassword()), Optional.empty()));
        admin.clients().create(realm, new ClientSpec("dex-auth", "Dex", List.of("https://dex.example.com/callback"),
                ClientFlows.LOGIN, List.of(), ownership.markers()));
    }

    /** Ends the hook under way, as a process exiting 0 would, and begins the next. */
    private FakeProcessRunner nextHook() {
        if (hook != null) {
            hook.finish(0);
        }
        hook = FakeProcessRunner.inHook(fake, HookEvent.hook(fake.leader(), "update-status"));
        return hook;
    }

    /** What one hook builds: a Juju for its logs, one ScopeGrants for the realm. */
    private ScopeGrants grants() {
        FakeProcessRunner runner = nextHook();
        return new ScopeGrants(new Juju(new HookTools(runner), JujuContext.fromEnv(runner.env())), admin, realm);
    }

    private KeycloakClient client() {
        return admin.clients().find(realm, "dex-auth").orElseThrow();
    }

    private JsonNode clientJson() {
        return raw.get("/admin/realms/" + realm + "/clients?clientId=dex-auth").get(0);
    }

    private JsonNode realmScope(String name) {
        for (JsonNode scope : raw.get("/admin/realms/" + realm + "/client-scopes")) {
            if (scope.path("name").asText().equals(name)) {
                return scope;
            }
        }
        return null;
    }

    private static Set<String> names(JsonNode array) {
        return Set.copyOf(StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList());
    }

    @Test
    void scopesTheClientHolds_costNoRequest_defaultOrOptional() {
        KeycloakClient client = client();
        int before = admin.requestCount();
        ScopeGrants grants = grants();
        assertEquals(new ScopeGrants.Granted(List.of()),
                grants.grant(client, List.of("openid", "profile", "email", "offline_access")));
        assertEquals(List.of(), grants.lacking(List.of("openid", "profile", "offline_access"), List.of(client)));
        assertEquals(before, admin.requestCount(), "requests for scopes the clients list already shows");
    }

    @Test
    void aRealmScopeTheClientLacks_isAttachedAsOptional_inOneReadAndOneWrite() {
        raw.post("/admin/realms/" + realm + "/client-scopes", raw.object().put("name", "kubeflow-extra")
                .put("protocol", "openid-connect"));
        KeycloakClient client = client();
        int before = admin.requestCount();

        assertEquals(new ScopeGrants.Granted(List.of("kubeflow-extra")),
                grants().grant(client, List.of("openid", "profile", "kubeflow-extra")));

        assertEquals(before + 2, admin.requestCount(), "the realm's client scopes, then one PUT");
        assertTrue(names(clientJson().path("optionalClientScopes")).contains("kubeflow-extra"));
        assertFalse(names(clientJson().path("defaultClientScopes")).contains("kubeflow-extra"));
        assertTrue(client().clientScopes().contains("kubeflow-extra"));
    }

    @Test
    void aScopeTheRealmLacks_orASamlScope_isLacking_andNothingIsAttached() {
        raw.post("/admin/realms/" + realm + "/client-scopes", raw.object().put("name", "kubeflow-extra")
                .put("protocol", "openid-connect"));
        JsonNode before = clientJson();

        ScopeGrants grants = grants();
        assertEquals(new ScopeGrants.Lacking(List.of("no-such-scope", "saml_organization")),
                grants.grant(client(), List.of("openid", "kubeflow-extra", "no-such-scope", "saml_organization", "groups")));
        assertEquals(List.of("no-such-scope"), grants.lacking(List.of("openid", "email", "no-such-scope"), List.of(client())));

        assertEquals(before, clientJson(), "the client changed although a scope was lacking");
        assertEquals(null, realmScope("groups"), "groups made for a client that is not served");
    }

    @Test
    void lacking_readsTheRealmOnlyForNamesNoClientHolds() {
        int before = admin.requestCount();
        ScopeGrants grants = grants();
        assertEquals(List.of(), grants.lacking(List.of("openid", "profile", "groups"), List.of(client())));
        int afterClientRead = admin.requestCount();
        assertEquals(before + 1, afterClientRead, "only the client read; groups is the charm's to make");
        assertEquals(List.of("nope"), grants.lacking(List.of("openid", "address", "nope"), List.of()));
        assertEquals(List.of("nope"), grants.lacking(List.of("nope"), List.of()));
        assertEquals(afterClientRead + 1, admin.requestCount(), "the realm's client scopes read once");
    }

    @Test
    void groups_isMadeWithMarkersAndAMapper_attached_andCheckedOnEveryLaterHookWithOneRead() {
        assertEquals(new ScopeGrants.Granted(List.of("groups")), grants().grant(client(), List.of("openid", "groups")));

        JsonNode scope = realmScope("groups");
        assertEquals("openid-connect", scope.path("protocol").asText());
        ownership.markers().forEach((k, v) -> assertEquals(v, scope.path("attributes").path(k).asText(), k));
        assertEquals(1, scope.path("protocolMappers").size());
        JsonNode mapper = scope.path("protocolMappers").get(0);
        assertEquals("oidc-group-membership-mapper", mapper.path("protocolMapper").asText());
        assertEquals(Map.of("claim.name", "groups", "full.path", "false", "id.token.claim", "true",
                "access.token.claim", "true", "userinfo.token.claim", "true", "introspection.token.claim", "true"),
                RawAdmin.JSON.convertValue(mapper.path("config"), Map.class));
        assertTrue(names(clientJson().path("optionalClientScopes")).contains("groups"));

        KeycloakClient client = client();
        int before = admin.requestCount();
        ScopeGrants nextHook = grants();
        assertEquals(new ScopeGrants.Granted(List.of()), nextHook.grant(client, List.of("openid", "groups")));
        assertEquals(new ScopeGrants.Granted(List.of()), nextHook.grant(client, List.of("openid", "groups")));
        assertEquals(before + 1, admin.requestCount(), "a steady hook with groups reads the realm's scopes once");
        assertEquals(List.of(), nextHook.warnings());
    }

    @Test
    void ourGroupsScope_whoseMapperWasRemoved_getsItBack() {
        grants().grant(client(), List.of("openid", "groups"));
        JsonNode scope = realmScope("groups");
        String mapperId = scope.path("protocolMappers").get(0).path("id").asText();
        raw.delete("/admin/realms/" + realm + "/client-scopes/" + scope.path("id").asText()
                + "/protocol-mappers/models/" + mapperId);

        grants().grant(client(), List.of("openid", "groups"));

        JsonNode mended = realmScope("groups").path("protocolMappers");
        assertEquals(1, mended.size());
        assertEquals("false", mended.get(0).path("config").path("full.path").asText());
        assertEquals("true", mended.get(0).path("config").path("id.token.claim").asText());
    }

    @Test
    void anAdministratorsGroupsScope_isLeftAlone_andAWarningSaysItPutsNoGroupsInIdTokens() {
        raw.post("/admin/realms/" + realm + "/client-scopes", raw.object().put("name", "groups")
                .put("protocol", "openid-connect"));
        JsonNode before = realmScope("groups");

        ScopeGrants grants = grants();
        assertEquals(new ScopeGrants.Granted(List.of("groups")), grants.grant(client(), List.of("openid", "groups")));

        assertEquals(before, realmScope("groups"), "an administrator's client scope was changed");
        assertEquals(List.of("client scope groups of realm " + realm + " (not made by keycloak-oidc) puts no groups "
                + "claim in ID tokens; add a Group Membership mapper to it, or delete it to have it made"),
                grants.warnings());
        assertTrue(fake.logs().stream().anyMatch(l -> l.message().equals(grants.warnings().get(0))), "not logged");
    }
}
