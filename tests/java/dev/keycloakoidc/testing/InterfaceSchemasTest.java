package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.FakeJujuFixture.UNIT0;
import static dev.keycloakoidc.testing.FakeJujuFixture.hook;
import static dev.keycloakoidc.testing.FakeJujuFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.InterfaceSchemas.Side;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The helper itself: decoding as each interface's readers do, the failure message, the commit check. */
class InterfaceSchemasTest {

    /**
     * The {@code oauth} library's decoding, value by value, with what Python 3.11's
     * {@code json.loads} returned for each (checked by hand; "text" means it raised and the
     * library kept the string).
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "True            | text",
        "true            | boolean",
        "12345           | number",
        "NaN             | number",
        "' -Infinity '   | number",
        "INF             | text",
        "+Infinity       | text",
        "[NaN]           | array",
        "[INF]           | text",
        "1e400           | number",
        "01              | text",
        "1 2             | text",
        "''              | text",
        "null            | null",
        "[]              | array",
        "'[\"a\", \"b\"]' | array",
        "'{\"a\": 1}'    | object",
        "openid email    | text",
        "https://kafka.local | text",
        "-----BEGIN CERTIFICATE----- | text",
    })
    void oauthValues_decodeAsJsonLoads(String value, String expected) {
        JsonNode decoded = InterfaceSchemas.OAUTH.decode(Map.of("k", value)).get("k");
        assertEquals(expected, decoded.isTextual() ? "text" : decoded.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        if (decoded.isTextual()) {
            assertEquals(value, decoded.asText(), "the text is kept exactly");
        }
    }

    @Test
    void aJsonString_losesItsQuotes_asWithJsonLoads() {
        assertEquals("quoted", InterfaceSchemas.OAUTH.decode(Map.of("k", "\"quoted\"")).get("k").asText());
    }

    @Test
    void oidcProviderValues_stayText() {
        JsonNode decoded = InterfaceSchemas.OIDC_PROVIDER.decode(Map.of("client_id", "12345", "ca_chain", "[]")).get("client_id");
        assertEquals("12345", decoded.textValue());
    }

    @Test
    void theFailure_namesInterfaceSideWhereProblemAndTheDecodedBag() {
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("scope", "openid");
        bag.put("grant_types", "[\"authorization_code\"]");
        bag.put("audience", "[]");
        bag.put("token_endpoint_auth_method", "client_secret_basic");
        AssertionError e = assertThrows(AssertionError.class,
                () -> InterfaceSchemas.OAUTH.assertValid(Side.REQUIRER, bag, "set by the test on oauth:1"));
        assertEquals("oauth requirer databag set by the test on oauth:1 breaks docs/interfaces/oauth/schemas/requirer.json:\n"
                + "  : required property 'redirect_uri' not found\n"
                + "  decoded as: {\"scope\":\"openid\",\"grant_types\":[\"authorization_code\"],\"audience\":[],"
                + "\"token_endpoint_auth_method\":\"client_secret_basic\"}", e.getMessage());
    }

    @Test
    void schemaFiles_areTheDocumentedOnes() {
        for (InterfaceSchemas schemas : InterfaceSchemas.values()) {
            for (Side side : Side.values()) {
                // Only certificate_transfer has unit databags (its v0).
                boolean documented = side != Side.PROVIDER_UNIT_V0 || schemas == InterfaceSchemas.CERTIFICATE_TRANSFER;
                assertEquals(documented, Files.isRegularFile(schemas.schemaFile(side)), schemas.schemaFile(side).toString());
            }
            assertTrue(Files.isRegularFile(schemas.schemaFile(Side.PROVIDER).getParent().resolveSibling("README.md")));
        }
    }

    /** The check the end-to-end scene installs catches a hook that commits a bag no consumer could read. */
    @Test
    void aCommittedProviderBagThatBreaksTheSchema_failsTheHook_butAnEmptyOneDoesNot() {
        FakeJuju juju = FakeJujuFixture.juju();
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        InterfaceSchemas.checkEveryCommittedProviderBag(juju);

        HookContext clearing = hook(juju, UNIT0);
        assertEquals(0, run(juju, clearing, "relation-set", "-r", rel, "--app", "client_id=").exitCode());
        juju.end(clearing, 0);

        HookContext bad = hook(juju, UNIT0);
        assertEquals(0, run(juju, bad, "relation-set", "-r", rel, "--app", "client_id=dex-auth").exitCode());
        AssertionError e = assertThrows(AssertionError.class, () -> juju.end(bad, 0));
        assertTrue(e.getMessage().startsWith("oidc-provider provider databag on " + rel + " after config-changed on "
                + UNIT0 + " breaks docs/interfaces/oidc-provider/schemas/provider.json:"), e.getMessage());
        assertTrue(e.getMessage().contains(": required property 'issuer_url' not found"), e.getMessage());

        HookContext failed = hook(juju, UNIT0);
        juju.end(failed, 1); // nothing committed, nothing checked
    }
}
