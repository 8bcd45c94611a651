package dev.keycloakoidc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code relation-set}/{@code state-set} input: a map from {@code --file} (JSON is YAML, and
 * the charm sends JSON) overridden by {@code key=value} arguments. Values must be strings: Juju
 * stores them as strings, and a number or object from the charm is a bug to catch here.
 */
final class KeyValues {

    private KeyValues() {}

    static Map<String, String> fromFileAndArgs(Invocation inv, Flags f) throws ToolError {
        Map<String, String> out = new LinkedHashMap<>();
        if (f.value("file").isPresent()) {
            String text = inv.fileOrStdin(f.value("file").get());
            JsonNode node;
            try {
                node = text.isBlank() ? Invocation.JSON.createObjectNode() : Invocation.JSON.readTree(text);
            } catch (IOException e) {
                throw ToolError.runtime("cannot parse settings (the fake reads JSON): " + e.getMessage());
            }
            if (node == null || !node.isObject()) {
                throw ToolError.runtime("settings must be a map of string to string, got: " + text);
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getValue().isTextual()) {
                    throw ToolError.runtime("value of \"" + e.getKey() + "\" must be a string, got " + e.getValue());
                }
                out.put(e.getKey(), e.getValue().textValue());
            }
        }
        for (String arg : f.positionals()) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw ToolError.usage("expected \"key=value\", got \"" + arg + "\"");
            }
            out.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return out;
    }
}
