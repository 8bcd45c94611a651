package dev.keycloakoidc.testing;

import java.util.Map;

/** state-get, state-set, state-delete: the unit's own key-value store, committed on exit 0. */
final class StateTools {

    private StateTools() {}

    static void register(Map<String, HookToolCommands.Tool> tools) {
        tools.put("state-get", StateTools::get);
        tools.put("state-set", StateTools::set);
        tools.put("state-delete", StateTools::delete);
    }

    /** {@code state-get [key] [--strict] --format=json}; a missing key prints null unless strict. */
    static ToolResult get(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").bool("strict").parse(inv.args);
        f.requireJson();
        f.noMoreThan(1);
        Map<String, String> state = inv.data().state(inv.unit());
        if (f.positionals().isEmpty()) {
            return Invocation.json(state);
        }
        String key = f.positionals().get(0);
        if (!state.containsKey(key) && f.bool("strict")) {
            throw ToolError.runtime("\"" + key + "\" not found");
        }
        return Invocation.json(state.get(key));
    }

    /** {@code state-set [--file PATH|-] [key=value...]}; arguments override the file. */
    static ToolResult set(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("file").parse(inv.args);
        Map<String, String> values = KeyValues.fromFileAndArgs(inv, f);
        Map<String, String> state = inv.data().state(inv.unit());
        values.forEach((k, v) -> {
            if (v.isEmpty()) {
                state.remove(k);
            } else {
                state.put(k, v);
            }
        });
        return ToolResult.ok("");
    }

    static ToolResult delete(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().parse(inv.args);
        if (f.positionals().isEmpty()) {
            throw ToolError.usage("no key specified");
        }
        f.noMoreThan(1);
        inv.data().state(inv.unit()).remove(f.positionals().get(0));
        return ToolResult.ok("");
    }
}
