package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.juju.RotatePolicy;
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
 * The scope decisions of {@link Planner} carried out by {@link KeycloakApply} against a real
 * Keycloak 26.5: what is attached, what is made, what is reported missing, and how many requests
 * each hook costs (a steady hook with groups must stay within four).
 */
class KeycloakApplyScopesIT {

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

    /**
     * The facts one hook reads for dex-auth on oidc-provider asking for {@code extra} on top of
     * {@code openid}: Keycloak's clients, and the realm's client scopes when the plan needs them.
     */
    private Facts read(String... extra) {
        FakeProcessRunner runner = nextHook();
        apply = new KeycloakApply(new Juju(new HookTools(runner), JujuContext.fromEnv(runner.env())), admin, realm, ownership);
        CharmConfig config = new CharmConfig(URI.create(keycloak.baseUrl()), "secret:admin", "master", realm,
                Model.ISSUER, List.of("openid"), "preferred_username", "keycloak", "Keycloak", Optional.empty(),
                RotatePolicy.NEVER, "Keycloak");
        Relation dex = new Relation("oidc-provider:0", OidcProviderEndpoint.NAME, "dex-auth",
                Map.of("redirect_uri", "https://dex.example.com/callback", "scope", String.join(" ", extra)), Map.of());
        Facts facts = new Facts(config, ownership, "m", OidcProviderEndpoint.read(List.of(dex)), List.of(), List.of(),
                List.of(),
                apply.clients(), Optional.empty(), Provider.of(config, Model.DISCOVERY), Map.of(), List.of(), List.of());
        return Planner.needsRealmScopes(facts) ? facts.withRealmScopes(apply.realmScopes()) : facts;
    }

    private KeycloakApply apply;

    /** One hook: read, plan, and carry out the plan's Keycloak steps. */
    private Plan hook(String... extra) {
        Plan plan = Planner.plan(read(extra));
        apply.apply(plan);
        return plan;
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
    void scopesTheClientHolds_costNoRequestBeyondTheClientsList_defaultOrOptional() {
        KeycloakClient client = client();
        int before = admin.requestCount();
        Plan plan = hook("profile", "email", "offline_access");
        assertEquals(List.of(new Plan.Keep(client, List.of())), plan.clients());
        assertEquals(before + 1, admin.requestCount(), "requests for scopes the clients list already shows");
    }

    @Test
    void aRealmScopeTheClientLacks_isAttachedAsOptional_inOneReadAndOneWrite() {
        raw.post("/admin/realms/" + realm + "/client-scopes", raw.object().put("name", "kubeflow-extra")
                .put("protocol", "openid-connect"));
        int before = admin.requestCount();

        Plan plan = hook("profile", "kubeflow-extra");

        assertEquals(List.of("kubeflow-extra"), ((Plan.Keep) plan.clients().get(0)).attach());
        assertEquals(before + 3, admin.requestCount(), "the clients, the realm's client scopes, then one PUT");
        assertTrue(names(clientJson().path("optionalClientScopes")).contains("kubeflow-extra"));
        assertFalse(names(clientJson().path("defaultClientScopes")).contains("kubeflow-extra"));
        assertTrue(client().clientScopes().contains("kubeflow-extra"));
    }

    @Test
    void aScopeTheRealmLacks_orASamlScope_isLacking_andNothingIsAttached() {
        raw.post("/admin/realms/" + realm + "/client-scopes", raw.object().put("name", "kubeflow-extra")
                .put("protocol", "openid-connect"));
        JsonNode before = clientJson();

        Plan plan = hook("kubeflow-extra", "no-such-scope", "saml_organization", "groups");

        assertEquals(List.of(new Status.Blocked("consumer dex-auth (oidc-provider:0): realm " + realm + " has no OpenID "
                + "Connect client scopes no-such-scope, saml_organization; create them in Keycloak or drop them from "
                + "the consumer's scope")), plan.statuses());
        assertEquals(before, clientJson(), "the client changed although a scope was lacking");
        assertEquals(null, realmScope("groups"), "groups made for a client that is not served");
    }

    @Test
    void theRealmIsReadOnlyForNamesNoClientHolds() {
        int before = admin.requestCount();
        Facts facts = read("profile", "email");
        assertEquals(Optional.empty(), facts.realmScopes());
        assertEquals(before + 1, admin.requestCount(), "only the clients read");
        raw.post("/admin/realms/" + realm + "/client-scopes", raw.object().put("name", "kubeflow-extra")
                .put("protocol", "openid-connect"));
        assertEquals(Optional.of(true), read("kubeflow-extra").realmScopes().map(scopes -> scopes.containsKey("kubeflow-extra")));
        assertEquals(before + 3, admin.requestCount(), "the clients, then the realm's client scopes");
    }

    @Test
    void groups_isMadeWithMarkersAndAMapper_attached_andCheckedOnEveryLaterHookWithOneRead() {
        hook("groups");

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

        int before = admin.requestCount();
        Plan nextHook = hook("groups");
        assertEquals(List.of(), nextHook.groupsScope(), "the scope and its mapper as they should be");
        assertEquals(List.of(), ((Plan.Keep) nextHook.clients().get(0)).attach());
        assertEquals(before + 2, admin.requestCount(), "a steady hook with groups reads the clients and the realm's scopes");
        assertEquals(List.of(), nextHook.notices());
    }

    @Test
    void ourGroupsScope_whoseMapperWasRemoved_getsItBack() {
        hook("groups");
        JsonNode scope = realmScope("groups");
        String mapperId = scope.path("protocolMappers").get(0).path("id").asText();
        raw.delete("/admin/realms/" + realm + "/client-scopes/" + scope.path("id").asText()
                + "/protocol-mappers/models/" + mapperId);

        hook("groups");

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

        Plan plan = hook("groups");

        assertEquals(List.of("groups"), ((Plan.Keep) plan.clients().get(0)).attach());
        assertTrue(names(clientJson().path("optionalClientScopes")).contains("groups"));
        assertEquals(before, realmScope("groups"), "an administrator's client scope was changed");
        assertEquals(List.of("client scope groups of realm " + realm + " (not made by keycloak-oidc) puts no groups "
                + "claim in ID tokens; add a Group Membership mapper to it, or delete it to have it made"),
                plan.notices());
    }
}
