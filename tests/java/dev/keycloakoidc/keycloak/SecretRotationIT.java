package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.testing.KeycloakChanges;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.RawAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link KeycloakClientPolicies#ensureSecretRotation} against
 * a Keycloak started with {@code --features=client-secret-rotation}, and against the shared
 * one without the feature. Secrets are checked where a consumer uses them: the token endpoint
 * ({@code client_credentials} on service-account clients, or a full login).
 */
class SecretRotationIT {

    private static final AtomicInteger counter = new AtomicInteger();
    private static final Map<String, String> MARKERS =
            Map.of("juju.model-uuid", "3f2c1a7e-it", "juju.application", "keycloak-oidc");
    private static final String REDIRECT = "https://kubeflow.example.com/dex/callback";
    private static final String ROTATED_EXPIRATION = "client.secret.rotated.expiration.time";
    private static final OkHttpClient HTTP = new OkHttpClient();

    private static KeycloakServer rotating;
    private static RawAdmin raw;
    /** Has the charm's policy for {@link #MARKERS}; made once (realms take seconds). */
    private static String realm;

    @BeforeAll
    static void startKeycloak() {
        rotating = KeycloakServer.start("--features=client-secret-rotation");
        raw = new RawAdmin(rotating);
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            realm = newRealm(admin);
            assertTrue(admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM));
        }
    }

    @AfterAll
    static void stopKeycloak() {
        if (rotating != null) {
            rotating.close();
        }
    }

    private static KeycloakAdmin asAdmin(KeycloakServer keycloak) {
        return KeycloakAdmin.connect(new KeycloakConnection(URI.create(keycloak.baseUrl()), "master",
                new AdminCredentials.Password(keycloak.adminUsername(), keycloak.adminPassword()), Optional.empty()));
    }

    private static String newRealm(KeycloakAdmin admin) {
        String name = "it-rotation-" + counter.incrementAndGet() + "-" + System.nanoTime() % 100000;
        admin.realms().create(name);
        return name;
    }

    /**
     * What an operator does before (or after) starting Keycloak without the feature while the
     * charm's policy exists: removes the charm's policy, then its profile (no policy may name a
     * missing profile), leaving every other one. Measured on 26.5: without the feature, the token
     * endpoint answers 500 {@code Executor with provider ID secret-rotation not found} for the
     * clients the policy applies to; after removal 200 again. A previous secret in its grace
     * period keeps working until the period ends or the next regenerate.
     */
    private static void removeCharmPolicy(RawAdmin admin, String realm) {
        String name = ClientPolicies.name(MARKERS);
        for (String kind : List.of(ClientPolicies.POLICIES, ClientPolicies.PROFILES)) {
            String path = "/admin/realms/" + realm + "/client-policies/" + kind;
            ObjectNode document = (ObjectNode) admin.get(path).deepCopy();
            ArrayNode entries = (ArrayNode) document.get(kind);
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (name.equals(entries.get(i).path("name").asText())) {
                    entries.remove(i);
                }
            }
            admin.put(path, document);
        }
    }

    private static String unique(String base) {
        return base + "-" + counter.incrementAndGet();
    }

    /** A confidential client with a service account, so that its secret can be tried with {@code client_credentials}. */
    private static String serviceClient(RawAdmin raw, String realm, String clientId, Map<String, String> attributes) {
        ObjectNode rep = raw.object()
                .put("clientId", clientId)
                .put("publicClient", false)
                .put("serviceAccountsEnabled", true)
                .put("standardFlowEnabled", false);
        ObjectNode attrs = rep.putObject("attributes");
        attributes.forEach(attrs::put);
        return raw.post("/admin/realms/" + realm + "/clients", rep);
    }

    /** The token endpoint's status for a {@code client_credentials} grant with this secret. */
    private static int tokenStatus(KeycloakServer keycloak, String realm, String clientId, String secret) {
        Request request = new Request.Builder()
                .url(keycloak.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token")
                .header("Authorization", Credentials.basic(clientId, secret))
                .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
                .build();
        try (Response response = HTTP.newCall(request).execute()) {
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClientSpec spec(String clientId, String... redirectUris) {
        return new ClientSpec(clientId, "Dex " + clientId, List.of(redirectUris), ClientFlows.LOGIN, List.of(), MARKERS);
    }

    private static JsonNode json(String text) {
        try {
            return RawAdmin.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long epochSeconds(KeycloakClient client, String attribute) {
        return Long.parseLong(client.attributes().get(attribute));
    }

    // --- with the feature

    @Test
    void regenerate_keepsTheOldSecretWorkingForADay_alongsideTheNewOne() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String clientId = unique("svc");
            String id = serviceClient(raw, realm, clientId, MARKERS);
            String old = admin.clients().secret(realm, id);
            assertEquals(200, tokenStatus(rotating, realm, clientId, old));

            String fresh = admin.clients().regenerateSecret(realm, id);
            long now = Instant.now().getEpochSecond();

            assertEquals(200, tokenStatus(rotating, realm, clientId, fresh), "new secret");
            assertEquals(200, tokenStatus(rotating, realm, clientId, old), "old secret, within the grace period");
            KeycloakClient client = admin.clients().find(realm, clientId).orElseThrow();
            long until = epochSeconds(client, ROTATED_EXPIRATION);
            assertTrue(Math.abs(until - (now + 86400)) < 60, "rotated expiration " + until + ", now " + now);
            assertEquals(Optional.of(fresh), client.secret());
        }
    }

    /** The charm's own client and a real login, as Dex would make it, with the secret it had before the rotation. */
    @Test
    void charmClient_oldSecretStillLogsInAfterRegenerate() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String clientId = unique("dex-auth");
            String id = admin.clients().create(realm, spec(clientId, REDIRECT));
            String old = admin.clients().secret(realm, id);
            admin.users().create(realm, new UserSpec("dora", "dora@example.com", Optional.empty(), Optional.empty(),
                    "dora-pass-1", false, List.of()));

            String fresh = admin.clients().regenerateSecret(realm, id);

            for (String secret : List.of(old, fresh)) {
                Map<String, Object> claims = OidcLogin.login(rotating.baseUrl() + "/realms/" + realm, clientId, secret,
                        REDIRECT, List.of("openid", "profile", "email"), "dora", "dora-pass-1");
                assertEquals("dora", claims.get("preferred_username"));
            }
        }
    }

    @Test
    void clientWithoutTheMarkers_getsNoGrace() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String clientId = unique("foreign");
            String id = serviceClient(raw, realm, clientId, Map.of("juju.application", "keycloak-oidc"));
            String old = admin.clients().secret(realm, id);

            String fresh = admin.clients().regenerateSecret(realm, id);

            assertEquals(200, tokenStatus(rotating, realm, clientId, fresh));
            assertEquals(401, tokenStatus(rotating, realm, clientId, old), "one marker of two is not enough");
            assertFalse(admin.clients().find(realm, clientId).orElseThrow().attributes().containsKey(ROTATED_EXPIRATION));
        }
    }

    @Test
    void secondEnsure_readsThreeDocumentsAndWritesNothing() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            assertTrue(admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM));
            int before = admin.requestCount();
            assertTrue(admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM));
            assertEquals(3, admin.requestCount() - before, "serverinfo, profiles, policies; no PUT");
        }
    }

    @Test
    void ensure_changedSettings_rewritesOnlyTheProfile() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String realm = newRealm(admin);
            admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM);
            SecretRotation hour = new SecretRotation(java.time.Duration.ofHours(1), SecretRotation.MAX,
                    java.time.Duration.ZERO);
            int before = admin.requestCount();
            assertTrue(admin.clientPolicies().ensureSecretRotation(realm, MARKERS, hour));
            assertEquals(4, admin.requestCount() - before, "serverinfo, profiles, PUT profiles, policies");
            JsonNode profile = raw.get("/admin/realms/" + realm + "/client-policies/profiles").path("profiles").get(0);
            assertEquals("3600", profile.path("executors").get(0).path("configuration")
                    .path("rotated-expiration-period").asText());
        }
    }

    @Test
    void ensure_keepsEveryoneElsesProfilesAndPolicies_andTheirRemovalRestoresThem() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String realm = newRealm(admin);
            raw.put("/admin/realms/" + realm + "/client-policies/profiles", json("""
                    {"profiles": [{"name": "someone-elses", "description": "not ours",
                      "executors": [{"executor": "pkce-enforcer", "configuration": {"auto-configure": "false"}}]}]}"""));
            raw.put("/admin/realms/" + realm + "/client-policies/policies", json("""
                    {"policies": [{"name": "someone-elses-policy", "enabled": false,
                      "conditions": [{"condition": "client-access-type", "configuration": {"type": ["public"]}}],
                      "profiles": ["someone-elses"]}]}"""));
            JsonNode profilesBefore = raw.get("/admin/realms/" + realm + "/client-policies/profiles");
            JsonNode policiesBefore = raw.get("/admin/realms/" + realm + "/client-policies/policies");

            assertTrue(admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM));

            JsonNode profiles = raw.get("/admin/realms/" + realm + "/client-policies/profiles").path("profiles");
            JsonNode policies = raw.get("/admin/realms/" + realm + "/client-policies/policies").path("policies");
            assertEquals(2, profiles.size());
            assertEquals(2, policies.size());
            assertEquals(profilesBefore.path("profiles").get(0), profiles.get(0));
            assertEquals(policiesBefore.path("policies").get(0), policies.get(0));
            String name = profiles.get(1).path("name").asText();
            assertTrue(name.startsWith("juju-keycloak-oidc-secret-rotation-"), name);
            assertEquals(name, policies.get(1).path("name").asText());
            assertEquals(List.of(name), List.of(policies.get(1).path("profiles").get(0).asText()));

            removeCharmPolicy(raw, realm);

            assertEquals(profilesBefore, raw.get("/admin/realms/" + realm + "/client-policies/profiles"));
            assertEquals(policiesBefore, raw.get("/admin/realms/" + realm + "/client-policies/policies"));
        }
    }

    @Test
    void twoApplicationsInOneRealm_getAPolicyEach() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String realm = newRealm(admin);
            Map<String, String> other = Map.of("juju.model-uuid", "3f2c1a7e-it", "juju.application", "keycloak-oidc-b");
            admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM);
            admin.clientPolicies().ensureSecretRotation(realm, other, SecretRotation.CHARM);
            assertEquals(2, raw.get("/admin/realms/" + realm + "/client-policies/policies").path("policies").size());
            int before = admin.requestCount();
            admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM);
            assertEquals(3, admin.requestCount() - before, "the other application's policy is not ours to rewrite");
        }
    }

    @Test
    void afterRemove_regenerateDropsTheOldSecretAtOnce() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String realm = newRealm(admin);
            admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM);
            String clientId = unique("svc");
            String id = serviceClient(raw, realm, clientId, MARKERS);
            removeCharmPolicy(raw, realm);
            String old = admin.clients().secret(realm, id);

            String fresh = admin.clients().regenerateSecret(realm, id);

            assertEquals(200, tokenStatus(rotating, realm, clientId, fresh));
            assertEquals(401, tokenStatus(rotating, realm, clientId, old));
        }
    }

    /**
     * The charm's goal with the largest lifetime, on every supported version: the secret never
     * expires in practice, and it works. How Keycloak gets there differs
     * ({@link KeycloakChanges#secretExpiryWraps}): up to 26.6 the time it stamps the client plus
     * 2^31-1 s wraps to a negative 32-bit epoch second, which it reads as "no expiry"; from 26.7 on
     * the sum is 64-bit, 68 years on (year 2094 for a secret made in 2026).
     */
    @Test
    void charmLifetime_neverExpiresInPractice_wrappingUpTo26_6_68YearsOnFrom26_7_andTheSecretWorks() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            long before = Instant.now().getEpochSecond();
            String clientId = unique("svc");
            String id = serviceClient(raw, realm, clientId, MARKERS);
            KeycloakClient client = admin.clients().find(realm, clientId).orElseThrow();
            long after = Instant.now().getEpochSecond();
            long expiration = epochSeconds(client, "client.secret.expiration.time");
            long lifetime = SecretRotation.CHARM.secretLifetime().toSeconds();

            assertTrue(expiration <= 0 || expiration >= before + lifetime,
                    "the secret expires at " + Instant.ofEpochSecond(expiration));
            long stamped = KeycloakChanges.secretExpiryWraps() ? expiration + (1L << 32) - lifetime : expiration - lifetime;
            assertTrue(stamped >= before && stamped <= after, "Keycloak " + KeycloakServer.version()
                    + ": expiration " + expiration + " is not " + (KeycloakChanges.secretExpiryWraps() ? "the 32-bit" : "the")
                    + " sum of a time in [" + before + ", " + after + "] and " + lifetime);
            assertEquals(KeycloakChanges.secretExpiryWraps(), expiration < 0);
            assertEquals(200, tokenStatus(rotating, realm, clientId, admin.clients().secret(realm, id)));
        }
    }

    /** The attributes the executor adds do not make the charm rewrite its client in every hook. */
    @Test
    void updateClient_keepsTheSecret_andTheClientStillSatisfiesItsSpec() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String clientId = unique("dex-auth");
            ClientSpec spec = spec(clientId, REDIRECT);
            String id = admin.clients().create(realm, spec);
            KeycloakClient created = admin.clients().find(realm, clientId).orElseThrow();
            assertTrue(created.attributes().containsKey("client.secret.expiration.time"), created.attributes().keySet().toString());
            assertTrue(created.attributes().containsKey("client.secret.creation.time"));
            assertTrue(created.satisfies(spec));
            String secret = created.secret().orElseThrow();

            ClientSpec moved = spec(clientId, "https://moved.example.com/dex/callback");
            admin.clients().update(realm, id, moved);

            KeycloakClient updated = admin.clients().find(realm, clientId).orElseThrow();
            assertEquals(Optional.of(secret), updated.secret(), "an ordinary update does not rotate");
            assertTrue(updated.satisfies(moved));
        }
    }

    @Test
    void updateClient_duringTheGracePeriod_keepsBothSecrets() {
        try (KeycloakAdmin admin = asAdmin(rotating)) {
            String clientId = unique("svc");
            String id = serviceClient(raw, realm, clientId, MARKERS);
            String old = admin.clients().secret(realm, id);
            String fresh = admin.clients().regenerateSecret(realm, id);
            KeycloakClient rotated = admin.clients().find(realm, clientId).orElseThrow();
            assertEquals(old, rotated.attributes().get("client.secret.rotated"), "the old secret sits in an attribute");

            JsonNode rep = raw.get("/admin/realms/" + realm + "/clients/" + id);
            ((ObjectNode) rep).put("description", "touched");
            ((ObjectNode) rep).remove("secret");
            raw.put("/admin/realms/" + realm + "/clients/" + id, rep);

            assertEquals(fresh, admin.clients().secret(realm, id));
            assertEquals(200, tokenStatus(rotating, realm, clientId, old));
            assertEquals(200, tokenStatus(rotating, realm, clientId, fresh));
        }
    }

    /** Reading the documents needs view-realm and writing them manage-realm; the charm's usual roles fall short. */
    @Test
    void serviceAccount_needsManageRealm() {
        try (KeycloakAdmin master = asAdmin(rotating)) {
            String realm = newRealm(master);
            String clientId = unique("it-sa");
            String secret = raw.serviceAccount(clientId);
            raw.grantRealmManagement(clientId, realm, "manage-clients", "manage-users");
            KeycloakConnection connection = new KeycloakConnection(URI.create(rotating.baseUrl()), "master",
                    new AdminCredentials.ServiceAccount(clientId, secret), Optional.empty());
            try (KeycloakAdmin admin = KeycloakAdmin.connect(connection)) {
                KeycloakApiException e = assertThrows(KeycloakApiException.class,
                        () -> admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM));
                assertEquals(403, e.status());
            }
            raw.grantRealmManagement(clientId, realm, "manage-realm");
            try (KeycloakAdmin admin = KeycloakAdmin.connect(connection)) {
                assertTrue(admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM));
            }
        }
    }

    // --- without the feature

    @Test
    void plainKeycloak_ensureIsANoOp_afterOneServerInfoRead() {
        KeycloakServer plain = KeycloakServer.shared();
        RawAdmin plainRaw = new RawAdmin(plain);
        try (KeycloakAdmin admin = asAdmin(plain)) {
            String realm = newRealm(admin);
            int before = admin.requestCount();
            assertFalse(admin.clientPolicies().ensureSecretRotation(realm, MARKERS, SecretRotation.CHARM));
            assertEquals(1, admin.requestCount() - before, "serverinfo only");
            assertEquals(0, plainRaw.get("/admin/realms/" + realm + "/client-policies/profiles").path("profiles").size());
            assertEquals(0, plainRaw.get("/admin/realms/" + realm + "/client-policies/policies").path("policies").size());

            // Why the check: without the feature Keycloak refuses the executor outright.
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> plainRaw.put(
                    "/admin/realms/" + realm + "/client-policies/profiles", RawAdmin.JSON.createObjectNode().set("profiles",
                            RawAdmin.JSON.createArrayNode().add(ClientPolicies.profile("p", MARKERS, SecretRotation.CHARM)))));
            assertTrue(refused.getMessage().contains("answered 400"), refused.getMessage());

            String clientId = unique("svc");
            String id = serviceClient(plainRaw, realm, clientId, MARKERS);
            String old = admin.clients().secret(realm, id);
            String fresh = admin.clients().regenerateSecret(realm, id);
            assertEquals(200, tokenStatus(plain, realm, clientId, fresh));
            assertEquals(401, tokenStatus(plain, realm, clientId, old), "no grace without the feature");
        }
    }
}
