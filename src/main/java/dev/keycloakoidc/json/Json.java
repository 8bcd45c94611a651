package dev.keycloakoidc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * JSON for every part of the charm, through Jackson's streaming API (jackson-core) and its trees
 * ({@link JsonNode}), with no {@code ObjectMapper}: jackson-core's parser reads into the trees
 * {@code ObjectMapper.readTree} would build, and its generator writes them.
 *
 * <p>Every hook is a new JVM, and an {@code ObjectMapper} cost a leader's hook about 60 ms before
 * it read a byte: its static set-up (date formats, locales, type factory) and a deserializer
 * built on first use for each kind of value (measured with async-profiler on the benchmark's case
 * B). The charm never binds JSON to classes, so the mapper bought nothing for that time. What the
 * parser costs (README, "What a hook costs"): its base class sets up {@code BigDecimal} constants,
 * and on JDK 25 {@code BigDecimal}'s own static set-up computes 5<sup>65536</sup>.
 */
public final class Json {

    /**
     * Strict RFC 8259 (jackson-core's defaults: no comments, single quotes, NaN, leading zeros or
     * trailing commas), with the bounds written out so that a Jackson upgrade does not move them,
     * and no source text in error locations. A parse error's message may still quote a token of
     * the input: callers never show it (the input may hold secrets).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1000)
                    .maxNumberLength(1000)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    /**
     * What Python's {@code json.loads} reads on top: the words for non-finite numbers, and numbers,
     * strings and names of any length. Jackson's option for those words also takes
     * {@code +Infinity}, {@code +INF} and {@code -INF}, which Python refuses: {@link #tree} refuses
     * them too. (Past 1000 levels, or 4300 digits of an integer, Python raises another error than
     * {@code JSONDecodeError}, which the libraries that read this way do not catch.)
     */
    private static final JsonFactory PYTHON_FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1000)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final Set<String> PYTHON_NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * The tree of one JSON text in UTF-8, after an optional byte-order mark (RFC 8259, 8.1); a
     * {@link MissingNode} when the text is empty or blank.
     *
     * @throws JsonProcessingException when it is not JSON, not UTF-8, holds more than one value,
     *     or is nested deeper than 1000 levels ({@link StreamConstraintsException})
     */
    public static JsonNode parse(byte[] json) throws IOException {
        String text;
        try {
            // Decoded strictly here: jackson-core would also take UTF-16 and UTF-32.
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonParseException((JsonParser) null, "not JSON: the bytes are not UTF-8");
        }
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** As {@link #parse(byte[])}. */
    public static JsonNode parse(String json) throws IOException {
        return parse(FACTORY, json);
    }

    /**
     * The tree Python's {@code json.loads} would make of {@code text}, for values another charm's
     * Python library decodes that way: RFC 8259 plus {@code NaN}, {@code Infinity},
     * {@code -Infinity} (as double nodes) and numbers of any length; a {@link MissingNode} when the
     * text is blank. A byte-order mark is not skipped: {@code json.loads} refuses it too.
     *
     * @throws JsonProcessingException when {@code json.loads} would raise {@code JSONDecodeError}
     */
    public static JsonNode parseLikePython(String text) throws IOException {
        return parse(PYTHON_FACTORY, text);
    }

    private static JsonNode parse(JsonFactory factory, String json) throws IOException {
        try (JsonParser parser = factory.createParser(json)) {
            if (parser.nextToken() == null) {
                return MissingNode.getInstance();
            }
            JsonNode tree = tree(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "not JSON: more than one value");
            }
            return tree;
        }
    }

    /**
     * The value at the parser's current token, as {@code ObjectMapper.readTree} builds it:
     * integers as int, long or BigInteger nodes by size, other numbers as double nodes, the last
     * of duplicate names kept. The parser refuses nesting beyond its limit before this recursion
     * gets deep.
     */
    private static JsonNode tree(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    parser.nextToken();
                    object.set(name, tree(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> {
                // A word for a non-finite number (only PYTHON_FACTORY reads them): Python's three only.
                if (parser.isNaN() && !PYTHON_NON_FINITE.contains(parser.getText())) {
                    throw new JsonParseException(parser, "not JSON as Python reads it: " + parser.getText());
                }
                yield NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseException(parser, "not JSON: unexpected " + parser.currentToken());
        };
    }

    /**
     * JSON text of a tree, or of maps, collections, strings, numbers, booleans and nulls.
     *
     * @throws IllegalArgumentException for any other kind of value
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toString();
    }

    /** As {@link #write}, encoded in UTF-8. */
    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof JsonNode node) {
            writeNode(out, node);
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            out.writeNumber(((Number) value).doubleValue());
        } else if (value instanceof BigInteger big) {
            out.writeNumber(big);
        } else if (value instanceof BigDecimal big) {
            out.writeNumber(big);
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName(String.valueOf(e.getKey()));
                write(out, e.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element);
            }
            out.writeEndArray();
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeNode(JsonGenerator out, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    out.writeFieldName(e.getKey());
                    writeNode(out, e.getValue());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : node) {
                    writeNode(out, element);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NUMBER -> {
                if (node.isBigInteger()) {
                    out.writeNumber(node.bigIntegerValue());
                } else if (node.isIntegralNumber()) {
                    out.writeNumber(node.longValue());
                } else if (node.isBigDecimal()) {
                    out.writeNumber(node.decimalValue());
                } else {
                    out.writeNumber(node.doubleValue());
                }
            }
            case NULL, MISSING -> out.writeNull();
            default -> throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as JSON");
        }
    }
}
