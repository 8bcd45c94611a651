package dev.keycloakoidc.juju;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a hook tool printed with {@code --format=json}. A tool that exited 0 but printed
 * something else is a broken tool or a changed protocol, reported as a {@link HookToolException}
 * with exit code 0. Those messages never quote the output: {@code secret-get} prints secrets, and
 * Jackson's own messages quote the offending text, so they are not kept as the cause either.
 */
final class ToolOutput {

    private final List<String> command;
    private final String stdout;

    ToolOutput(List<String> command, String stdout) {
        this.command = command;
        this.stdout = stdout;
    }

    /** JSON text for a tool's stdin ({@code --file -}). */
    static byte[] encode(Map<String, String> data) {
        return Json.writeBytes(data);
    }

    /** An object of any values, typed as Jackson reads them; {@code null} or {@code {}} is empty. */
    Map<String, Object> object() {
        JsonNode node = tree();
        if (node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw unexpected("a JSON object");
        }
        @SuppressWarnings("unchecked") // plain() makes a JSON object a Map with String keys
        Map<String, Object> values = (Map<String, Object>) plain(node);
        return values;
    }

    /**
     * An object whose values Juju gives as strings (relation data, state, secret content); a value
     * that is not a JSON string is kept as its JSON text. {@code null} or {@code {}} is empty.
     */
    Map<String, String> stringMap() {
        JsonNode node = tree();
        if (node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw unexpected("a JSON object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            values.put(e.getKey(), text(e.getValue()));
        }
        return Collections.unmodifiableMap(values);
    }

    /** A list of strings; {@code null} is empty. */
    List<String> stringList() {
        JsonNode node = tree();
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw unexpected("a JSON list of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw unexpected("a JSON list of strings");
            }
            values.add(item.asText());
        }
        return List.copyOf(values);
    }

    String string() {
        JsonNode node = tree();
        if (!node.isTextual()) {
            throw unexpected("a JSON string");
        }
        return node.asText();
    }

    /** JSON {@code true} or {@code false}, read without Jackson: a standby unit's hook never loads it. */
    boolean bool() {
        return switch (stdout.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw unexpected("true or false");
        };
    }

    /** The tree, for shapes this class has no method for ({@code secret-info-get}). */
    JsonNode tree() {
        try {
            JsonNode node = Json.parse(stdout);
            // An empty stdout reads as a missing node.
            if (node == null || node.isMissingNode()) {
                throw unexpected("JSON");
            }
            return node;
        } catch (IOException e) {
            throw unexpected("JSON");
        }
    }

    HookToolException unexpected(String expected) {
        return new HookToolException(command, 0,
                "printed something other than " + expected + " (output not shown: it may hold secrets)");
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : Json.write(value);
    }

    /** A value as Jackson's untyped binding gives it: String, Boolean, Integer/Long/BigInteger, Double, List, Map or null. */
    private static Object plain(JsonNode value) {
        if (value.isObject()) {
            // LinkedHashMap, not Map.copyOf: config values may be JSON null.
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (value.isArray()) {
            List<Object> list = new ArrayList<>(value.size());
            value.forEach(element -> list.add(plain(element)));
            return Collections.unmodifiableList(list);
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isNull() ? null : value.asText();
    }
}
