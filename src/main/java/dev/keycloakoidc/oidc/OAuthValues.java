package dev.keycloakoidc.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.util.List;

/**
 * Values on an {@code oauth} relation as the interface's Python library ({@code charms.hydra.v0.oauth})
 * reads them: it runs {@code json.loads} on every value, keeps the raw text when that fails, and
 * only then checks the result against its JSON schema. So {@code true}, {@code null} or
 * {@code 12345} are not text to it, a list is a JSON array, and a value that is meant as text
 * must not read as anything else.
 */
public final class OAuthValues {

    private OAuthValues() {}

    /** What the library makes of {@code raw}: the JSON it parses as, else the text itself. */
    public static JsonNode decode(String raw) {
        try {
            JsonNode parsed = Json.parseLikePython(raw);
            return parsed.isMissingNode() ? TextNode.valueOf(raw) : parsed;
        } catch (IOException notJson) {
            return TextNode.valueOf(raw);
        }
    }

    /**
     * {@code text} written so that the library reads it back as exactly that text: as it is when
     * it does not parse as JSON (a URL, {@code openid email}, {@code True}), else as a JSON
     * string ({@code true} becomes {@code "true"}, which {@code json.loads} turns into the text
     * {@code true}).
     */
    public static String encode(String text) {
        JsonNode read = decode(text);
        return read.isTextual() && read.textValue().equals(text) ? text : Json.write(text);
    }

    /** A list of strings as the JSON array the library reads into a Python list. */
    public static String encode(List<String> texts) {
        return Json.write(texts);
    }

    /** How a status names what a value decoded to, e.g. {@code a JSON number (12345)}. */
    static String describe(JsonNode value) {
        // Jackson writes NaN quoted; Python and a reader of the status know it bare.
        String shown = shorten(value.isTextual() ? value.textValue() : value.isNumber() ? value.asText() : Json.write(value));
        return switch (value.getNodeType()) {
            case STRING -> "text (" + shown + ")";
            case NUMBER -> "a JSON number (" + shown + ")";
            case BOOLEAN -> "a JSON boolean (" + shown + ")";
            case NULL -> "JSON null";
            case ARRAY -> "a JSON list (" + shown + ")";
            case OBJECT -> "a JSON object (" + shown + ")";
            default -> shown;
        };
    }

    /** At most 40 characters of a value, control characters as {@code ?}, so that a status stays one short line. */
    static String shorten(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 37) + "...";
    }
}
