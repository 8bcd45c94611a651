package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.KeycloakChanges;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.RawAdmin;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link KeycloakAdmin} against a real Keycloak ({@link KeycloakServer#shared()}); where Keycloak's
 * versions differ, the tests assert what {@link KeycloakServer#version()} does ({@link KeycloakChanges}).
 */
class KeycloakAdminIT {

    private static final AtomicInteger realms = new AtomicInteger();
    private static final Map<String, String> MANAGED = Map.of("keycloak-oidc.managed-by", "model-a/keycloak-oidc");
    private static final String REDIRECT = "https://kubeflow.example.com/dex/callback";

    private static KeycloakServer keycloak;
    private static RawAdmin raw;
    /** Made by {@link KeycloakRealms#create}; tests share it with names of their own (realms take seconds to make). */
    private static String realm;
    /** Made with Keycloak's defaults (names required), as an administrator would have. */
    private static String plainRealm;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakServer.shared();
        raw = new RawAdmin(keycloak);
        try (KeycloakAdmin admin = asAdmin()) {
            realm = newRealm(admin);
        }
        plainRealm = "it-plain-" + realms.incrementAndGet();
        raw.post("/admin/realms", raw.object().put("realm", plainRealm).put("enabled", true));
    }

    /** {@code base-N}: unique within the run, so tests sharing a realm do not collide. */
    private static String unique(String base) {
        return base + "-" + realms.incrementAndGet();
    }

    private static KeycloakConnection connection(String adminRealm, AdminCredentials credentials) {
        return new KeycloakConnection(URI.create(keycloak.baseUrl()), adminRealm, credentials, Optional.empty());
    }

    private static KeycloakAdmin asAdmin() {
        return KeycloakAdmin.connect(connection("master",
                new AdminCredentials.Password(keycloak.adminUsername(), keycloak.adminPassword())));
    }

    /** A realm of its own for each test, made by the charm's own code (names optional). */
    private static String newRealm(KeycloakAdmin admin) {
        String realm = "it-" + realms.incrementAndGet() + "-" + System.nanoTime() % 100000;
        admin.realms().create(realm);
        return realm;
    }

    private static ClientSpec spec(String clientId, String... redirectUris) {
        return new ClientSpec(clientId, "Dex " + clientId, List.of(redirectUris), ClientFlows.LOGIN, List.of(), MANAGED);
    }

    private static UserSpec user(String username, String password) {
        return new UserSpec(username, username + "@example.com", Optional.empty(), Optional.empty(), password, false, List.of());
    }

    private static Map<String, Object> login(String realm, String clientId, String secret, String username, String password) {
        return OidcLogin.login(keycloak.baseUrl() + "/realms/" + realm, clientId, secret, REDIRECT,
                List.of("openid", "profile", "email"), username, password);
    }

    // --- tokens and server info

    @Test
    void passwordGrant_readsServerInfo() {
        try (KeycloakAdmin admin = asAdmin()) {
            ServerInfo info = admin.serverInfo();
            assertEquals(Optional.of(KeycloakServer.version()), info.version());
            assertTrue(info.enabledFeatures().contains("organization"), info.enabledFeatures().toString());
            assertFalse(info.secretRotationEnabled());
        }
    }

    /** The status differs by version (401 up to 26.5, 400 from 26.6 on); the charm's reading does not. */
    @Test
    void wrongAdminPassword_isRejectedCredentials_withTheVersionsStatus_withoutThePassword() {
        for (String username : List.of(keycloak.adminUsername(), "nobody-" + realms.incrementAndGet())) {
            KeycloakApiException e = signInFails(new AdminCredentials.Password(username, "not-the-password-$3cr3t"));
            AdminCredentialsRejectedException rejected = assertInstanceOf(AdminCredentialsRejectedException.class, e);
            assertEquals(KeycloakChanges.wrongPasswordStatus(), e.status(), "Keycloak " + KeycloakServer.version());
            assertFalse(rejected.serviceAccount());
            assertEquals("Invalid user credentials", rejected.reason());
            assertEquals("Keycloak rejected the admin credentials (Invalid user credentials)", e.error());
            assertEquals("POST /realms/master/protocol/openid-connect/token answered " + e.status() + ": "
                    + "Keycloak rejected the admin credentials (Invalid user credentials)", e.getMessage());
        }
    }

    /** A disabled admin user: 400 invalid_grant on every supported version, refused credentials all the same. */
    @Test
    void disabledAdminUser_isRejectedCredentials() {
        String username = unique("it-disabled-admin");
        String id = raw.masterAdmin(username, "right-password-1");
        raw.put("/admin/realms/master/users/" + id, raw.object().put("enabled", false));
        KeycloakApiException e = signInFails(new AdminCredentials.Password(username, "right-password-1"));
        assertInstanceOf(AdminCredentialsRejectedException.class, e);
        assertEquals(400, e.status());
        assertEquals("Account disabled", ((AdminCredentialsRejectedException) e).reason());
    }

    /**
     * A service account's sign-in is refused with 401 on every supported version: a wrong secret
     * ({@code unauthorized_client}), an unknown client ({@code invalid_client}), a client without
     * service accounts ({@code unauthorized_client}).
     */
    @Test
    void wrongServiceAccount_isRejectedCredentials_401OnEveryVersion() {
        raw.serviceAccount("it-sa-wrong-secret");
        String noServiceAccount = unique("it-no-sa");
        raw.post("/admin/realms/master/clients", raw.object().put("clientId", noServiceAccount)
                .put("publicClient", false).put("serviceAccountsEnabled", false).put("secret", "its-own-secret-1"));
        Map<AdminCredentials.ServiceAccount, String> reasons = Map.of(
                new AdminCredentials.ServiceAccount("it-sa-wrong-secret", "wrong-secret"),
                "Invalid client or Invalid client credentials",
                new AdminCredentials.ServiceAccount(unique("it-no-such-client"), "wrong-secret"),
                "Invalid client or Invalid client credentials",
                new AdminCredentials.ServiceAccount(noServiceAccount, "its-own-secret-1"),
                "Client not enabled to retrieve service account");
        reasons.forEach((account, reason) -> {
            KeycloakApiException e = signInFails(account);
            AdminCredentialsRejectedException rejected = assertInstanceOf(AdminCredentialsRejectedException.class, e, account.toString());
            assertEquals(401, e.status(), account.toString());
            assertTrue(rejected.serviceAccount());
            assertEquals(reason, rejected.reason(), account.toString());
            assertFalse(e.getMessage().contains(account.clientSecret()));
        });
    }

    /** The first request fetches the token, which fails. */
    private static KeycloakApiException signInFails(AdminCredentials credentials) {
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master", credentials))) {
            return assertThrows(KeycloakApiException.class, () -> admin.realms().exists("master"));
        }
    }

    @Test
    void unreachableKeycloak_isUnreachableException() {
        KeycloakConnection nowhere = new KeycloakConnection(URI.create("http://127.0.0.1:1"), "master",
                new AdminCredentials.Password("admin", "x"), Optional.empty());
        try (KeycloakAdmin admin = KeycloakAdmin.connect(nowhere)) {
            assertThrows(dev.keycloakoidc.http.UnreachableException.class, () -> admin.realms().exists("master"));
        }
    }

    @Test
    void requestCount_countsTheTokenRequestAndEachCall() {
        try (KeycloakAdmin admin = asAdmin()) {
            assertEquals(0, admin.requestCount());
            assertTrue(admin.realms().exists("master"));
            assertEquals(2, admin.requestCount(), "token + GET realm");
            assertFalse(admin.realms().exists("no-such-realm"));
            assertEquals(3, admin.requestCount(), "the token is reused");
        }
    }

    @Test
    void tokenAboutToExpire_isRefreshed() {
        MutableClock clock = new MutableClock();
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master",
                new AdminCredentials.Password(keycloak.adminUsername(), keycloak.adminPassword())), clock)) {
            admin.realms().exists("master");
            clock.advance(Duration.ofSeconds(45));
            admin.realms().exists("master");
            assertEquals(3, admin.requestCount(), "45 s into a 60 s token: still used");
            clock.advance(Duration.ofSeconds(6));
            admin.realms().exists("master");
            assertEquals(5, admin.requestCount(), "9 s before expiry: a new token first");
        }
    }

    @Test
    void passwordSignIns_endTheirSessionsOnClose_evenTheOneARealmsCreationReplaced() {
        String username = unique("it-admin");
        String password = "it-admin-pass-" + realms.incrementAndGet();
        String userId = raw.masterAdmin(username, password);
        KeycloakAdmin admin = KeycloakAdmin.connect(connection("master", new AdminCredentials.Password(username, password)));
        newRealm(admin); // signs in, creates the realm, and signs in again for the new realm's roles
        assertTrue(admin.realms().exists(realm));
        assertEquals(2, raw.userSessions("master", userId).size(), "a password sign-in opens a session");
        int before = admin.requestCount();
        admin.close();
        assertEquals(0, raw.userSessions("master", userId).size(), "sessions left after close");
        assertEquals(before + 2, admin.requestCount(), "one logout per session");
    }

    /** Keycloak's default: a client-credentials grant issues no refresh token and opens no session. */
    @Test
    void serviceAccountSignIn_opensNoSession_andCloseSendsNothing() {
        String clientId = unique("it-sa-sessions");
        String secret = raw.serviceAccount(clientId);
        raw.grantMasterRealmRole(clientId, "admin");
        KeycloakAdmin admin = KeycloakAdmin.connect(connection("master", new AdminCredentials.ServiceAccount(clientId, secret)));
        assertTrue(admin.realms().exists(realm));
        assertEquals(0, raw.userSessions("master", raw.serviceAccountUser(clientId)).size());
        admin.close();
        assertEquals(2, admin.requestCount(), "token + GET realm, no logout");
    }

    /** A realm whose admin-cli tokens live 12 s: within the 10 s margin after 3 s, on Keycloak's own clock. */
    @Test
    void shortLivedToken_isRefreshedBeforeKeycloakRefusesIt() throws InterruptedException {
        String realm;  // its own: admin-cli's token lifespan is set per realm
        try (KeycloakAdmin admin = asAdmin()) {
            realm = newRealm(admin);
            String userId = admin.users().create(realm, user("realm-admin", "Realm-admin-pass-1"));
            String adminCli = raw.clientUuid(realm, "admin-cli");
            JsonNode cli = raw.get("/admin/realms/" + realm + "/clients/" + adminCli);
            ((com.fasterxml.jackson.databind.node.ObjectNode) cli.path("attributes")).put("access.token.lifespan", "12");
            raw.put("/admin/realms/" + realm + "/clients/" + adminCli, cli);
            String management = raw.clientUuid(realm, "realm-management");
            raw.post("/admin/realms/" + realm + "/users/" + userId + "/role-mappings/clients/" + management,
                    RawAdmin.JSON.createArrayNode().add(raw.get(
                            "/admin/realms/" + realm + "/clients/" + management + "/roles/view-clients")));
        }
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection(realm,
                new AdminCredentials.Password("realm-admin", "Realm-admin-pass-1")))) {
            assertTrue(admin.clients().list(realm).isPresent());
            assertEquals(2, admin.requestCount());
            Thread.sleep(3000);
            assertTrue(admin.clients().list(realm).isPresent());
            assertEquals(4, admin.requestCount(), "token renewed, then the GET");
        }
    }

    // --- realms

    @Test
    void createRealm_makesNamesOptional_andDisablesVerifyProfile() {
        try (KeycloakAdmin admin = asAdmin()) {
            assertTrue(admin.realms().exists(realm));
            assertEquals(Set.of("email"), admin.users().requiredAttributes(realm));
            JsonNode verifyProfile = raw.get("/admin/realms/" + realm + "/authentication/required-actions/VERIFY_PROFILE");
            assertFalse(verifyProfile.path("enabled").asBoolean(true));
            assertTrue(raw.get("/admin/realms/" + realm).path("enabled").asBoolean());
        }
    }

    @Test
    void requiredUserAttributes_ofKeycloaksDefaultProfile_includeNames() {
        try (KeycloakAdmin admin = asAdmin()) {
            assertEquals(Set.of("email", "firstName", "lastName"), admin.users().requiredAttributes(plainRealm));
            // master's profile, made at bootstrap, requires nothing
            assertEquals(Set.of(), admin.users().requiredAttributes("master"));
        }
    }

    /**
     * Keycloak answers 409 for a realm that exists; that is what a rerun sees after a run was
     * killed while Keycloak was still creating the realm, so it counts as made, not as a failure.
     */
    @Test
    void createRealm_ofAnExistingRealm_takesItAsMade() {
        try (KeycloakAdmin admin = asAdmin()) {
            admin.realms().create(realm);
            assertTrue(admin.realms().exists(realm));
            assertEquals(Set.of("email"), admin.users().requiredAttributes(realm));
        }
    }

    /**
     * A second creation of a realm while Keycloak is still creating it, as the rerun of a hook
     * killed mid-creation sends: it loses the race (409 up to 26.5; on 26.7 mostly 400 "Database
     * operation failed", after Keycloak waited 2 s for the first one's lock), waits for the realm
     * and takes it as made. It starts once the first POST has reached Keycloak (seen through a
     * proxy), so that the two meet in Keycloak's database.
     */
    @Test
    void createRealm_whileAnotherCreationOfItIsUnderWay_takesItOver() throws Exception {
        String name = unique("it-race");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (FaultProxy proxy = FaultProxy.inFrontOf(keycloak.baseUrl());
             KeycloakAdmin first = viaProxy(proxy);
             KeycloakAdmin second = viaProxy(proxy)) {
            assertFalse(first.realms().exists(name));  // each fetches its token now, not in the race
            assertFalse(second.realms().exists(name));
            Future<?> creation = pool.submit(() -> first.realms().create(name));
            long deadline = System.nanoTime() + AdminHttp.SLOW.toNanos();
            while (!proxy.requests().contains("POST /admin/realms") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            second.realms().create(name);
            creation.get();
            List<String> answers = proxy.exchanges().stream().filter(e -> e.startsWith("POST /admin/realms ")).toList();
            System.err.println("KeycloakAdminIT: Keycloak " + KeycloakServer.version() + " answered the racing realm POSTs " + answers);
            assertEquals(2, answers.size(), answers.toString());
            assertTrue(answers.contains("POST /admin/realms -> 201"), answers.toString());
            assertEquals(Set.of("email"), second.users().requiredAttributes(name), "the realm's set-up is done");
        } finally {
            pool.shutdownNow();
        }
    }

    private static KeycloakAdmin viaProxy(FaultProxy proxy) {
        return KeycloakAdmin.connect(new KeycloakConnection(URI.create(proxy.baseUrl()), "master",
                new AdminCredentials.Password(keycloak.adminUsername(), keycloak.adminPassword()), Optional.empty()));
    }

    @Test
    void userWithoutNames_logsInThroughTheClient_withPreferredUsername() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientId = unique("dex-auth");
            String id = admin.clients().create(realm, spec(clientId, REDIRECT));
            String secret = admin.clients().find(realm, clientId).orElseThrow().secret().orElseThrow();
            assertEquals(secret, admin.clients().secret(realm, id));
            admin.users().create(realm, user("Alice", "alice-pass-1"));

            Map<String, Object> claims = login(realm, clientId, secret, "alice", "alice-pass-1");

            assertEquals("alice", claims.get("preferred_username"));
            assertEquals("alice@example.com", claims.get("email"));
            assertEquals(Boolean.TRUE, claims.get("email_verified"));
            assertEquals(keycloak.baseUrl() + "/realms/" + realm, claims.get("iss"));
        }
    }

    @Test
    void wrongUserPassword_failsAtTheLoginForm() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientId = unique("dex-auth");
            admin.clients().create(realm, spec(clientId, REDIRECT));
            String secret = admin.clients().find(realm, clientId).orElseThrow().secret().orElseThrow();
            admin.users().create(realm, user("bob", "bob-pass-1"));
            OidcLogin.Failure e = assertThrows(OidcLogin.Failure.class,
                    () -> login(realm, clientId, secret, "bob", "not-bob-pass"));
            assertTrue(e.getMessage().startsWith("login form shown again"), e.getMessage());
            assertTrue(e.getMessage().contains("Invalid username or password."), e.getMessage());
        }
    }

    // --- clients

    @Test
    void createClient_setsWhatTheCharmControls_andSatisfiesItsSpec() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientId = unique("dex-auth");
            ClientSpec spec = spec(clientId, REDIRECT, "https://other.example.com/dex/callback");
            String id = admin.clients().create(realm, spec);

            KeycloakClient client = admin.clients().find(realm, clientId).orElseThrow();
            assertEquals(id, client.id());
            assertTrue(client.satisfies(spec));
            assertEquals(Set.copyOf(spec.redirectUris()), Set.copyOf(client.redirectUris()));
            assertFalse(client.directAccessGrantsEnabled());
            assertEquals("client-secret", client.clientAuthenticatorType());
            assertEquals("model-a/keycloak-oidc", client.attributes().get("keycloak-oidc.managed-by"));
            assertTrue(client.secret().isPresent());
            JsonNode rep = raw.get("/admin/realms/" + realm + "/clients/" + id);
            assertEquals(0, rep.path("webOrigins").size());
            assertEquals("Dex " + clientId, rep.path("name").asText());
            assertFalse(client.satisfies(spec(clientId, REDIRECT)));
        }
    }

    @Test
    void clients_listsEveryClientWithSecrets_inOneRequest() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientA = unique("dex-a");
            String clientB = unique("dex-b");
            admin.clients().create(realm, spec(clientA, REDIRECT));
            admin.clients().create(realm, spec(clientB, REDIRECT));
            int before = admin.requestCount();
            List<KeycloakClient> clients = admin.clients().list(realm).orElseThrow();
            assertEquals(before + 1, admin.requestCount());
            for (String clientId : List.of(clientA, clientB)) {
                KeycloakClient client = clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst().orElseThrow();
                assertTrue(client.secret().isPresent(), clientId);
                assertTrue(client.satisfies(spec(clientId, REDIRECT)), clientId);
            }
            // Keycloak's own clients are listed too; the charm tells its own by their attributes.
            assertTrue(clients.stream().anyMatch(c -> c.clientId().equals("account")));
        }
    }

    @Test
    void createClient_withATakenClientId_is409() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientId = unique("dex-auth");
            admin.clients().create(realm, spec(clientId, REDIRECT));
            KeycloakApiException e = assertThrows(KeycloakApiException.class,
                    () -> admin.clients().create(realm, spec(clientId, REDIRECT)));
            assertEquals(409, e.status());
            assertEquals("Client " + clientId + " already exists", e.error());
        }
    }

    @Test
    void updateClient_setsTheSpec_keepsSecretAndForeignAttributes() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientId = unique("dex-auth");
            String id = admin.clients().create(realm, spec(clientId, REDIRECT));
            String secret = admin.clients().find(realm, clientId).orElseThrow().secret().orElseThrow();
            JsonNode rep = raw.get("/admin/realms/" + realm + "/clients/" + id);
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep).put("directAccessGrantsEnabled", true);
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep.path("attributes")).put("added-by-someone", "yes");
            raw.put("/admin/realms/" + realm + "/clients/" + id, rep);
            assertFalse(admin.clients().find(realm, clientId).orElseThrow().satisfies(spec(clientId, REDIRECT)));

            ClientSpec moved = spec(clientId, "https://new.example.com/dex/callback");
            admin.clients().update(realm, id, moved);

            KeycloakClient client = admin.clients().find(realm, clientId).orElseThrow();
            assertTrue(client.satisfies(moved));
            assertEquals(List.of("https://new.example.com/dex/callback"), client.redirectUris());
            assertEquals(Optional.of(secret), client.secret());
            assertEquals("yes", client.attributes().get("added-by-someone"));
        }
    }

    @Test
    void regenerateSecret_oldSecretRefused_newAccepted() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientId = unique("dex-auth");
            String id = admin.clients().create(realm, spec(clientId, REDIRECT));
            String old = admin.clients().find(realm, clientId).orElseThrow().secret().orElseThrow();
            admin.users().create(realm, user("carol", "carol-pass-1"));

            String fresh = admin.clients().regenerateSecret(realm, id);

            assertNotEquals(old, fresh);
            assertEquals(Optional.of(fresh), admin.clients().find(realm, clientId).orElseThrow().secret());
            OidcLogin.Failure e = assertThrows(OidcLogin.Failure.class,
                    () -> login(realm, clientId, old, "carol", "carol-pass-1"));
            assertTrue(e.getMessage().startsWith("token endpoint answered 401 unauthorized_client: "
                    + "Invalid client or Invalid client credentials (wrong client secret?)"), e.getMessage());
            assertEquals("carol", login(realm, clientId, fresh, "carol", "carol-pass-1").get("preferred_username"));
        }
    }

    @Test
    void deleteClient_removesIt_andDeletingAgainSucceeds() {
        try (KeycloakAdmin admin = asAdmin()) {
            String clientId = unique("dex-auth");
            String id = admin.clients().create(realm, spec(clientId, REDIRECT));
            admin.clients().delete(realm, id);
            assertEquals(Optional.empty(), admin.clients().find(realm, clientId));
            admin.clients().delete(realm, id);
        }
    }

    @Test
    void missingThings_areEmpty() {
        try (KeycloakAdmin admin = asAdmin()) {
            assertFalse(admin.realms().exists("no-such-realm"));
            assertEquals(Optional.empty(), admin.clients().list("no-such-realm"));
            assertEquals(Optional.empty(), admin.clients().find("no-such-realm", "dex-auth"));
            assertEquals(Optional.empty(), admin.clients().find("master", "no-such-client"));
            assertEquals(Optional.empty(), admin.users().findByUsername("master", "no-such-user"));
            assertEquals(Optional.empty(), admin.users().findByEmail("master", "nobody@example.com"));
            assertEquals(Optional.empty(), admin.users().findByUsername("no-such-realm", "admin"));
        }
    }

    @Test
    void client_isAnExactMatch() {
        try (KeycloakAdmin admin = asAdmin()) {
            String otherClientId = unique("dex-auth-2");
            String clientId = unique("dex-auth");
            admin.clients().create(realm, spec(otherClientId, REDIRECT));
            assertEquals(Optional.empty(), admin.clients().find(realm, clientId));
        }
    }

    @Test
    void updateClient_ofAMissingClient_is404() {
        try (KeycloakAdmin admin = asAdmin()) {
            KeycloakApiException e = assertThrows(KeycloakApiException.class,
                    () -> admin.clients().update("master", "00000000-0000-0000-0000-000000000000", spec("x", REDIRECT)));
            assertEquals(404, e.status());
        }
    }

    // --- users

    @Test
    void createUser_isFoundByUsernameAnyCase_andByEmail() {
        try (KeycloakAdmin admin = asAdmin()) {
            String id = admin.users().create(realm, new UserSpec("Dave", "dave@example.com", Optional.of("Dave"),
                    Optional.of("Jones"), "dave-pass-1", false, List.of()));
            assertEquals(Optional.of(id), admin.users().findByUsername(realm, "DAVE"));
            assertEquals(Optional.of(id), admin.users().findByUsername(realm, "dave"));
            assertEquals(Optional.of(id), admin.users().findByEmail(realm, "dave@example.com"));
            assertEquals(Optional.empty(), admin.users().findByUsername(realm, "dav"));
            JsonNode rep = raw.get("/admin/realms/" + realm + "/users/" + id);
            assertEquals("dave", rep.path("username").asText());
            assertEquals("Jones", rep.path("lastName").asText());
            assertTrue(rep.path("emailVerified").asBoolean());
            assertEquals(0, rep.path("requiredActions").size());
        }
    }

    @Test
    void createUser_withATakenUsernameOrEmail_is409() {
        try (KeycloakAdmin admin = asAdmin()) {
            admin.users().create(realm, user("erin", "erin-pass-1"));
            KeycloakApiException byName = assertThrows(KeycloakApiException.class,
                    () -> admin.users().create(realm, new UserSpec("ERIN", "other@example.com", Optional.empty(),
                            Optional.empty(), "erin-pass-2", false, List.of())));
            assertEquals(409, byName.status());
            assertEquals("User exists with same username", byName.error());
            KeycloakApiException byEmail = assertThrows(KeycloakApiException.class,
                    () -> admin.users().create(realm, new UserSpec("erin2", "erin@example.com", Optional.empty(),
                            Optional.empty(), "erin-pass-2", false, List.of())));
            assertEquals(409, byEmail.status());
            assertEquals("User exists with same email", byEmail.error());
        }
    }

    @Test
    void createUser_refusedByPasswordPolicy_saysWhy_andLeavesNoUser() {
        String realm = plainRealm;
        try (KeycloakAdmin admin = asAdmin()) {
            raw.put("/admin/realms/" + realm, raw.object().put("passwordPolicy", "length(12)"));
            KeycloakApiException e = assertThrows(KeycloakApiException.class,
                    () -> admin.users().create(realm, user("frank", "short-1")));
            assertEquals(400, e.status());
            assertEquals("Invalid password: minimum length 12.", e.error());
            assertFalse(e.getMessage().contains("short-1"));
            assertEquals(Optional.empty(), admin.users().findByUsername(realm, "frank"));
            assertEquals(Optional.empty(), admin.users().findByEmail(realm, "frank@example.com"));
        }
    }

    // --- least privilege (docs/least-privilege.md)

    @Test
    void serviceAccount_withManageClientsAndManageUsers_doesAllClientAndUserWork() {
        String clientId = unique("dex-auth");
        String secret = raw.serviceAccount("it-sa-" + realm);
        raw.grantRealmManagement("it-sa-" + realm, realm, "manage-clients", "manage-users");
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master",
                new AdminCredentials.ServiceAccount("it-sa-" + realm, secret)))) {
            assertTrue(admin.realms().exists(realm));
            // From 26.7 on Keycloak tells its version only to who can manage the admin realm; the
            // features (secret rotation) it tells everyone.
            ServerInfo info = admin.serverInfo();
            assertEquals(KeycloakChanges.serverInfoVersionForLeastPrivilege(), info.version(), "Keycloak " + KeycloakServer.version());
            assertTrue(info.enabledFeatures().contains("organization"), info.enabledFeatures().toString());
            String id = admin.clients().create(realm, spec(clientId, REDIRECT));
            KeycloakClient client = admin.clients().find(realm, clientId).orElseThrow();
            assertTrue(client.secret().isPresent(), "manage-clients sees secrets");
            assertTrue(admin.clients().list(realm).orElseThrow().stream().anyMatch(c -> c.id().equals(id)));
            admin.clients().update(realm, id, spec(clientId, "https://new.example.com/cb"));
            String fresh = admin.clients().regenerateSecret(realm, id);
            assertEquals(fresh, admin.clients().secret(realm, id));
            String userId = admin.users().create(realm, user("hank", "hank-pass-1"));
            assertEquals(Optional.of(userId), admin.users().findByUsername(realm, "hank"));
            assertEquals(Optional.of(userId), admin.users().findByEmail(realm, "hank@example.com"));
            admin.clients().delete(realm, id);
            assertEquals(Set.of("email"), admin.users().requiredAttributes(realm));
            KeycloakApiException other = assertThrows(KeycloakApiException.class, () -> admin.clients().list("master"));
            assertEquals(403, other.status());
        }
    }

    /**
     * What an oauth requirer asks for (a service account, audience mappers, the device grant, no
     * refresh tokens) is client work: {@code manage-clients} alone does all of it.
     */
    @Test
    void serviceAccount_withManageClientsOnly_makesAndChangesOAuthClients_serviceAccountAndAudienceMappersIncluded() {
        String clientId = unique("kafka-client");
        String account = "it-sa-clients-" + realm;
        String secret = raw.serviceAccount(account);
        raw.grantRealmManagement(account, realm, "manage-clients");
        ClientFlows serviceAccount = new ClientFlows(false, false, true, false);
        ClientSpec kafka = new ClientSpec(clientId, "Kafka client", List.of(), serviceAccount, List.of("kafka"), MANAGED);
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master",
                new AdminCredentials.ServiceAccount(account, secret)))) {
            String id = admin.clients().create(realm, kafka);
            KeycloakClient created = admin.clients().find(realm, clientId).orElseThrow();
            assertTrue(created.satisfies(kafka), created::toString);
            assertEquals(1, created.protocolMappers().size());

            ClientSpec changed = new ClientSpec(clientId, "Kafka client", List.of(REDIRECT), new ClientFlows(true, true, true, true),
                    List.of("kafka", "schema-registry"), MANAGED);
            admin.clients().update(realm, id, changed);
            KeycloakClient updated = admin.clients().find(realm, clientId).orElseThrow();
            assertTrue(updated.satisfies(changed), updated::toString);
            assertEquals(created.secret(), updated.secret(), "an update keeps the secret");
            assertEquals(Set.of("kafka", "schema-registry"), updated.protocolMappers().stream()
                    .map(m -> m.config().get("included.custom.audience")).collect(java.util.stream.Collectors.toSet()));
            admin.clients().update(realm, id, kafka);
            assertTrue(admin.clients().find(realm, clientId).orElseThrow().satisfies(kafka));
            admin.clients().delete(realm, id);
            assertTrue(admin.clients().find(realm, clientId).isEmpty());
        }
    }

    /** docs/least-privilege.md: client scopes fall under manage-clients, groups under manage-users. */
    @Test
    void serviceAccount_withManageClientsAndManageUsers_managesClientScopesAndGroups_eachRoleAloneOnlyItsOwn() {
        String both = unique("it-sa-scopes");
        String bothSecret = raw.serviceAccount(both);
        raw.grantRealmManagement(both, realm, "manage-clients", "manage-users");
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master",
                new AdminCredentials.ServiceAccount(both, bothSecret)))) {
            String clientId = unique("dex-auth");
            String client = admin.clients().create(realm, spec(clientId, REDIRECT));
            String scopeName = unique("groups");
            String scope = admin.clientScopes().create(realm, new ClientScope("", scopeName, ClientScope.OPENID_CONNECT,
                    MANAGED, List.of(ProtocolMapper.groupMembership("groups"))));
            admin.clientScopes().addOptional(realm, client, scope);
            assertTrue(admin.clients().find(realm, clientId).orElseThrow().clientScopes().contains(scopeName));
            assertTrue(admin.clientScopes().list(realm).stream().anyMatch(s -> s.id().equals(scope)
                    && s.mappers().get(0).putsGroupsInIdToken("groups")));

            String groupName = unique("ml-team");
            String group = admin.groups().create(realm, groupName, MANAGED);
            assertTrue(admin.groups().topLevel(realm).stream().anyMatch(g -> g.id().equals(group)));
            String user = admin.users().create(realm, new UserSpec(unique("gus"), unique("gus") + "@example.com",
                    Optional.empty(), Optional.empty(), "gus-pass-1", false, List.of(groupName)));
            assertEquals(List.of(group), admin.groups().ofUser(realm, user).stream().map(KeycloakGroups.Group::id).toList());
            admin.groups().leave(realm, user, group);
            assertEquals(List.of(), admin.groups().ofUser(realm, user));
            admin.groups().join(realm, user, group);
            admin.groups().delete(realm, group);
            assertEquals(List.of(), admin.groups().ofUser(realm, user));
        }

        String clientsOnly = unique("it-sa-clients");
        String clientsSecret = raw.serviceAccount(clientsOnly);
        raw.grantRealmManagement(clientsOnly, realm, "manage-clients");
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master",
                new AdminCredentials.ServiceAccount(clientsOnly, clientsSecret)))) {
            assertTrue(admin.clientScopes().list(realm).stream().anyMatch(s -> s.name().equals("profile")));
            assertEquals(403, assertThrows(KeycloakApiException.class, () -> admin.groups().topLevel(realm)).status());
        }
        String usersOnly = unique("it-sa-users");
        String usersSecret = raw.serviceAccount(usersOnly);
        raw.grantRealmManagement(usersOnly, realm, "manage-users");
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master",
                new AdminCredentials.ServiceAccount(usersOnly, usersSecret)))) {
            String ops = admin.groups().create(realm, unique("ops"), MANAGED);
            assertTrue(admin.groups().topLevel(realm).stream().anyMatch(g -> g.id().equals(ops)));
            assertEquals(403, assertThrows(KeycloakApiException.class, () -> admin.clientScopes().list(realm)).status());
        }
    }

    @Test
    void createUser_withAGroupTheRealmLacks_makesNoUser() {
        try (KeycloakAdmin admin = asAdmin()) {
            String username = unique("nogroup");
            KeycloakApiException e = assertThrows(KeycloakApiException.class, () -> admin.users().create(realm,
                    new UserSpec(username, username + "@example.com", Optional.empty(), Optional.empty(), "pw-pass-1",
                            false, List.of(unique("never-made")))));
            assertEquals(500, e.status());
            assertEquals(Optional.empty(), admin.users().findByUsername(realm, username));
        }
    }

    @Test
    void serviceAccount_withCreateRealm_createsARealmAndWorksInIt_withANewToken() {
        String clientId = "it-sa-creator-" + realms.incrementAndGet();
        String secret = raw.serviceAccount(clientId);
        raw.grantMasterRealmRole(clientId, "create-realm");
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection("master",
                new AdminCredentials.ServiceAccount(clientId, secret)))) {
            String realm = "it-created-by-sa-" + realms.incrementAndGet();
            assertFalse(admin.realms().exists(realm));
            admin.realms().create(realm);
            assertTrue(admin.realms().exists(realm));
            assertEquals(Set.of("email"), admin.users().requiredAttributes(realm));
            admin.clients().create(realm, spec("dex-auth", REDIRECT));
            admin.users().create(realm, user("ivy", "ivy-pass-1"));
            String clientSecret = admin.clients().find(realm, "dex-auth").orElseThrow().secret().orElseThrow();
            assertEquals("ivy", login(realm, "dex-auth", clientSecret, "ivy", "ivy-pass-1").get("preferred_username"));
        }
    }

    /** Preview features are chosen at start; serverinfo lists them as CLIENT_SECRET_ROTATION. */
    @Test
    void serverInfo_ofAKeycloakStartedWithSecretRotation_saysSo() {
        try (KeycloakServer rotating = KeycloakServer.start("--features=client-secret-rotation");
             KeycloakAdmin admin = KeycloakAdmin.connect(new KeycloakConnection(URI.create(rotating.baseUrl()),
                     "master", new AdminCredentials.Password(rotating.adminUsername(), rotating.adminPassword()),
                     Optional.empty()))) {
            ServerInfo info = admin.serverInfo();
            assertTrue(info.enabledFeatures().contains("client-secret-rotation"), info.enabledFeatures().toString());
            assertTrue(info.secretRotationEnabled());
        }
    }

    /** A clock the test moves by hand, to age tokens without waiting. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() { return now; }

        @Override
        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(java.time.ZoneId zone) { return this; }
    }
}
