package dev.keycloakoidc.testing;

/** What one hook-tool call left behind, as the process running it would see it. */
public record ToolResult(int exitCode, String stdout, String stderr) {

    static ToolResult ok(String stdout) {
        return new ToolResult(0, stdout, "");
    }
}
