package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.InterfaceSchemas;
import dev.keycloakoidc.testing.OAuthCalls;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.SecretSnapshot;
import dev.keycloakoidc.testing.ToolCall;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code oauth} endpoint end to end: requirers writing exactly what the real charms write,
 * the packed charm's ./dispatch, a real Keycloak, and the requirer's side played with nothing but
 * the published databag (read as the interface's library reads it) and the Juju secret. Every
 * provider databag the charm commits is checked against the interface's provider schema by
 * {@link CharmScene}.
 */
class OAuthIT {

    static final String GRAFANA_CALLBACK = "https://grafana.example.com/login/generic_oauth";

    /** What grafana-k8s writes (src/charm.py, library LIBPATCH 11). */
    static Map<String, String> grafana(String redirectUri) {
        return Map.of("redirect_uri", redirectUri, "scope", "openid email offline_access",
                "grant_types", "[\"authorization_code\", \"refresh_token\"]", "audience", "[]",
                "token_endpoint_auth_method", "client_secret_basic");
    }

    /** What kafka-k8s and kafka write (library LIBPATCH 9): client credentials, a placeholder redirect. */
    static final Map<String, String> KAFKA = Map.of("redirect_uri", "https://kafka.local", "scope", "openid email",
            "grant_types", "[\"client_credentials\"]", "audience", "[]", "token_endpoint_auth_method", "client_secret_basic");

    /**
     * What a Kafka client needs, which no released charm writes: client credentials whose access
     * tokens carry the audience the brokers check ({@code kafka}); LIBPATCH 12 lets it omit the redirect.
     */
    static Map<String, String> kafkaClient(String audiences) {
        return Map.of("scope", "openid", "grant_types", "[\"client_credentials\"]", "audience", audiences,
                "token_endpoint_auth_method", "client_secret_basic");
    }

    @Test
    void grafana_getsAClient_andLogsInAndRefreshes_withOnlyThePublishedDataAndTheSecret() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateOAuth("grafana", Map.of());
            relationCreated(scene, rel);
            assertEquals(Set.of(), clientKeys(scene.juju.localAppData(rel)), "a client before any request");
            assertTrue(scene.juju.localAppData(rel).containsKey("issuer_url"), "no provider info before the request");

            scene.requestOAuth(rel, grafana(GRAFANA_CALLBACK));
            scene.relationChanged(rel);
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            JsonNode client = scene.client("grafana");
            assertEquals(List.of(GRAFANA_CALLBACK), strings(client.path("redirectUris")));
            assertTrue(client.path("standardFlowEnabled").asBoolean());
            assertFalse(client.path("serviceAccountsEnabled").asBoolean());
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean());
            assertEquals("true", client.path("attributes").path("use.refresh.tokens").asText());
            assertEquals("false", client.path("attributes").path("oauth2.device.authorization.grant.enabled").asText());
            assertEquals(List.of(), audienceMappers(client));

            // The requirer's side: the databag as the library decodes it, and the secret granted to the relation.
            Requirer grafana = Requirer.of(scene, rel);
            String issuer = scene.keycloak.baseUrl() + "/realms/" + scene.realm;
            assertEquals(issuer, grafana.get("issuer_url"));
            assertEquals(issuer + "/protocol/openid-connect/token/introspect", grafana.get("introspection_endpoint"));
            assertEquals(issuer + "/protocol/openid-connect/certs", grafana.get("jwks_endpoint"));
            assertEquals("openid profile email offline_access", grafana.get("scope"));
            assertEquals("grafana", grafana.get("client_id"));
            assertEquals("True", scene.juju.localAppData(rel).get("jwt_access_token"));
            assertFalse(scene.juju.localAppData(rel).containsKey("ca_chain"));
            assertEquals(scene.keycloakSecret("grafana"), grafana.secret);

            scene.createUser("alice", "correct-horse-9");
            scene.secrets.add("correct-horse-9");
            OidcLogin.Tokens tokens = OidcLogin.login(grafana.get("authorization_endpoint"), grafana.get("token_endpoint"),
                    grafana.get("client_id"), grafana.secret, GRAFANA_CALLBACK, List.of("openid", "email", "offline_access"),
                    "alice", "correct-horse-9");
            assertEquals("alice", tokens.idClaims().get("preferred_username"));
            assertEquals(issuer, tokens.idClaims().get("iss"));
            assertEquals("alice@example.com", OAuthCalls.userinfo(grafana.get("userinfo_endpoint"), tokens.accessToken()).get("email"));
            OidcLogin.Tokens refreshed = OidcLogin.refresh(grafana.get("token_endpoint"), grafana.get("client_id"),
                    grafana.secret, tokens.refreshToken().orElseThrow(() -> new AssertionError("no refresh token")));
            assertEquals("alice", refreshed.idClaims().get("preferred_username"));
            assertFalse(refreshed.accessToken().equals(tokens.accessToken()), "the refresh gave the same access token");
            // grafana asks for offline_access: Keycloak granted it, so the refresh token is an offline one.
            assertEquals("Offline", OidcLogin.claims(tokens.refreshToken().get()).get("typ"));
            scene.assertHygiene();
        }
    }

    @Test
    void kafka_getsClientCredentialsOnly_andItsPlaceholderRedirectIsNotRegistered() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateOAuth("kafka", KAFKA);
            scene.relationChanged(rel);

            JsonNode client = scene.client("kafka");
            assertTrue(client.path("serviceAccountsEnabled").asBoolean());
            assertFalse(client.path("standardFlowEnabled").asBoolean(), "a grant not asked for is off");
            assertEquals("false", client.path("attributes").path("use.refresh.tokens").asText());
            assertEquals(List.of(), strings(client.path("redirectUris")));

            Requirer kafka = Requirer.of(scene, rel);
            Map<String, Object> token = kafka.clientCredentials("openid", "email");
            assertEquals("kafka", token.get("azp"));
            assertEquals(kafka.get("issuer_url"), token.get("iss"));
            // No browser login for it: Keycloak refuses the authorization request.
            scene.createUser("bob", "correct-horse-9");
            scene.secrets.add("correct-horse-9");
            assertThrows(OidcLogin.Failure.class, () -> OidcLogin.login(kafka.get("authorization_endpoint"),
                    kafka.get("token_endpoint"), "kafka", kafka.secret, "https://kafka.local", List.of("openid"),
                    "bob", "correct-horse-9"));
            scene.assertHygiene();
        }
    }

    @Test
    void aKafkaClient_withAnAudience_getsAccessTokensWhoseAudHoldsIt_andAChangedAudienceKeepsTheSecret() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateOAuth("kafka-client", kafkaClient("[\"kafka\"]"));
            scene.relationChanged(rel);
            Requirer requirer = Requirer.of(scene, rel);
            JsonNode client = scene.client("kafka-client");
            assertEquals(List.of("kafka"), audienceMappers(client));
            JsonNode mapper = client.path("protocolMappers").get(0);
            assertEquals(scene.juju.modelUuid(), mapper.path("config").path("juju.model-uuid").asText(), "not marked as the charm's");
            assertTrue(audience(requirer.clientCredentials("openid")).contains("kafka"));

            scene.requestOAuth(rel, kafkaClient("[\"kafka\", \"schema-registry\"]"));
            scene.relationChanged(rel);
            assertEquals(List.of("kafka", "schema-registry"), audienceMappers(scene.client("kafka-client")));
            Requirer changed = Requirer.of(scene, rel);
            assertEquals(requirer.secret, changed.secret, "a changed request keeps the secret");
            assertEquals(requirer.secretId, changed.secretId);
            List<String> aud = audience(changed.clientCredentials("openid"));
            assertTrue(aud.containsAll(List.of("kafka", "schema-registry")), aud::toString);

            scene.requestOAuth(rel, kafkaClient("[]"));
            scene.relationChanged(rel);
            assertEquals(List.of(), audienceMappers(scene.client("kafka-client")));
            assertFalse(audience(changed.clientCredentials("openid")).contains("kafka"));
            scene.assertHygiene();
        }
    }

    @Test
    void aRequirerThatWritesNothing_seesTheProviderEndpoints_andNoClient_andStaysServed(@TempDir Path dir) throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            // Keycloak here is plain http, so the certificate is only published, for the requirer to trust.
            String pem = TlsFixtures.selfSigned(dir, "keycloak.example.com", null, null, 30).pem();
            scene.juju.setConfig("ca-cert", pem);
            String rel = scene.relateOAuth("request-authentication-configurator", Map.of());
            relationCreated(scene, rel);
            scene.relationChanged(rel);
            scene.hook("update-status");

            Requirer requirer = Requirer.of(scene, rel);
            assertEquals(scene.keycloak.baseUrl() + "/realms/" + scene.realm, requirer.get("issuer_url"));
            assertEquals(Set.of(), clientKeys(scene.juju.localAppData(rel)));
            assertNull(requirer.secret);
            // The certificate as OpenSSL writes PEM (ca_chain is re-encoded, one certificate each):
            // keytool's lines end in CRLF.
            assertEquals(List.of(pem.strip().replace("\r\n", "\n") + "\n"), strings(requirer.decoded.path("ca_chain")));
            assertTrue(Converged.managedClients(scene).isEmpty(), "a client nobody asked for");
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());
            scene.assertHygiene();
        }
    }

    @Test
    void aChangedRedirectUri_logsInAtTheNewOne_withTheSameSecret_andTheOldOneIsRefused() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateOAuth("grafana", grafana(GRAFANA_CALLBACK));
            scene.relationChanged(rel);
            Requirer before = Requirer.of(scene, rel);
            String moved = "https://dashboards.example.com/login/generic_oauth";

            scene.requestOAuth(rel, grafana(moved));
            scene.relationChanged(rel);

            Requirer after = Requirer.of(scene, rel);
            assertEquals(before.secretId, after.secretId);
            assertEquals(before.secret, after.secret, "the secret changed");
            assertEquals(1, scene.jujuSecret(after.secretId).latestRevision(), "a new revision for an unchanged secret");
            assertEquals(List.of(moved), strings(scene.client("grafana").path("redirectUris")));
            scene.createUser("carol", "correct-horse-9");
            scene.secrets.add("correct-horse-9");
            assertEquals("carol", OidcLogin.login(after.get("authorization_endpoint"), after.get("token_endpoint"),
                    "grafana", after.secret, moved, List.of("openid", "email"), "carol", "correct-horse-9")
                    .idClaims().get("preferred_username"));
            assertThrows(OidcLogin.Failure.class, () -> OidcLogin.login(after.get("authorization_endpoint"),
                    after.get("token_endpoint"), "grafana", after.secret, GRAFANA_CALLBACK, List.of("openid"),
                    "carol", "correct-horse-9"));
            scene.assertHygiene();
        }
    }

    @Test
    void removingTheRelation_leavesNoClientAndNoSecret() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateOAuth("grafana", grafana(GRAFANA_CALLBACK));
            scene.relationChanged(rel);
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");
            scene.secrets.add(scene.keycloakSecret("grafana"));

            removeRelation(scene, rel);

            assertNull(scene.client("grafana"), "the client is still there");
            assertTrue(scene.juju.secret(secretId).isEmpty(), "its Juju secret is still there");
            assertTrue(scene.juju.secrets().stream().noneMatch(s -> s.ownerKind().equals("application")));
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());
            scene.assertHygiene();
        }
    }

    /**
     * One application on oidc-provider and on oauth gets one client: the redirect URIs and flows
     * are the union, and when the oauth relation goes, what oidc-provider needs stays.
     */
    @Test
    void oneApplicationOnBothEndpoints_sharesOneClient_withTheUnionOfFlows() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String dexCallback = "https://portal.example.com/dex/callback";
            String provider = scene.relateProvider("portal", dexCallback);
            String oauth = scene.relateOAuth("portal", kafkaClient("[\"kafka\"]"));
            scene.relationChanged(oauth);
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            JsonNode client = scene.client("portal");
            assertEquals(List.of(dexCallback), strings(client.path("redirectUris")));
            assertTrue(client.path("standardFlowEnabled").asBoolean());
            assertTrue(client.path("serviceAccountsEnabled").asBoolean());
            assertEquals(List.of("kafka"), audienceMappers(client));
            String secretId = scene.juju.localAppData(provider).get("client_secret_id");
            assertEquals(secretId, scene.juju.localAppData(oauth).get("client_secret_id"), "two secrets for one client");
            SecretSnapshot secret = scene.jujuSecret(secretId);
            assertEquals(Set.of(provider.substring(provider.indexOf(':') + 1), oauth.substring(oauth.indexOf(':') + 1)),
                    secret.relationGrants().keySet(), "granted to both relations");

            removeRelation(scene, oauth);
            client = scene.client("portal");
            assertNotNull(client, "oidc-provider still needs the client");
            assertTrue(client.path("standardFlowEnabled").asBoolean());
            assertFalse(client.path("serviceAccountsEnabled").asBoolean(), "a grant no endpoint asks for any more");
            assertEquals(List.of(), audienceMappers(client));
            assertEquals(secretId, scene.juju.localAppData(provider).get("client_secret_id"));
            assertEquals(scene.keycloakSecret("portal"), scene.jujuSecret(secretId).content().get("secret"));
            scene.assertHygiene();
        }
    }

    /**
     * {@code true} is a valid Juju application name, and the library reads a bare {@code true} as a
     * boolean, which its schema refuses: the clientId is written as a JSON string.
     */
    @Test
    void anApplicationNamedTrue_getsItsClientId_asTheLibraryReadsIt() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = scene.relateOAuth("true", KAFKA);
            scene.relationChanged(rel);
            assertEquals("\"true\"", scene.juju.localAppData(rel).get("client_id"));
            Requirer requirer = Requirer.of(scene, rel);
            assertEquals("true", requirer.get("client_id"));
            assertEquals("true", requirer.clientCredentials("openid").get("azp"));
            scene.assertHygiene();
        }
    }

    /**
     * The scope rules hold for oauth requirers: one asking for {@code groups} gets the groups
     * claim (the charm makes the realm's groups scope) and {@code groups: groups}; one asking for
     * a scope the realm lacks is not served and is named, while the other stays served.
     */
    @Test
    void aRequirerAskingForGroups_getsTheClaim_andOneAskingForAScopeTheRealmLacks_isNotServed() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            Map<String, String> withGroups = new HashMap<>(grafana(GRAFANA_CALLBACK));
            withGroups.put("scope", "openid email groups");
            String rel = scene.relateOAuth("grafana", withGroups);
            Map<String, String> lacking = new HashMap<>(KAFKA);
            lacking.put("scope", "openid no-such-scope");
            String other = scene.relateOAuth("kafka", lacking);
            scene.relationChanged(other);

            assertEquals("blocked: consumer kafka (" + other + "): realm " + scene.realm + " has no OpenID Connect client "
                    + "scope no-such-scope; create it in Keycloak or drop it from the consumer's scope", scene.unitStatus());
            assertNull(scene.client("kafka"));
            assertEquals(Set.of(), clientKeys(scene.juju.localAppData(other)));
            Requirer requirer = Requirer.of(scene, rel);
            assertEquals("groups", requirer.get("groups"));
            assertEquals("openid profile email groups", requirer.get("scope"));

            ActionRun user = scene.action("create-user", Map.of("username", "dana", "email", "dana@example.com",
                    "password", "correct-horse-9", "groups", "ml-team"));
            assertTrue(user.failure().isEmpty(), () -> user.failure().get());
            scene.secrets.add("correct-horse-9");
            OidcLogin.Tokens tokens = OidcLogin.login(requirer.get("authorization_endpoint"), requirer.get("token_endpoint"),
                    "grafana", requirer.secret, GRAFANA_CALLBACK, List.of("openid", "email", "groups"), "dana", "correct-horse-9");
            assertEquals(List.of("ml-team"), tokens.idClaims().get("groups"));
            scene.assertHygiene();
        }
    }

    /**
     * rotate-secret and secret-rotation cover oauth clients (their requirers read the Juju secret);
     * get-connector, which prints Dex connectors, refuses them by name.
     */
    @Test
    void rotateSecret_andScheduledRotation_rotateAnOAuthClient_andGetConnector_saysItIsNotADexs() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            scene.juju.setConfig("secret-rotation", "daily");
            String rel = scene.relateOAuth("kafka", KAFKA);
            scene.relationChanged(rel);
            Requirer before = Requirer.of(scene, rel);
            assertEquals(Optional.of("daily"), scene.jujuSecret(before.secretId).rotate());

            ActionRun rotated = scene.action("rotate-secret", Map.of("client", "kafka"));
            assertTrue(rotated.failure().isEmpty(), () -> rotated.failure().get());
            Requirer after = Requirer.of(scene, rel);
            scene.secrets.add(before.secret);
            scene.secrets.add(after.secret);
            assertEquals(before.secretId, after.secretId);
            assertFalse(before.secret.equals(after.secret));
            assertEquals(2, scene.jujuSecret(after.secretId).latestRevision());
            assertEquals("kafka", after.clientCredentials("openid").get("azp"));

            HookRun scheduled = scene.driver.run(scene.juju.rotationDue(after.secretId));
            assertEquals(0, scheduled.exitCode(), scheduled.stderr());
            Requirer rotatedOnSchedule = Requirer.of(scene, rel);
            assertEquals(3, scene.jujuSecret(after.secretId).latestRevision());
            assertEquals(scene.keycloakSecret("kafka"), rotatedOnSchedule.secret);
            assertEquals("kafka", rotatedOnSchedule.clientCredentials("openid").get("azp"));

            ActionRun named = scene.action("get-connector", Map.of("client", "kafka"));
            assertEquals("client kafka is not a Dex's: kafka is related on neither dex-oidc-config nor oidc-provider "
                    + "(an oauth requirer reads its settings from the relation)", named.failure().orElseThrow());
            ActionRun any = scene.action("get-connector", Map.of());
            assertEquals("no client in realm " + scene.realm + " managed by this charm is a Dex's yet; relate dex-auth first",
                    any.failure().orElseThrow());
            scene.assertHygiene();
        }
    }

    /**
     * The benchmark's steady case, checked: one consumer on each endpoint, and a steady hook asks
     * Keycloak for a token and the clients only (then ends its session), writes nothing, and loads
     * every class of the charm's from the AOT cache (the training, {@code dev.keycloakoidc.training},
     * covers the oauth path).
     */
    @Test
    void aSteadyHook_withAConsumerOnEachEndpoint_asksForATokenAndTheClientsOnly_andWritesNothing() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            scene.adminThrough(proxy);
            scene.relateProvider("dex-auth", "https://kubeflow.example.com/dex/callback");
            scene.relateDex("stock-dex", "https://dex.example.com/dex");
            scene.relateOAuth("grafana", grafana(GRAFANA_CALLBACK));
            scene.hook("config-changed");
            assertEquals("active: 3 clients in realm " + scene.realm, scene.unitStatus());

            int requests = proxy.requests().size();
            int calls = scene.juju.calls().size();
            scene.hook("update-status");
            // The scene signs in with a password: the hook ends the session that opened.
            assertEquals(List.of("POST /realms/master/protocol/openid-connect/token",
                    "GET /admin/realms/" + scene.realm + "/clients",
                    "POST /realms/master/protocol/openid-connect/logout"),
                    proxy.requests().subList(requests, proxy.requests().size()));
            List<String> tools = scene.juju.calls().subList(calls, scene.juju.calls().size()).stream().map(ToolCall::tool).toList();
            assertFalse(tools.contains("relation-set") || tools.contains("secret-set") || tools.contains("secret-grant"),
                    "Juju writes on a steady hook: " + tools);
            scene.assertUpdateStatusLoadsEveryClassFromTheAotCache();
            scene.assertHygiene();
        }
    }

    /** The requirer's view of its relation: the provider databag decoded as the library decodes it, and the secret. */
    record Requirer(ObjectNode decoded, String secretId, String secret) {

        static Requirer of(CharmScene scene, String rel) {
            Map<String, String> data = scene.juju.localAppData(rel);
            InterfaceSchemas.OAUTH.assertValid(InterfaceSchemas.Side.PROVIDER, data, "on " + rel);
            ObjectNode decoded = InterfaceSchemas.OAUTH.decode(data);
            String secretId = decoded.path("client_secret_id").asText(null);
            String secret = null;
            if (secretId != null) {
                SecretSnapshot snapshot = scene.jujuSecret(secretId);
                assertEquals(scene.juju.remoteApp(rel), snapshot.relationGrants().get(rel.substring(rel.indexOf(':') + 1)),
                        "secret not granted to " + rel);
                secret = snapshot.content().get("secret");
                scene.secrets.add(secret);
            }
            return new Requirer(decoded, secretId, secret);
        }

        /** The claims of an access token the client-credentials grant gives this requirer. */
        Map<String, Object> clientCredentials(String... scopes) {
            return OAuthCalls.clientCredentials(get("token_endpoint"), get("client_id"), secret, List.of(scopes));
        }

        String get(String key) {
            JsonNode value = decoded.get(key);
            assertNotNull(value, () -> key + " is not published");
            assertTrue(value.isTextual(), () -> key + " does not read as text: " + value);
            return value.textValue();
        }
    }

    static void relationCreated(CharmScene scene, String rel) {
        HookRun run = scene.driver.relationHook(scene.leader(), "relation-created", rel, null);
        assertEquals(0, run.exitCode(), () -> "relation-created failed:\n" + run.stderr());
    }

    /** The relation goes, as Juju removes it: relation-broken on the leader, then it is gone from the model. */
    static void removeRelation(CharmScene scene, String rel) {
        HookRun broken = scene.driver.relationHook(scene.leader(), "relation-broken", rel, null);
        assertEquals(0, broken.exitCode(), broken.stderr());
        scene.juju.removeRelation(rel);
    }

    static Set<String> clientKeys(Map<String, String> data) {
        Map<String, String> copy = new HashMap<>(data);
        copy.keySet().retainAll(Set.of("client_id", "client_secret_id"));
        return copy.keySet();
    }

    /** The audiences of the client's audience mappers, sorted. */
    static List<String> audienceMappers(JsonNode client) {
        return StreamSupport.stream(client.path("protocolMappers").spliterator(), false)
                .filter(m -> m.path("protocolMapper").asText().equals("oidc-audience-mapper"))
                .map(m -> m.path("config").path("included.custom.audience").asText()).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof List<?> list ? (List<String>) list : aud == null ? List.of() : List.of(aud.toString());
    }

    static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
