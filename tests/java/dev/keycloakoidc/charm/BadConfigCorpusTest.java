package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.StatusEntry;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-config corpus (issue 5, part 3): one bad value per row on an otherwise good config whose
 * keycloak-url points at a local server that records every request. Each row must end in exactly
 * its {@code blocked} status, exit 0, and leave that server without a single request: nothing
 * invalid may reach Keycloak. Where Juju itself refuses a value ({@code juju config} type checks),
 * the row asserts the refusal instead.
 */
class BadConfigCorpusTest {

    private static final String EXAMPLE = ": set it to e.g. https://keycloak.example.com";
    private static final String ISSUER_FIX = ": set it to the realm's issuer, e.g. "
            + "https://keycloak.example.com/realms/kubeflow, or leave it empty";
    private static final String REALM_RULE = " must be a realm name of letters, digits, '.', '-' and '_'; got '";

    @TempDir
    static Path dir;
    private static HttpServer recorder;
    /** Every request the "Keycloak" received, as {@code METHOD path}. */
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static String kc;
    private static TlsFixtures.Identity goodCa;
    private static TlsFixtures.Identity expiredCa;
    private static TlsFixtures.Identity futureCa;

    private final FakeJuju juju = FakeJuju.forRepo();

    @BeforeAll
    static void start() {
        recorder = TlsFixtures.serveHttp(exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        kc = "http://127.0.0.1:" + recorder.getAddress().getPort();
        goodCa = TlsFixtures.selfSigned(dir, "Good CA", null, null, 30);
        expiredCa = TlsFixtures.selfSigned(dir, "Expired CA", null, "-10d", 1);
        futureCa = TlsFixtures.selfSigned(dir, "Future CA", null, "+10d", 30);
    }

    @AfterAll
    static void stop() {
        recorder.stop(0);
    }

    @BeforeEach
    void goodConfig() {
        requests.clear();
        juju.setConfig("keycloak-url", kc);
        String uri = juju.addUserSecret(Map.of("username", "admin", "password", "pw-9f3k2"));
        juju.grantSecret(uri, juju.app());
        juju.setConfig("admin-credentials", uri);
    }

    /** Rows: a label, what to set (given the model and the recorder's URL), the exact status message. */
    static Stream<Arguments> badValues() {
        List<Arguments> rows = new ArrayList<>();
        // keycloak-url: each still names the recorder where it can, so a request would show.
        rows.add(row("keycloak-url empty", set("keycloak-url", ""), "set keycloak-url"));
        rows.add(row("keycloak-url blank", set("keycloak-url", "  \n"), "set keycloak-url"));
        rows.add(row("keycloak-url without scheme", set("keycloak-url", "keycloak.example.com"),
                "keycloak-url must start with https:// or http://" + EXAMPLE));
        // host:port reads as a scheme named after the host
        rows.add(row("keycloak-url host:port without scheme", (j, kc) -> j.setConfig("keycloak-url", kc.substring("http://".length())),
                "keycloak-url is not a URL (Illegal character in scheme name)" + EXAMPLE));
        rows.add(row("keycloak-url ftp://", (j, kc) -> j.setConfig("keycloak-url", kc.replace("http:", "ftp:")),
                "keycloak-url must start with https:// or http://" + EXAMPLE));
        rows.add(row("keycloak-url javascript:", set("keycloak-url", "javascript:alert(1)"),
                "keycloak-url must start with https:// or http://" + EXAMPLE));
        rows.add(row("keycloak-url with /admin", (j, kc) -> j.setConfig("keycloak-url", kc + "/admin"),
                "keycloak-url must be Keycloak's base URL, without /admin or /realms/..."));
        rows.add(row("keycloak-url with /realms/x", (j, kc) -> j.setConfig("keycloak-url", kc + "/realms/kubeflow"),
                "keycloak-url must be Keycloak's base URL, without /admin or /realms/..."));
        rows.add(row("keycloak-url with query", (j, kc) -> j.setConfig("keycloak-url", kc + "/?debug=1"),
                "keycloak-url must not have a query or fragment" + EXAMPLE));
        rows.add(row("keycloak-url with fragment", (j, kc) -> j.setConfig("keycloak-url", kc + "/#x"),
                "keycloak-url must not have a query or fragment" + EXAMPLE));
        rows.add(row("keycloak-url with user:pass@", (j, kc) -> j.setConfig("keycloak-url", kc.replace("//", "//admin:hunter2@")),
                "keycloak-url must not carry a user name or password" + EXAMPLE));
        rows.add(row("keycloak-url without host", set("keycloak-url", "http://"),
                "keycloak-url is not a URL (Expected authority)" + EXAMPLE));
        rows.add(row("keycloak-url with a space", set("keycloak-url", "http://127.0.0.1 :8080"),
                "keycloak-url is not a URL (Illegal character in authority)" + EXAMPLE));
        rows.add(row("keycloak-url with bad escape", (j, kc) -> j.setConfig("keycloak-url", kc + "/%zz"),
                "keycloak-url is not a URL (Malformed escape pair)" + EXAMPLE));
        rows.add(row("keycloak-url with underscore host", set("keycloak-url", "http://key_cloak.example.com"),
                "keycloak-url has no host" + EXAMPLE));
        rows.add(row("keycloak-url port 99999", set("keycloak-url", "http://127.0.0.1:99999"),
                "keycloak-url has an invalid port" + EXAMPLE));
        rows.add(row("keycloak-url port 0", set("keycloak-url", "http://127.0.0.1:0"),
                "keycloak-url has an invalid port" + EXAMPLE));
        // realm and admin-realm
        rows.add(row("realm with /", set("realm", "kube/flow"), "realm" + REALM_RULE + "kube/flow'"));
        rows.add(row("realm with spaces", set("realm", "kube flow"), "realm" + REALM_RULE + "kube flow'"));
        rows.add(row("realm empty", set("realm", ""), "realm" + REALM_RULE + "'"));
        rows.add(row("realm ..", set("realm", ".."), "realm" + REALM_RULE + "..'"));
        rows.add(row("realm 101 characters", set("realm", "r".repeat(101)),
                "realm" + REALM_RULE + "r".repeat(57) + "...'"));
        rows.add(row("admin-realm with ../", set("admin-realm", "master/../x"), "admin-realm" + REALM_RULE + "master/../x'"));
        rows.add(row("admin-realm empty", set("admin-realm", " "), "admin-realm" + REALM_RULE + "'"));
        rows.add(row("admin-realm with ?", set("admin-realm", "master?x=1"), "admin-realm" + REALM_RULE + "master?x=1'"));
        // issuer
        rows.add(row("issuer not a URL", set("issuer", "my issuer"), "issuer is not a URL (Illegal character in path)" + ISSUER_FIX));
        rows.add(row("issuer without scheme", set("issuer", "keycloak.example.com/realms/kubeflow"),
                "issuer must start with https:// or http://" + ISSUER_FIX));
        rows.add(row("issuer with fragment", set("issuer", "https://keycloak.example.com/realms/kubeflow#x"),
                "issuer must not have a query or fragment" + ISSUER_FIX));
        rows.add(row("issuer with user info", set("issuer", "https://u:p@keycloak.example.com/realms/kubeflow"),
                "issuer must not carry a user name or password" + ISSUER_FIX));
        rows.add(row("issuer port 99999", set("issuer", "https://keycloak.example.com:99999/realms/kubeflow"),
                "issuer has an invalid port" + ISSUER_FIX));
        // scopes
        rows.add(row("scopes without openid", set("scopes", "profile email"), "scopes must contain openid"));
        rows.add(row("scopes empty", set("scopes", ""), "scopes must contain openid"));
        rows.add(row("scopes with \"", set("scopes", "openid \"profile\""),
                "scopes: scope \"profile\" has a character OAuth does not allow (\")"));
        rows.add(row("scopes with non-ASCII", set("scopes", "openid profilé"),
                "scopes: scope profilé has a character OAuth does not allow (U+00E9)"));
        rows.add(row("scopes with \\", set("scopes", "openid a\\b"),
                "scopes: scope a\\b has a character OAuth does not allow (\\)"));
        rows.add(row("scopes comma-separated", set("scopes", "openid,profile,email"),
                "scopes must contain openid (separate scopes with spaces, not commas)"));
        rows.add(row("scopes with a control character", set("scopes", "openid gro\u0007ups"),
                "scopes: scope gro?ups has a character OAuth does not allow (U+0007)"));
        rows.add(row("scopes with a 10,000-character bad scope", set("scopes", "openid \"" + "g".repeat(10_000)),
                "scopes: scope \"" + "g".repeat(36) + "... has a character OAuth does not allow (\")"));
        // username-key, connector-id, connector-name
        rows.add(row("username-key with spaces", set("username-key", "preferred username"),
                "username-key must be a claim name such as preferred_username; got 'preferred username'"));
        rows.add(row("username-key empty", set("username-key", ""),
                "username-key must be a claim name such as preferred_username; got ''"));
        rows.add(row("username-key with $", set("username-key", "$name"),
                "username-key must be a claim name such as preferred_username; got '$name'"));
        rows.add(row("connector-id with $", set("connector-id", "key$cloak"),
                "connector-id must be letters, digits, '-' and '_'; got 'key$cloak'"));
        rows.add(row("connector-id with spaces", set("connector-id", "key cloak"),
                "connector-id must be letters, digits, '-' and '_'; got 'key cloak'"));
        rows.add(row("connector-name with $", set("connector-name", "Key${HOME}"),
                "connector-name must be 1-100 characters without '$' (Dex expands $VARS)"));
        rows.add(row("connector-name empty", set("connector-name", " "),
                "connector-name must be 1-100 characters without '$' (Dex expands $VARS)"));
        // ca-cert
        rows.add(row("ca-cert not PEM", set("ca-cert", "MIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUA"),
                "ca-cert: no '-----BEGIN CERTIFICATE-----' block found"));
        rows.add(row("ca-cert truncated PEM", (j, kc) -> j.setConfig("ca-cert", truncated(goodCa.pem())),
                "ca-cert: not a readable PEM certificate (Unable to initialize, java.io.EOFException: not enough content)"));
        rows.add(row("ca-cert corrupt second block", (j, kc) -> j.setConfig("ca-cert",
                        goodCa.pem() + "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"),
                "ca-cert: not a readable PEM certificate (Unable to initialize, java.io.EOFException: not enough content)"));
        rows.add(row("ca-cert expired", (j, kc) -> j.setConfig("ca-cert", expiredCa.pem()),
                "ca-cert: certificate Expired CA expired on " + expiredCa.certificate().getNotAfter().toInstant()
                        .truncatedTo(ChronoUnit.SECONDS)));
        rows.add(row("ca-cert not yet valid", (j, kc) -> j.setConfig("ca-cert", futureCa.pem()),
                "ca-cert: certificate Future CA is not valid before " + futureCa.certificate().getNotBefore().toInstant()
                        .truncatedTo(ChronoUnit.SECONDS)));
        // secret-rotation: Juju's own policy names only, as secret-add --rotate takes them
        String policies = "secret-rotation must be one of never, hourly, daily, weekly, monthly, quarterly, yearly; got '";
        rows.add(row("secret-rotation unknown", set("secret-rotation", "sometimes"), policies + "sometimes'"));
        rows.add(row("secret-rotation capitalised", set("secret-rotation", "Monthly"), policies + "Monthly'"));
        rows.add(row("secret-rotation a duration", set("secret-rotation", "24h"), policies + "24h'"));
        rows.add(row("secret-rotation empty", set("secret-rotation", ""), policies + "'"));
        // admin-credentials (the values Juju accepts; see jujuRefuses for the rest)
        String notGranted = "admin-credentials secret not granted to keycloak-oidc (juju grant-secret <name> keycloak-oidc)"
                + " or it does not exist";
        rows.add(row("admin-credentials unset", set("admin-credentials", null),
                "set admin-credentials (a Juju user secret with username and password)"));
        rows.add(row("admin-credentials secret that does not exist", set("admin-credentials", "secret:d0ba5e1ecc5a1b1c2d3e"),
                notGranted));
        rows.add(row("admin-credentials not granted", (j, kc) -> j.setConfig("admin-credentials",
                j.addUserSecret(Map.of("username", "admin", "password", "pw-9f3k2"))), notGranted));
        rows.add(row("admin-credentials revoked", (j, kc) -> j.revokeSecret(
                String.valueOf(j.config().get("admin-credentials")), j.app()), notGranted));
        rows.add(row("admin-credentials lacking password", granted(Map.of("username", "admin")),
                "admin-credentials secret needs username and password, or client-id and client-secret; it has [username]"));
        rows.add(row("admin-credentials lacking client-secret", granted(Map.of("client-id", "kc-oidc")),
                "admin-credentials secret needs username and password, or client-id and client-secret; it has [client-id]"));
        rows.add(row("admin-credentials with other keys", granted(Map.of("user", "admin", "pass", "pw-9f3k2")),
                "admin-credentials secret needs username and password, or client-id and client-secret; it has [pass, user]"));
        rows.add(row("admin-credentials mixed halves", granted(Map.of("username", "admin", "client-secret", "cs-7hd2")),
                "admin-credentials secret needs username and password, or client-id and client-secret; "
                        + "it has [client-secret, username]"));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void aBadValue_isBlockedNamingTheOptionAndTheFix_andKeycloakHearsNothing(
            String label, BiConsumer<FakeJuju, String> setUp, String message) {
        setUp.accept(juju, kc);
        HookRun run = CharmHarness.hook(juju, "config-changed");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(new StatusEntry("blocked", message), juju.unitStatus(juju.leader()));
        assertEquals(juju.unitStatus(juju.leader()), juju.appStatus());
        assertEquals(List.of(), requests, "a request reached Keycloak");
        assertTrue(juju.calls().stream().noneMatch(c -> Set.of("secret-add", "secret-set", "relation-set",
                "application-version-set").contains(c.tool())), () -> "wrote something: " + juju.calls());
    }

    /** Without this the corpus would prove nothing: a good config does reach the recorder. */
    @Test
    void theRecorderSeesAGoodConfigsRequests() {
        HookRun run = CharmHarness.hook(juju, "config-changed");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of("POST /realms/master/protocol/openid-connect/token"), requests);
    }

    /** Values {@code juju config} itself refuses: the charm never sees them. */
    static Stream<Arguments> jujuRefuses() {
        return Stream.of(
                Arguments.of("admin-credentials", "kc-admin"),
                Arguments.of("admin-credentials", "https://keycloak.example.com"),
                Arguments.of("admin-credentials", ""),
                Arguments.of("keycloak-url", 8080),
                Arguments.of("scopes", true),
                Arguments.of("secret-rotation", 30),
                Arguments.of("realms", "kubeflow"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("jujuRefuses")
    void jujuRefusesValuesOfTheWrongType(String option, Object value) {
        assertThrows(IllegalArgumentException.class, () -> juju.setConfig(option, value));
    }

    private static Arguments row(String label, BiConsumer<FakeJuju, String> setUp, String message) {
        return Arguments.of(label, setUp, message);
    }

    private static BiConsumer<FakeJuju, String> set(String option, String value) {
        return (j, kc) -> j.setConfig(option, value);
    }

    private static BiConsumer<FakeJuju, String> granted(Map<String, String> content) {
        return (j, kc) -> {
            String uri = j.addUserSecret(content);
            j.grantSecret(uri, j.app());
            j.setConfig("admin-credentials", uri);
        };
    }

    /** The first half of a PEM block, END line included: base64 cut mid-way. */
    private static String truncated(String pem) {
        String body = pem.substring(0, pem.indexOf("-----END"));
        return body.substring(0, body.length() / 2) + "\n-----END CERTIFICATE-----\n";
    }
}
