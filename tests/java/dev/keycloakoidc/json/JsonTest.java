package dev.keycloakoidc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Json} against the ObjectMapper it does without, which serves here as the oracle. */
class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "null", "true", "false", "0", "-7", "2147483647", "2147483648", "-9223372036854775808",
        "92233720368547758070", "1.5", "-0.0", "1e3", "6.02e23", "\"\"", "\"groupé 😀 \\u0000 \\\" \\\\ / \\n\"",
        "{\"a\":1,\"a\":2}", "{\"redirect_uri\":\"https://x/cb\",\"scopes\":[\"openid\",\"email\"],\"n\":null}",
        "[1,[2,[3,{\"d\":[true,false,null]}]]]",
        "  {\"issuer\" : \"https://kc/realms/x\",\n \"claims_supported\":[ \"sub\" ] }  \n",
        "{\"a\":{},\"b\":[[],{}]}", "123456789012345678", "-123456789012345678", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "1E-7", "0.1e+2", "-0",
        "\"\\ud83d\\ude00 \\u00e9\\t a\\/b \\b\\f\\r\"", "\t[ 1 ,\r\n2 ]\r\n",
    })
    void parse_buildsTheTreeObjectMapperBuilds_andWriteReadsBackEqual(String text) throws IOException {
        JsonNode expected = MAPPER.readTree(text);

        JsonNode tree = Json.parse(text);
        assertEquals(expected, tree);
        assertEquals(expected, Json.parse(text.getBytes(StandardCharsets.UTF_8)));
        // Same node classes, so numbers compare and print as they did.
        assertEquals(types(expected), types(tree));
        assertEquals(MAPPER.writeValueAsString(expected), Json.write(tree));
        assertEquals(expected, MAPPER.readTree(Json.writeBytes(tree)));
    }

    @Test
    void parse_emptyIsMissing() throws IOException {
        assertTrue(Json.parse("").isMissingNode());
        assertTrue(Json.parse(" \n").isMissingNode());
        assertTrue(Json.parse(new byte[0]).isMissingNode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[1,", "{\"a\":}", "{\"a\" 1}", "nul", "'a'", "<html>", "{} {}", "1 2", "[1]]", "\"open",
        "01", "-", "1.", ".5", "1e", "+1", "[1,]", "{\"a\":1,}", "\"\t\"", "\"\\x\"", "\"\\u12\"", "truex", "{a:1}",
        "NaN", "[1 2]", "{\"a\":1 \"b\":2}", "\"\\"})
    void parse_refusesWhatIsNotOneJsonValue(String text) {
        // The oracle, told to refuse trailing values as Json does, refuses each of them too.
        assertThrows(IOException.class, () -> MAPPER.readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text));
        assertThrows(JsonParseException.class, () -> Json.parse(text));
    }

    @Test
    void parse_numberBeyondDouble_isInfinity_asForTheOracle() throws IOException {
        assertEquals(MAPPER.readTree("1e400"), Json.parse("1e400"));
        assertEquals(MAPPER.readTree("-1e400"), Json.parse("-1e400"));
    }

    @Test
    void parse_saysWhereAndWhat_butNeverQuotesTheDocument() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("{\"password\":\"s3cret\",}"));
        assertEquals(1, e.getLocation().getLineNr());
        assertEquals(22, e.getLocation().getColumnNr());
        assertTrue(e.getOriginalMessage().startsWith("Unexpected character ('}' (code 125))"), e.getOriginalMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void parse_refusesNestingBeyond1000Levels_withoutOverflowingTheStack() throws IOException {
        int limit = 1000;
        assertEquals(MAPPER.readTree("[".repeat(limit) + "]".repeat(limit)), Json.parse("[".repeat(limit) + "]".repeat(limit)));
        StreamConstraintsException e = assertThrows(StreamConstraintsException.class,
                () -> Json.parse("[".repeat(limit + 1) + "]".repeat(limit + 1)));
        assertTrue(e.getOriginalMessage().contains("nesting depth (1001) exceeds the maximum allowed (1000"), e.getOriginalMessage());
        assertThrows(StreamConstraintsException.class, () -> Json.parse("{\"a\":".repeat(100_000)));
    }

    @Test
    void parse_refusesBytesThatAreNotUtf8_andSkipsAByteOrderMark() throws IOException {
        assertThrows(JsonParseException.class, () -> Json.parse(new byte[] {'"', (byte) 0xC3, '"'}));
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertEquals(MAPPER.readTree(withBom), Json.parse(withBom));
    }

    @Test
    void write_mapsListsAndScalars_asObjectMapperDoes() throws IOException {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", "oidc");
        value.put("config", Map.of("scopes", List.of("openid", "groupé"), "insecureSkipEmailVerified", false));
        value.put("n", 3);
        value.put("big", 1L << 40);
        value.put("ratio", 0.25);
        value.put("none", null);
        value.put("tree", Json.object().put("k", "v"));

        assertEquals(MAPPER.writeValueAsString(value), Json.write(value));
        assertEquals(MAPPER.writeValueAsString(List.of("a", "b")), Json.write(List.of("a", "b")));
        assertEquals("\"groupé\"", new String(Json.writeBytes("groupé"), StandardCharsets.UTF_8));
    }

    @Test
    void write_refusesWhatIsNotJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(Optional.of("x")));
        assertEquals("cannot write a java.util.Optional as JSON", e.getMessage());
    }

    @Test
    void parseLikePython_readsPythonsWordsAsNonFiniteDoubles() throws IOException {
        assertEquals(DoubleNode.valueOf(Double.NaN), Json.parseLikePython("NaN"));
        assertEquals(DoubleNode.valueOf(Double.POSITIVE_INFINITY), Json.parseLikePython(" Infinity"));
        assertEquals(DoubleNode.valueOf(Double.NEGATIVE_INFINITY), Json.parseLikePython("[-Infinity]").get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "[NaN]"})
    void parse_refusesWhatOnlyPythonReads(String text) {
        assertThrows(IOException.class, () -> Json.parse(text));
    }

    @Test
    void parse_boundsNumbers_whereParseLikePythonDoesNot() throws IOException {
        assertThrows(StreamConstraintsException.class, () -> Json.parse("1".repeat(1001)));
        assertTrue(Json.parseLikePython("1".repeat(5000)).isBigInteger());
    }

    private static List<String> types(JsonNode node) {
        List<String> types = new ArrayList<>(List.of(node.getClass().getSimpleName()));
        node.forEach(child -> types.addAll(types(child)));
        return types;
    }
}
