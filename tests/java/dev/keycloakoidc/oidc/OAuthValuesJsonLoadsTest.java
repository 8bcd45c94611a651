package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.PythonJson;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OAuthValues#decode} ({@link dev.keycloakoidc.json.Json#parseLikePython}, else the text) as the {@code oauth}
 * library uses {@code json.loads}: parse a relation value, keep the text where it raises. Each
 * case carries what Python 3.11's {@code json.loads} made of it when the test was written
 * ({@code text}: it raised {@code JSONDecodeError}; {@code string}: a JSON string, quotes gone),
 * and the test suite's oracle ({@code PythonJson}, checked against Python on random databags)
 * must build the same tree.
 */
class OAuthValuesJsonLoadsTest {

    static Stream<Arguments> traps() {
        return Stream.of(
                row("True", "text"),
                row("False", "text"),
                row("true", "boolean"),
                row("false", "boolean"),
                row("null", "null"),
                row("None", "text"),
                row("12345", "number"),
                row("\"quoted\"", "string"),
                row("openid email offline_access", "text"),
                row("https://grafana.example.com/login/generic_oauth", "text"),
                row("client_secret_basic", "text"),
                row("secret:d1b2c3e4f5a6b7c8d9e0", "text"),
                row("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "text"),
                row("grafana", "text"),
                row("'a'", "text"),
                row("[\"authorization_code\", \"refresh_token\"]", "array"),
                row("[]", "array"),
                row("{}", "object"),
                row("{\"a\": 1}", "object"),
                row("{\"a\":1,\"a\":[2]}", "object"),
                row("NaN", "number"),
                row("Infinity", "number"),
                row("-Infinity", "number"),
                row(" NaN ", "number"),
                row("\tInfinity\r\n", "number"),
                row("[NaN, Infinity, -Infinity]", "array"),
                row("{\"a\": -Infinity}", "object"),
                row("INF", "text"),
                row("+INF", "text"),
                row("-INF", "text"),
                row("+Infinity", "text"),
                row("inf", "text"),
                row("nan", "text"),
                row("-NaN", "text"),
                row("+NaN", "text"),
                row("infinity", "text"),
                row("INFINITY", "text"),
                row("Infinit", "text"),
                row("NaNa", "text"),
                row("Infinity1", "text"),
                row("-InfinityX", "text"),
                row("- Infinity", "text"),
                row("[INF]", "text"),
                row("[+INF]", "text"),
                row("[-INF]", "text"),
                row("[+Infinity]", "text"),
                row("{\"a\": +INF}", "text"),
                row("[NaN", "text"),
                row("0", "number"),
                row("-0", "number"),
                row("-0.0", "number"),
                row("1.0", "number"),
                row("1.5e3", "number"),
                row("1E+3", "number"),
                row("1e-400", "number"),
                row("1e400", "number"),
                row("-1e400", "number"),
                row("[1e999]", "array"),
                row("92233720368547758070", "number"),
                row("01", "text"),
                row("-01", "text"),
                row("1.", "text"),
                row(".5", "text"),
                row("1e", "text"),
                row("+1", "text"),
                row("0x10", "text"),
                row("1_000", "text"),
                row("\u0661", "text"),
                row("1 2", "text"),
                row("-", "text"),
                row("", "text"),
                row(" ", "text"),
                row(" \n\r\t", "text"),
                row(" 7 ", "number"),
                row("\r\n[1]\n", "array"),
                row("\u000b1", "text"),
                row("\u000c1", "text"),
                row("\u00a01", "text"),
                row("1\u00a0", "text"),
                row("\u20281", "text"),
                row("\ufeff1", "text"),
                row("\ufeff\"a\"", "text"),
                row("1\ufeff", "text"),
                row("\"\"", "string"),
                row("\"\\u00e9 \\ud83d\\ude00 \\/ \\n\"", "string"),
                row("\"\\ud800\"", "string"),
                row("\"tab\there\"", "text"),
                row("\"nul\u0000\"", "text"),
                row("\"\u2028\"", "string"),
                row("\"\\x\"", "text"),
                row("\"\\'\"", "text"),
                row("\"\\u12\"", "text"),
                row("\"a\" \"b\"", "text"),
                row("[1,]", "text"),
                row("{\"a\":1,}", "text"),
                row("[1 2]", "text"),
                row("{'a': 1}", "text"),
                row("{a:1}", "text"),
                row("truex", "text"),
                row("nul", "text"),
                row("/*c*/1", "text"),
                row("//c\n1", "text"),
                row("#c\n1", "text"),
                row("1 # c", "text"),
                row("[true, false, null]", "array"),
                row("{\"k\": {\"l\": [[], {}]}}", "object"),
                // Long ones (Python raises ValueError, not JSONDecodeError, past 4300 digits of an integer)
                row("1".repeat(4300), "number"),
                row("-" + "1".repeat(2000), "number"),
                row("1".repeat(2000) + ".5", "number"),
                row("1e+" + "9".repeat(2000), "number"),
                row("{\"" + "k".repeat(60_000) + "\": 1}", "object"),
                row("\"" + "s".repeat(60_000) + "\"", "string"),
                row("[".repeat(500) + "]".repeat(500), "array"));
    }

    private static Arguments row(String raw, String pythonMadeOfIt) {
        return Arguments.of(raw, pythonMadeOfIt);
    }

    @ParameterizedTest(name = "[{index}] {1} <- {0}")
    @MethodSource("traps")
    void readsWhatJsonLoadsReads_andBuildsTheOraclesTree(String raw, String pythonMadeOfIt) {
        JsonNode read = OAuthValues.decode(raw);
        assertEquals(pythonMadeOfIt, kind(raw, read));
        assertEquals(PythonJson.loadsOrText(raw), PythonJson.withNonFiniteStandIns(read.deepCopy()));
    }

    private static String kind(String raw, JsonNode read) {
        if (read.isTextual()) {
            return read.textValue().equals(raw) ? "text" : "string";
        }
        return read.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
