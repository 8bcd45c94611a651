package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keycloakoidc.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values as the oauth interface's library reads them ({@code json.loads}, else the raw text). */
class OAuthValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"openid email offline_access", "https://grafana.example.com/login/generic_oauth", "True",
        "False", "", " ", "INF", "nan", "01", "1 2", "grafana", "client_secret_basic", "secret:d1b2c3e4f5a6b7c8d9e0",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "\uFEFF1", "[NaN", "'a'"})
    void textThatIsNotJson_staysText(String raw) {
        assertEquals(TextNode.valueOf(raw), OAuthValues.decode(raw));
        assertEquals(raw, OAuthValues.encode(raw), "written as it is");
    }

    @Test
    void json_isWhatItParsesAs_pythonsConstantsIncluded() throws Exception {
        assertTrue(OAuthValues.decode("true").isBoolean());
        assertTrue(OAuthValues.decode("null").isNull());
        assertTrue(OAuthValues.decode("12345").isNumber());
        assertTrue(OAuthValues.decode(" 1.5e3\n").isNumber());
        assertTrue(OAuthValues.decode("NaN").isNumber());
        assertTrue(OAuthValues.decode("-Infinity").isNumber());
        assertTrue(OAuthValues.decode("[NaN, Infinity]").get(1).isNumber());
        assertTrue(OAuthValues.decode("1".repeat(2000)).isNumber(), "Python reads numbers of any length");
        assertEquals(Json.parse("[\"authorization_code\", \"refresh_token\"]"),
                OAuthValues.decode("[\"authorization_code\", \"refresh_token\"]"));
        assertEquals(TextNode.valueOf("openid"), OAuthValues.decode("\"openid\""), "a JSON string loses its quotes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false", "null", "12345", "NaN", "Infinity", "\"quoted\"", "[\"a\"]", "{}", " 7 "})
    void textThatWouldReadAsSomethingElse_isWrittenAsAJsonString_andReadsBackAsItself(String text) {
        String written = OAuthValues.encode(text);
        assertEquals(Json.write(text), written);
        JsonNode read = OAuthValues.decode(written);
        assertEquals(TextNode.valueOf(text), read);
    }

    @Test
    void aListIsAJsonArray() {
        String pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        String written = OAuthValues.encode(List.of(pem));
        assertEquals("[\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"]", written);
        assertEquals(TextNode.valueOf(pem), OAuthValues.decode(written).get(0));
    }
}
