package dev.keycloakoidc.testing;

import java.util.List;

/**
 * One recorded hook-tool call, in order: who ran it, exactly what argv and stdin, and what it got
 * back. Tests assert on these (no secret in argv, the right flags) instead of mocking the charm.
 */
public record ToolCall(String unit, String contextId, List<String> argv, String stdin, ToolResult result) {

    /** The tool's name, {@code argv[0]} without a directory. */
    public String tool() {
        String first = argv.get(0);
        return first.substring(first.lastIndexOf('/') + 1);
    }
}
