package dev.keycloakoidc.juju;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    /**
     * Jackson, made on first use: a non-leader's hook reads only is-leader's bare {@code false}
     * and so never loads or builds it (about 400 classes; measured by the benchmark, case A).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final List<String> command;
    private final String stdout;

    ToolOutput(List<String> command, String stdout) {
        this.command = command;
        this.stdout = stdout;
    }

    /** JSON text for a tool's stdin ({@code --file -}). */
    static byte[] encode(Map<String, String> data) {
        try {
            return Json.MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            // A map of strings always serialises; reaching this is a bug in Jackson or in us.
            throw new IllegalStateException("cannot encode a map of strings as JSON", e);
        }
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
        // LinkedHashMap, not Map.copyOf: config values may be JSON null.
        Map<String, Object> values = Json.MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {});
        return Collections.unmodifiableMap(values);
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

    /** JSON {@code true} or {@code false}, read without Jackson (see {@link Json}). */
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
            JsonNode node = Json.MAPPER.readTree(stdout);
            // An empty stdout reads as a missing node.
            if (node == null || node.isMissingNode()) {
                throw unexpected("JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unexpected("JSON");
        }
    }

    HookToolException unexpected(String expected) {
        return new HookToolException(command, 0,
                "printed something other than " + expected + " (output not shown: it may hold secrets)");
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
