package dev.keycloakoidc.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The table from tool name to implementation; an unknown tool fails as a shell would (127). */
final class HookToolCommands {

    /** One hook tool. */
    @FunctionalInterface
    interface Tool {
        ToolResult run(Invocation inv) throws ToolError;
    }

    private final Map<String, Tool> tools = new HashMap<>();

    HookToolCommands() {
        UnitTools.register(tools);
        RelationTools.register(tools);
        SecretTools.register(tools);
        ActionTools.register(tools);
        StateTools.register(tools);
    }

    /** The names a tools folder needs a link for. */
    static Set<String> names() {
        return new TreeSet<>(new HookToolCommands().tools.keySet());
    }

    ToolResult run(Invocation inv) {
        Tool tool = tools.get(inv.tool);
        if (tool == null) {
            return new ToolResult(127, "", inv.tool + ": command not found (the fake does not serve it)\n");
        }
        try {
            return tool.run(inv);
        } catch (ToolError e) {
            return e.toResult();
        }
    }
}
