package dev.keycloakoidc.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * Reads one JSON text (RFC 8259, nothing more) into the tree {@code ObjectMapper.readTree} would
 * build: the same node classes, integers as int, long or BigInteger nodes by size, other numbers
 * as double nodes, the last of duplicate names kept, and Jackson's default limits on nesting and
 * number length.
 *
 * <p>Why not jackson-core's parser, which the charm used before: every one of its parsers sets up
 * {@code BigDecimal} constants when first loaded, and on JDK 25 {@code BigDecimal}'s own static
 * set-up computes 5<sup>65536</sup> (a table for {@code stripTrailingZeros}), about 13 ms of every
 * hook that reads JSON, measured with async-profiler on the benchmark's case B. The charm reads
 * only small documents (hook-tool output, Keycloak's answers), so a direct reader is enough.
 */
final class JsonReader {

    /** Jackson's {@code StreamReadConstraints} defaults. */
    static final int MAX_DEPTH = 1000;
    static final int MAX_NUMBER_LENGTH = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    /** Python's {@code json.loads} on top: {@code NaN}, {@code Infinity}, {@code -Infinity}, numbers of any length. */
    private final boolean python;
    private int pos;

    private JsonReader(String text, boolean python) {
        this.text = text;
        this.python = python;
    }

    /** The tree of {@code text}; a {@link MissingNode} when it holds only white space. */
    static JsonNode read(String text) throws JsonParseException {
        return read(text, false);
    }

    /**
     * As {@link #read(String)}, but reading what Python's {@code json.loads} reads: RFC 8259 plus
     * the constants {@code NaN}, {@code Infinity} and {@code -Infinity} (as double nodes), and
     * numbers longer than Jackson's limit.
     */
    static JsonNode readLikePython(String text) throws JsonParseException {
        return read(text, true);
    }

    private static JsonNode read(String text, boolean python) throws JsonParseException {
        JsonReader reader = new JsonReader(text, python);
        reader.skipWhitespace();
        if (reader.pos == text.length()) {
            return MissingNode.getInstance();
        }
        JsonNode value = reader.value(0);
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("more than one JSON value");
        }
        return value;
    }

    private JsonNode value(int depth) throws JsonParseException {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> {
                pos++;
                yield NODES.textNode(string());
            }
            case 't' -> literal("true", NODES.booleanNode(true));
            case 'f' -> literal("false", NODES.booleanNode(false));
            case 'n' -> literal("null", NODES.nullNode());
            case 'N' -> pythonLiteral("NaN", Double.NaN);
            case 'I' -> pythonLiteral("Infinity", Double.POSITIVE_INFINITY);
            default -> {
                if (c == '-' && python && text.startsWith("-Infinity", pos)) {
                    yield pythonLiteral("-Infinity", Double.NEGATIVE_INFINITY);
                }
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw error("unexpected character " + describe(c));
            }
        };
    }

    private ObjectNode object(int depth) throws JsonParseException {
        ObjectNode object = NODES.objectNode();
        if (closesAtOnce('}', depth)) {
            return object;
        }
        do {
            expect('"');
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.set(name, value(depth));
        } while (another('}'));
        return object;
    }

    private ArrayNode array(int depth) throws JsonParseException {
        ArrayNode array = NODES.arrayNode();
        if (closesAtOnce(']', depth)) {
            return array;
        }
        do {
            array.add(value(depth));
        } while (another(']'));
        return array;
    }

    /** Steps past an opening bracket; true when {@code close} follows (an empty object or array), stepped past too. */
    private boolean closesAtOnce(char close, int depth) throws JsonParseException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        skipWhitespace();
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a member or an element: true when a ',' says another follows, false past {@code close}. */
    private boolean another(char close) throws JsonParseException {
        skipWhitespace();
        char next = peek();
        if (next == close) {
            pos++;
            return false;
        }
        if (next != ',') {
            throw error("expected ',' or '" + close + "' but found " + describe(next));
        }
        pos++;
        skipWhitespace();
        return true;
    }

    /** The rest of a string whose opening quote has been read. */
    private String string() throws JsonParseException {
        int start = pos;
        StringBuilder escaped = null;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return escaped == null ? text.substring(start, pos - 1) : escaped.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character " + describe(c) + " in a string");
            }
            if (c != '\\') {
                if (escaped != null) {
                    escaped.append(c);
                }
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder(text.length() - start).append(text, start, pos - 1);
            }
            escaped.append(escape());
        }
    }

    private char escape() throws JsonParseException {
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw error("unterminated \\u escape");
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(text.charAt(pos++), 16);
                    if (digit < 0) {
                        pos--;
                        throw error("invalid \\u escape");
                    }
                    code = code * 16 + digit;
                }
                yield (char) code;
            }
            default -> {
                pos--;
                throw error("invalid escape \\" + c);
            }
        };
    }

    private JsonNode number() throws JsonParseException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("a number needs a digit after '-'");
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            integral = false;
            if (!isDigit(peek())) {
                throw error("a number needs a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs a digit in its exponent");
            }
            digits();
        }
        if (isDigit(peek())) {
            throw error("a number must not start with 0");
        }
        if (pos - start > MAX_NUMBER_LENGTH && !python) {
            throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        String number = text.substring(start, pos);
        if (!integral) {
            return NODES.numberNode(Double.parseDouble(number));
        }
        // 18 digits always fit a long; beyond that, as Jackson does, by the value's size.
        if (number.length() <= 18) {
            long value = Long.parseLong(number);
            return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
        }
        BigInteger big = new BigInteger(number);
        return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private JsonNode literal(String word, JsonNode node) throws JsonParseException {
        if (!text.startsWith(word, pos)) {
            throw error("unrecognised token (expected " + word + ")");
        }
        pos += word.length();
        return node;
    }

    private JsonNode pythonLiteral(String word, double value) throws JsonParseException {
        if (!python) {
            throw error("unexpected character " + describe(text.charAt(pos)));
        }
        return literal(word, NODES.numberNode(value));
    }

    private void expect(char c) throws JsonParseException {
        if (peek() != c) {
            throw error("expected '" + c + "' but found " + describe(peek()));
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    /** The next character, or U+FFFF (never valid here) at the end of the text. */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describe(char c) {
        if (c == '\uffff' && pos >= text.length()) {
            return "end of input";
        }
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private JsonParseException error(String problem) {
        return new JsonParseException((JsonParser) null, "not JSON: " + problem + " at character " + (pos + 1));
    }
}
