package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class DexConnectorTest {

    private static final DexConnector KEYCLOAK = new DexConnector("keycloak", "Keycloak",
            "https://keycloak.example.com/realms/kubeflow", "dex-auth", Optional.of("s3cr3t-Value"),
            "https://kubeflow.example.com/dex/callback", List.of("openid", "profile", "email"), "preferred_username");

    @Test
    void yaml_isAListOfOneConnector_inBlockStyle() {
        assertEquals("""
                - type: oidc
                  id: keycloak
                  name: Keycloak
                  config:
                    issuer: https://keycloak.example.com/realms/kubeflow
                    clientID: dex-auth
                    clientSecret: s3cr3t-Value
                    redirectURI: https://kubeflow.example.com/dex/callback
                    scopes:
                    - openid
                    - profile
                    - email
                    userNameKey: preferred_username
                """, KEYCLOAK.toConnectorsYaml());
    }

    @Test
    void publicJson_hasNoClientSecret() throws Exception {
        String json = KEYCLOAK.toPublicJson();

        assertEquals("{\"type\":\"oidc\",\"id\":\"keycloak\",\"name\":\"Keycloak\",\"config\":{"
                + "\"issuer\":\"https://keycloak.example.com/realms/kubeflow\",\"clientID\":\"dex-auth\","
                + "\"redirectURI\":\"https://kubeflow.example.com/dex/callback\","
                + "\"scopes\":[\"openid\",\"profile\",\"email\"],\"userNameKey\":\"preferred_username\"}}", json);
        assertFalse(json.contains("s3cr3t"));
        assertFalse(new ObjectMapper().readTree(json).get("config").has("clientSecret"));
    }

    @Test
    void withGroups_bothRenderingsEnableDexsGroups_andAskKeycloakForThem() throws Exception {
        DexConnector groups = new DexConnector("keycloak", "Keycloak", KEYCLOAK.issuer(), "dex-auth",
                Optional.of("s"), KEYCLOAK.redirectUri(), List.of("openid", "profile", "groups"), "preferred_username");

        var config = new ObjectMapper().readTree(groups.toPublicJson()).get("config");
        assertTrue(config.get("insecureEnableGroups").isBoolean());
        assertTrue(config.get("insecureEnableGroups").asBoolean());
        assertEquals("[\"openid\",\"profile\",\"groups\"]", config.get("scopes").toString());
        assertTrue(DexConnector.DEX_OIDC_CONFIG_KEYS.contains("insecureEnableGroups"));
        assertTrue(groups.toConnectorsYaml().contains("\n    insecureEnableGroups: true\n"), groups.toConnectorsYaml());
        assertFalse(KEYCLOAK.toPublicJson().contains("insecureEnableGroups"), "groups are off without the scope");
    }

    @Test
    void publicJson_needsNoSecret() {
        DexConnector withoutSecret = new DexConnector("keycloak", "Keycloak", KEYCLOAK.issuer(), "dex-auth",
                Optional.empty(), KEYCLOAK.redirectUri(), KEYCLOAK.scopes(), "preferred_username");

        assertTrue(withoutSecret.toPublicJson().contains("\"clientID\":\"dex-auth\""));
        IllegalStateException e = assertThrows(IllegalStateException.class, withoutSecret::toConnectorsYaml);
        assertEquals("connector keycloak has no clientSecret to write", e.getMessage());
    }

    /** Values a YAML reader would turn into booleans, numbers, nulls, dates or mappings. */
    @ParameterizedTest
    @ValueSource(strings = {"yes", "No", "on", "OFF", "y", "N", "true", "null", "~", "123", "0123", "0x1F", "0o17",
            "1e3", "1_000", "12:30:00", "2024-01-01", ".inf", "-.nan", "a: b", "key:", "- item", "#comment",
            "a #b", "'quoted'", "\"dq\"", "[x]", "{x: 1}", "&anchor", "*alias", "!tag", "|", ">", "@at", "`tick",
            "%percent", " padded ", "tab\there", "line\nbreak", "Kéycloak ☁ ログイン", "<<", "=", "?", ""})
    void awkwardValues_roundTrip(String value) {
        DexConnector awkward = new DexConnector("id-" + value.hashCode(), value.isEmpty() ? "x" : value,
                "https://kc.example.com/realms/" + value.strip(), value.isBlank() ? "c" : value,
                Optional.of(value.isEmpty() ? "s" : value), "https://kf.example.com/dex/callback?x=" + value,
                List.of("openid", value.isBlank() ? "profile" : value), value.isBlank() ? "sub" : value);

        Object back = new Yaml(new SafeConstructor(new LoaderOptions())).load(awkward.toConnectorsYaml());

        @SuppressWarnings("unchecked")
        Map<String, Object> connector = ((List<Map<String, Object>>) back).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) connector.get("config");
        assertEquals(awkward.name(), connector.get("name"));
        assertEquals(awkward.clientId(), config.get("clientID"));
        assertEquals(awkward.clientSecret().orElseThrow(), config.get("clientSecret"));
        assertEquals(awkward.issuer(), config.get("issuer"));
        assertEquals(awkward.scopes(), config.get("scopes"));
        assertEquals(awkward.userNameKey(), config.get("userNameKey"));
    }

    @Test
    void numericLookingSecret_isQuoted() {
        DexConnector numeric = new DexConnector("keycloak", "Keycloak", KEYCLOAK.issuer(), "123",
                Optional.of("1e3"), KEYCLOAK.redirectUri(), KEYCLOAK.scopes(), "preferred_username");

        String yaml = numeric.toConnectorsYaml();

        assertTrue(yaml.contains("clientID: \"123\"\n"), yaml);
        assertTrue(yaml.contains("clientSecret: \"1e3\"\n"), yaml);
    }

    @Test
    void unicodeIsWrittenAsIs() {
        DexConnector unicode = new DexConnector("keycloak", "Кейклок", KEYCLOAK.issuer(), "dex-auth",
                Optional.of("s"), KEYCLOAK.redirectUri(), KEYCLOAK.scopes(), "preferred_username");

        assertTrue(unicode.toConnectorsYaml().contains("name: \"Кейклок\"\n"));
    }

    @Test
    void dollarInTheSecret_isRefused_withoutEchoingIt() {
        DexConnector dollar = new DexConnector("keycloak", "Keycloak", KEYCLOAK.issuer(), "dex-auth",
                Optional.of("abc$HOME"), KEYCLOAK.redirectUri(), KEYCLOAK.scopes(), "preferred_username");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, dollar::toConnectorsYaml);

        assertEquals("connector config.clientSecret contains '$', which Dex would expand as an environment variable",
                e.getMessage());
        assertFalse(e.getMessage().contains("abc"));
    }

    @Test
    void dollarAnywhere_isRefused_inJsonToo() {
        DexConnector dollar = new DexConnector("keycloak", "Key$cloak", KEYCLOAK.issuer(), "dex-auth",
                Optional.of("s"), KEYCLOAK.redirectUri(), List.of("openid", "$scope"), "preferred_username");

        assertEquals("connector name contains '$', which Dex would expand as an environment variable",
                assertThrows(IllegalArgumentException.class, dollar::toPublicJson).getMessage());
    }

    @Test
    void everyWrittenKey_isOneDexReads() throws Exception {
        var config = new ObjectMapper().readTree(KEYCLOAK.toPublicJson()).get("config");

        config.fieldNames().forEachRemaining(key -> assertTrue(DexConnector.DEX_OIDC_CONFIG_KEYS.contains(key), key));
    }

    @Test
    void emptyRequiredFields_areRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DexConnector("keycloak",
                "Keycloak", KEYCLOAK.issuer(), " ", Optional.empty(), KEYCLOAK.redirectUri(), KEYCLOAK.scopes(), "sub"));
        assertEquals("connector clientID is empty", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new DexConnector("keycloak", "Keycloak",
                KEYCLOAK.issuer(), "c", Optional.empty(), KEYCLOAK.redirectUri(), List.of(), "sub"));
        assertEquals("scopes is empty; Dex would ask for profile and email instead", e.getMessage());
    }

    @Test
    void toString_neverShowsTheSecret() {
        assertFalse(KEYCLOAK.toString().contains("s3cr3t"));
    }
}
