package dev.keycloakoidc.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A relation value as the {@code oauth} interface's Python library reads it: it calls
 * {@code json.loads} on every value and keeps the text where that raises. So {@code "True"} stays
 * the text {@code True}, while {@code "true"} becomes a boolean, {@code "12345"} a number and
 * {@code "[]"} a list.
 */
public final class PythonJson {

    /**
     * One JSON document, JSON whitespace around it allowed, nothing after it, as {@code json.loads}.
     * Python's {@code json} also reads the words {@code NaN}, {@code Infinity} and
     * {@code -Infinity} as numbers, anywhere in a document. Jackson's option for them takes
     * {@code INF} and {@code +Infinity} too, which Python refuses, so each such token is checked.
     * Python has no bound on the length of a number, a string or a name; Jackson's are lifted.
     */
    private static final ObjectMapper WITH_PYTHON_CONSTANTS = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNumberLength(Integer.MAX_VALUE)
                            .maxStringLength(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Set<String> PYTHON_CONSTANTS = Set.of("NaN", "Infinity", "-Infinity");

    /**
     * JSON, and so the schema validator, has no NaN or infinity: such a value is validated as
     * this float would be. Only its type matters to the interface schemas (none compares numbers).
     */
    private static final DoubleNode NON_FINITE_STAND_IN = DoubleNode.valueOf(0.5);

    private PythonJson() {}

    /** What {@code json.loads(text)} returns, or {@code text} itself where it raises {@code JSONDecodeError}. */
    public static JsonNode loadsOrText(String text) {
        return loads(text).orElseGet(() -> TextNode.valueOf(text));
    }

    /** What {@code json.loads(text)} returns; empty where it raises {@code JSONDecodeError}. */
    public static Optional<JsonNode> loads(String text) {
        try {
            if (!onlyPythonConstants(text)) {
                return Optional.empty();
            }
            JsonNode value = WITH_PYTHON_CONSTANTS.readTree(text);
            return value == null || value.isMissingNode() ? Optional.empty() : Optional.of(withNonFiniteStandIns(value));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /**
     * What Python's {@code json.dumps} writes for a string, a number, a boolean, null, or a list
     * or map of those, with its defaults: {@code ", "} and {@code ": "} between items,
     * {@code ensure_ascii} (every character outside space to tilde as a backslash-u escape, surrogate pairs for
     * those past U+FFFF), and the short escapes {@code \" \\ \n \r \t \b \f}.
     */
    public static String dumps(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof CharSequence text) {
            StringBuilder out = new StringBuilder("\"");
            text.chars().forEach(c -> {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c > 0x7E) {
                            out.append(String.format("\\u%04x", c));
                        } else {
                            out.append((char) c);
                        }
                    }
                }
            });
            return out.append('"').toString();
        }
        if (value instanceof java.util.Collection<?> list) {
            return "[" + String.join(", ", list.stream().map(PythonJson::dumps).toList()) + "]";
        }
        if (value instanceof java.util.Map<?, ?> map) {
            return "{" + String.join(", ", map.entrySet().stream()
                    .map(e -> dumps(String.valueOf(e.getKey())) + ": " + dumps(e.getValue())).toList()) + "}";
        }
        throw new IllegalArgumentException("json.dumps stand-in: no " + value.getClass().getName());
    }

    /** False when a non-finite number is written in a way Python does not read ({@code INF}, {@code +Infinity}). */
    private static boolean onlyPythonConstants(String text) throws IOException {
        try (JsonParser tokens = WITH_PYTHON_CONSTANTS.createParser(text)) {
            for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
                boolean word = token == JsonToken.VALUE_NUMBER_FLOAT && tokens.getText().chars().noneMatch(Character::isDigit);
                if (word && !PYTHON_CONSTANTS.contains(tokens.getText())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code value} with every NaN or infinity in it replaced by the stand-in (in place, where it can). */
    public static JsonNode withNonFiniteStandIns(JsonNode value) {
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            return NON_FINITE_STAND_IN;
        }
        if (value instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withNonFiniteStandIns(array.get(i)));
            }
        } else if (value instanceof ObjectNode object) {
            object.properties().forEach(p -> p.setValue(withNonFiniteStandIns(p.getValue())));
        }
        return value;
    }
}
