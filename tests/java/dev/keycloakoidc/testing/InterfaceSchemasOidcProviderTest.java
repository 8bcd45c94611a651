package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.InterfaceSchemas.OIDC_PROVIDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.oidc.DexConnector;
import dev.keycloakoidc.oidc.DiscoveryDocument;
import dev.keycloakoidc.oidc.OidcProviderData;
import dev.keycloakoidc.testing.InterfaceSchemas.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/interfaces/oidc-provider/schemas/ against what the charm writes ({@link OidcProviderData}) and
 * what it accepts from a consumer (the bad-databag corpus).
 */
class InterfaceSchemasOidcProviderTest {

    private static final String ISSUER = "https://keycloak.example.com/realms/kubeflow";
    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n";
    private static final DiscoveryDocument DISCOVERY = new DiscoveryDocument(ISSUER,
            ISSUER + "/protocol/openid-connect/auth", ISSUER + "/protocol/openid-connect/token",
            Optional.of(ISSUER + "/protocol/openid-connect/userinfo"), ISSUER + "/protocol/openid-connect/certs",
            Optional.of(ISSUER + "/protocol/openid-connect/token/introspect"));
    private static final List<String> SCOPES = List.of("openid", "profile", "email");

    private static Map<String, String> published(Optional<List<String>> caChain) {
        DexConnector connector = new DexConnector("keycloak", "Keycloak", ISSUER, "dex-auth", Optional.empty(),
                CALLBACK, SCOPES, "preferred_username");
        return new OidcProviderData(DISCOVERY, SCOPES, "dex-auth", "secret:cu2ls6ffnqnc73a1j2hg", CALLBACK, connector,
                caChain).toDatabag();
    }

    private static Map<String, String> publishedWith(String key, String value) {
        Map<String, String> bag = new HashMap<>(published(Optional.of(List.of(PEM))));
        bag.put(key, value);
        return bag;
    }

    @Test
    void whatTheCharmPublishes_holdsToTheProviderSchema() {
        assertEquals(List.of(), OIDC_PROVIDER.problems(Side.PROVIDER, published(Optional.empty())));
        assertEquals(List.of(), OIDC_PROVIDER.problems(Side.PROVIDER, published(Optional.of(List.of(PEM, PEM)))));
        DiscoveryDocument bare = new DiscoveryDocument(ISSUER, ISSUER + "/auth", ISSUER + "/token", Optional.empty(),
                ISSUER + "/certs", Optional.empty());
        DexConnector connector = new DexConnector("keycloak", "Keycloak", ISSUER, "dex-auth", Optional.empty(),
                CALLBACK, List.of("openid"), "email");
        assertEquals(List.of(), OIDC_PROVIDER.problems(Side.PROVIDER, new OidcProviderData(bare, List.of("openid"),
                "dex-auth", "secret://a5d3b3e2-8a7c-4c2f-9d3e-4b1f6e0c7a11/cu2ls6ffnqnc73a1j2hg", CALLBACK,
                connector, Optional.empty()).toDatabag()), "no userinfo or introspection endpoint, no ca_chain");
    }

    @Test
    void withGroups_theClaimAndTheConnectorsGroupsSwitch_holdToTheProviderSchema() {
        List<String> scopes = List.of("openid", "profile", "groups");
        DexConnector connector = new DexConnector("keycloak", "Keycloak", ISSUER, "dex-auth", Optional.empty(),
                CALLBACK, scopes, "preferred_username");
        Map<String, String> bag = new OidcProviderData(DISCOVERY, scopes, "dex-auth", "secret:cu2ls6ffnqnc73a1j2hg",
                CALLBACK, connector, Optional.empty()).toDatabag();
        assertEquals("groups", bag.get("groups"));
        assertTrue(bag.get("dex_connector").contains("\"insecureEnableGroups\":true"), bag.get("dex_connector"));
        assertEquals(List.of(), OIDC_PROVIDER.problems(Side.PROVIDER, bag));
        assertProblem(publishedWith("dex_connector", bag.get("dex_connector").replace(":true", ":false")),
                "/dex_connector (JSON text) /config/insecureEnableGroups");
    }

    @Test
    void aBarePemInCaChain_isNotJson() {
        List<String> barePem = OIDC_PROVIDER.problems(Side.PROVIDER, publishedWith("ca_chain", PEM));
        assertEquals(1, barePem.size(), barePem::toString);
        assertTrue(barePem.get(0).startsWith("/ca_chain: is not JSON (Unexpected character ('-'"), barePem::toString);
        assertProblem(publishedWith("ca_chain", "[\"not a certificate\"]"), "/ca_chain (JSON text) /0");
        assertProblem(publishedWith("ca_chain", "[]"), "/ca_chain (JSON text) : must have at least 1 items");
    }

    @Test
    void theConnector_mustNotCarryTheSecret_andMustBeComplete() {
        String withSecret = "{\"type\":\"oidc\",\"id\":\"keycloak\",\"name\":\"Keycloak\",\"config\":{\"issuer\":\"" + ISSUER
                + "\",\"clientID\":\"dex-auth\",\"clientSecret\":\"s3cr3t\",\"redirectURI\":\"" + CALLBACK
                + "\",\"scopes\":[\"openid\"],\"userNameKey\":\"email\"}}";
        assertProblem(publishedWith("dex_connector", withSecret), "/dex_connector (JSON text) /config: property 'clientSecret' is not defined");
        String lowerCaseId = withSecret.replace("\"clientSecret\":\"s3cr3t\",", "").replace("clientID", "clientId");
        assertProblem(publishedWith("dex_connector", lowerCaseId), "required property 'clientID' not found");
        String dollar = withSecret.replace("\"clientSecret\":\"s3cr3t\",", "").replace("dex-auth", "dex$auth");
        assertProblem(publishedWith("dex_connector", dollar), "/dex_connector (JSON text) /config/clientID: does not match");
        String noOpenid = withSecret.replace("\"clientSecret\":\"s3cr3t\",", "").replace("[\"openid\"]", "[\"email\"]");
        assertProblem(publishedWith("dex_connector", noOpenid), "/dex_connector (JSON text) /config/scopes");
    }

    @Test
    void plainValues_areCheckedToo() {
        assertProblem(publishedWith("scope", "profile email"), "/scope: does not match");
        assertProblem(publishedWith("client_secret_id", "s3cr3t"), "/client_secret_id: does not match");
        assertProblem(publishedWith("client_id", ""), "/client_id: must be at least 1 characters long");
        assertProblem(publishedWith("issuer_url", "keycloak.example.com/realms/kubeflow"), "/issuer_url: does not match");
        assertProblem(publishedWith("groups", "roles"), "/groups");
        Map<String, String> noConnector = new HashMap<>(published(Optional.empty()));
        noConnector.remove("dex_connector");
        assertProblem(noConnector, ": required property 'dex_connector' not found");
    }

    @Test
    void aConsumersRedirectUri_isRequired_andMayComeWithScopesAndOtherKeys() {
        assertEquals(List.of(), OIDC_PROVIDER.problems(Side.REQUIRER, Map.of("redirect_uri", CALLBACK)));
        assertEquals(List.of(), OIDC_PROVIDER.problems(Side.REQUIRER, Map.of("redirect_uri",
                "http://127.0.0.1:5556/dex/callback?x=1", "scope", " groups  offline_access ", "extra", "ignored")));
        assertEquals(List.of(": required property 'redirect_uri' not found"),
                OIDC_PROVIDER.problems(Side.REQUIRER, Map.of("scope", "groups")));
        assertEquals(List.of(), OIDC_PROVIDER.problems(Side.REQUIRER, Map.of()), "nothing written yet");
    }

    /**
     * The schema refuses what the charm refuses (the bad-databag corpus), except the two checks
     * a pattern cannot make and the README names: the port's range and %-escapes.
     */
    @Test
    void everyRedirectUriOrScopeTheCharmRefuses_theSchemaRefusesToo_butPortsAndEscapes() {
        List<String> acceptedBadRows = new ArrayList<>();
        int checked = 0;
        for (BadDatabags.Row row : BadDatabags.rows()) {
            if (!row.endpoint().equals(BadDatabags.PROVIDER) || row.appBag().isEmpty() || row.needsKeycloak()) {
                // dex-oidc-config is stock dex-auth's; an empty bag is "not sent yet"; a
                // well-formed scope the realm lacks is one only the realm can refuse
                continue;
            }
            checked++;
            if (OIDC_PROVIDER.problems(Side.REQUIRER, row.appBag()).isEmpty()) {
                acceptedBadRows.add(row.label());
            }
        }
        assertEquals(List.of("redirect_uri port out of range", "redirect_uri bad escape"), acceptedBadRows);
        assertTrue(checked >= 25, "corpus too small: " + checked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://*.example.com/cb", CALLBACK + "#x", "https://u:p@example.com/cb", "ftp://example.com/cb",
            "/dex/callback", "https://example.com/d\u00e9x", "https://example.com/ cb"})
    void aRedirectUriTheCharmRefuses_isRefused(String uri) {
        assertFalse(OIDC_PROVIDER.problems(Side.REQUIRER, Map.of("redirect_uri", uri)).isEmpty(), uri);
    }

    private static void assertProblem(Map<String, String> bag, String expected) {
        List<String> problems = OIDC_PROVIDER.problems(Side.PROVIDER, bag);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), () -> "expected a problem with \"" + expected
                + "\", got " + problems);
    }
}
