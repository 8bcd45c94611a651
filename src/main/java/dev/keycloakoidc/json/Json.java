package dev.keycloakoidc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
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

/**
 * JSON for every part of the charm: {@link JsonReader} reads into Jackson's tree ({@link JsonNode})
 * and Jackson's streaming generator (jackson-core) writes from it, with no {@code ObjectMapper}.
 *
 * <p>Every hook is a new JVM, and an {@code ObjectMapper} cost a leader's hook about 60 ms before
 * it read a byte: its static set-up (date formats, locales, type factory) and a deserializer
 * built on first use for each kind of value (measured with async-profiler on the benchmark's case
 * B). The charm never binds JSON to classes, so the mapper bought nothing for that time. The
 * trees are those {@code ObjectMapper.readTree} builds (see {@link JsonReader} for why it is not
 * jackson-core's parser that reads them).
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * The tree of one JSON text in UTF-8; a {@link MissingNode} when the text is empty or blank.
     *
     * @throws JsonParseException when it is not JSON, not UTF-8, or holds more than one value
     */
    public static JsonNode parse(byte[] json) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonParseException((JsonParser) null, "not JSON: the bytes are not UTF-8");
        }
        // A byte-order mark is allowed before JSON in UTF-8 (RFC 8259, 8.1); Jackson skips it too.
        return JsonReader.read(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** As {@link #parse(byte[])}. */
    public static JsonNode parse(String json) throws IOException {
        return JsonReader.read(json);
    }

    /**
     * The tree Python's {@code json.loads} would make of {@code text}, for values another charm's
     * Python library decodes that way: RFC 8259 plus {@code NaN}, {@code Infinity},
     * {@code -Infinity} and numbers of any length; a {@link MissingNode} when the text is blank.
     *
     * @throws JsonParseException when {@code json.loads} would raise {@code JSONDecodeError}
     */
    public static JsonNode parseLikePython(String text) throws IOException {
        return JsonReader.readLikePython(text);
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
