package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.DispatchDriver;
import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.InterfaceSchemas;
import dev.keycloakoidc.testing.InterfaceSchemas.Side;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.OidcLogin;
import dev.keycloakoidc.testing.PackedRuntime;
import dev.keycloakoidc.testing.RawAdmin;
import dev.keycloakoidc.testing.SecretSnapshot;
import dev.keycloakoidc.testing.SecretsHygiene;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One deployed keycloak-oidc as the end-to-end tests see it: a fake Juju model, the packed charm
 * run through its real {@code ./dispatch}, and the shared real Keycloak, with a realm of its own
 * so that tests do not see each other.
 */
final class CharmScene implements AutoCloseable {

    /**
     * A wrong password's status: the same on every supported Keycloak, though the token endpoint
     * answers 401 up to 26.5 and 400 from 26.6 on.
     */
    static final String WRONG_PASSWORD_STATUS = "blocked: Keycloak rejected the admin credentials (Invalid user "
            + "credentials); fix username and password in the admin-credentials secret";

    final KeycloakServer keycloak;
    final RawAdmin admin;
    final FakeJuju juju = FakeJuju.forRepo();
    final String realm = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    final DispatchDriver driver;
    /** Every secret value the test saw: none may leak into argv, logs, statuses or relation data. */
    final List<String> secrets = new ArrayList<>();
    private boolean hygieneChecked;

    private CharmScene(KeycloakServer keycloak) {
        this.keycloak = keycloak;
        this.admin = new RawAdmin(keycloak);
        InterfaceSchemas.checkEveryCommittedProviderBag(juju);
        try {
            driver = DispatchDriver.start(juju);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deployed and configured with the master admin's password, as the README tells an operator. */
    static CharmScene configured() {
        return configured(KeycloakServer.shared());
    }

    /** The same, against a Keycloak of the test's own (one it may stop). */
    static CharmScene configured(KeycloakServer keycloak) {
        CharmScene scene = new CharmScene(keycloak);
        String uri = scene.juju.addUserSecret(Map.of("username", scene.keycloak.adminUsername(),
                "password", scene.keycloak.adminPassword()));
        scene.juju.grantSecret(uri, scene.juju.app());
        scene.juju.setConfig("keycloak-url", scene.keycloak.baseUrl());
        scene.juju.setConfig("admin-credentials", uri);
        scene.juju.setConfig("realm", scene.realm);
        scene.secrets.add(scene.keycloak.adminPassword());
        return scene;
    }

    String leader() {
        return juju.leader();
    }

    /** Runs a hook on the leader and requires exit 0. */
    HookRun hook(String name) {
        HookRun run = driver.hook(leader(), name);
        assertEquals(0, run.exitCode(), () -> name + " failed:\n" + run.stderr());
        return run;
    }

    HookRun relationChanged(String relationId) {
        String remote = juju.remoteUnits(relationId).isEmpty() ? null : juju.remoteUnits(relationId).get(0);
        HookRun run = driver.relationHook(leader(), "relation-changed", relationId, remote);
        assertEquals(0, run.exitCode(), () -> "relation-changed failed:\n" + run.stderr());
        return run;
    }

    /**
     * A consumer on oidc-provider that has sent its redirect URI; what it sends holds to the
     * interface's requirer schema (a test of bad input sets the databag itself).
     */
    String relateProvider(String app, String redirectUri) {
        String rel = juju.relate("oidc-provider", app, app + "/0");
        Map<String, String> request = Map.of("redirect_uri", redirectUri);
        InterfaceSchemas.OIDC_PROVIDER.assertValid(Side.REQUIRER, request, "set by the test for " + rel);
        juju.setRemoteAppData(rel, request);
        return rel;
    }

    /**
     * A requirer on oauth that has written {@code request} (nothing when it is empty, as
     * request-authentication-configurator does); a request holds to the interface's requirer
     * schema (a test of bad input sets the databag itself).
     */
    String relateOAuth(String app, Map<String, String> request) {
        String rel = juju.relate("oauth", app, app + "/0");
        InterfaceSchemas.OAUTH.assertValid(Side.REQUIRER, request, "set by the test for " + rel);
        juju.setRemoteAppData(rel, request);
        return rel;
    }

    /** A requirer on oauth writes a new request, as the library does when the charm's configuration changes. */
    void requestOAuth(String rel, Map<String, String> request) {
        InterfaceSchemas.OAUTH.assertValid(Side.REQUIRER, request, "set by the test for " + rel);
        juju.setRemoteAppData(rel, request);
    }

    /**
     * A consumer on oidc-provider, served, and a user made by create-user: where a rotation test
     * starts. {@code secret} is the client secret Juju holds now.
     */
    record Served(String relation, String secretId, String secret, String username, String password) {}

    Served servedWithUser(String app, String redirectUri, String username) {
        String rel = relateProvider(app, redirectUri);
        relationChanged(rel);
        HookRun run = driver.action(leader(), "create-user", Map.of("username", username, "email", username + "@example.com"));
        assertEquals(0, run.exitCode(), run::stderr);
        String password = run.action().orElseThrow().result("password").orElseThrow();
        String secretId = juju.localAppData(rel).get("client_secret_id");
        String secret = jujuSecret(secretId).content().get("secret");
        secrets.add(secret);
        return new Served(rel, secretId, secret, username, password);
    }

    /** The served user's login through the published settings, with this client secret; its claims. */
    Map<String, Object> login(Served served, String clientSecret) {
        Map<String, String> data = juju.localAppData(served.relation());
        return OidcLogin.login(data.get("issuer_url"), data.get("client_id"), clientSecret, data.get("redirect_uri"),
                List.of("openid"), served.username(), served.password());
    }

    /** Stock dex-auth on dex-oidc-config, publishing its issuer. */
    String relateDex(String app, String issuerUrl) {
        String rel = juju.relate("dex-oidc-config", app, app + "/0");
        juju.setRemoteAppData(rel, Map.of("issuer-url", issuerUrl));
        return rel;
    }

    /**
     * Sends the admin API through {@code proxy}, which counts the requests; discovery goes
     * straight to Keycloak, whose issuer is its own URL.
     */
    void adminThrough(FaultProxy proxy) {
        juju.setConfig("keycloak-url", proxy.baseUrl());
        juju.setConfig("issuer", keycloak.baseUrl() + "/realms/" + realm);
    }

    /**
     * The charm carries AOT caches, and the leader's update-status loads no class of the charm's
     * from its jar (the training, {@code dev.keycloakoidc.training}, covers it), each of which
     * would cost a read, a verification and a link, and defines none at run time: no lambda,
     * string concatenation or record method the cache does not hold, each of which the JVM would
     * spin with the class-file writer (which C1 then compiles, megabytes of arena).
     * Classes of the runtime image the cache never holds (JFR's event classes) may come from jrt.
     */
    void assertUpdateStatusLoadsEveryClassFromTheAotCache() {
        PackedRuntime.assertAotCaches(driver.charmDir());
        driver.withExtraEnv(Map.of("CHARM_JVM_OPTIONS", "-Xlog:class+load=info"));
        HookRun logged = driver.hook(leader(), "update-status");
        assertEquals(0, logged.exitCode(), logged.stderr());
        List<String> loads = logged.stdout().lines().filter(l -> l.contains("[class,load]")).toList();
        assertEquals(List.of(), loads.stream().filter(l -> l.contains("source: file:")).toList());
        assertEquals(List.of(), loads.stream()
                .filter(l -> !l.contains("source: shared objects file") && !l.contains("source: jrt:/")).toList(),
                "classes defined at run time, not from the AOT cache");
        assertTrue(logged.stdout().contains("source: shared objects file"), "no class came from the AOT cache");
    }

    /** Runs an action on the leader, requires exit 0 (a failed action still exits 0), returns its record. */
    ActionRun action(String name, Map<String, ?> params) {
        HookRun run = driver.action(leader(), name, params);
        assertEquals(0, run.exitCode(), () -> name + " exited " + run.exitCode() + ":\n" + run.stderr());
        return run.action().orElseThrow();
    }

    /**
     * The login a consumer of {@code oidc-provider} runs with what it was given: the relation's
     * databag and the Juju secret it names. Returns the ID token's claims.
     */
    Map<String, Object> login(String relationId, String username, String password) {
        Map<String, String> data = juju.localAppData(relationId);
        String secret = jujuSecret(data.get("client_secret_id")).content().get("secret");
        return OidcLogin.login(data.get("issuer_url"), data.get("client_id"), secret, data.get("redirect_uri"),
                List.of(data.get("scope").split(" ")), username, password);
    }

    String unitStatus() {
        var status = juju.unitStatus(leader());
        return status.status() + ": " + status.message();
    }

    /** The realm's client by clientId, as Keycloak has it. */
    JsonNode client(String clientId) {
        JsonNode found = admin.get("/admin/realms/" + realm + "/clients?clientId=" + clientId);
        return found.size() == 0 ? null : found.get(0);
    }

    String keycloakSecret(String clientId) {
        JsonNode client = client(clientId);
        return admin.get("/admin/realms/" + realm + "/clients/" + client.path("id").asText() + "/client-secret")
                .path("value").asText();
    }

    SecretSnapshot jujuSecret(String uri) {
        return juju.secret(uri).orElseThrow(() -> new AssertionError("no Juju secret " + uri));
    }

    /** Creates a user straight in Keycloak (not through the charm), with a known password. */
    String createUser(String username, String password) {
        return admin.post("/admin/realms/" + realm + "/users", admin.object()
                .put("username", username).put("email", username + "@example.com").put("emailVerified", true)
                .put("enabled", true)
                .set("credentials", RawAdmin.JSON.createArrayNode().add(admin.object()
                        .put("type", "password").put("value", password).put("temporary", false))));
    }

    /**
     * The design's security promises over everything this scene ran: no secret (those the test
     * saw, and every one the model holds) in argv, output, logs, statuses or plain relation data;
     * no wildcard redirect URI in a client the charm manages or in what it published.
     */
    void assertHygiene() {
        hygieneChecked = true;
        List<String> known = new ArrayList<>(secrets);
        for (JsonNode client : realmClients()) {
            if (managed(client)) {
                known.add(keycloakSecret(client.path("clientId").asText()));
                client.path("redirectUris").forEach(u -> assertFalse(u.asText().contains("*"),
                        () -> "wildcard redirect URI in client " + client.path("clientId").asText() + ": " + u.asText()));
            }
        }
        SecretsHygiene.of(juju).assertNoneLeaked(Set.copyOf(known));
        for (String rel : juju.relationIds("oidc-provider")) {
            Map<String, String> data = juju.localAppData(rel);
            assertFalse(data.getOrDefault("redirect_uri", "").contains("*"), () -> "wildcard published on " + rel);
            try {
                JsonNode connector = RawAdmin.JSON.readTree(data.getOrDefault("dex_connector", "{}"));
                assertFalse(connector.path("config").path("redirectURI").asText().contains("*"));
                assertTrue(connector.path("config").path("clientSecret").isMissingNode(),
                        () -> "client secret in plain relation data on " + rel);
            } catch (IOException e) {
                throw new AssertionError("dex_connector on " + rel + " is not JSON", e);
            }
        }
    }

    /**
     * The clients of the scene's realm, read as the master admin: none when the realm does not
     * exist (the charm never got as far as making it). Any failed read fails the check: the
     * Keycloak half of it is never skipped.
     */
    private JsonNode realmClients() {
        boolean exists = admin.get("/admin/realms?briefRepresentation=true").findValuesAsText("realm").contains(realm);
        return exists ? admin.get("/admin/realms/" + realm + "/clients") : RawAdmin.JSON.createArrayNode();
    }

    /** Made by this charm in this model (its ownership attributes). */
    boolean managed(JsonNode client) {
        return juju.modelUuid().equals(client.path("attributes").path("juju.model-uuid").asText())
                && juju.app().equals(client.path("attributes").path("juju.application").asText());
    }

    /** Checks {@link #assertHygiene} for a test that did not, so that no e2e path goes unchecked. */
    @Override
    public void close() throws IOException {
        try {
            if (!hygieneChecked) {
                assertHygiene();
            }
        } finally {
            driver.close();
        }
    }
}
