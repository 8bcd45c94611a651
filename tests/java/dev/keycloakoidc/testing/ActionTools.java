package dev.keycloakoidc.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * action-get, action-set, action-fail, action-log. Outside an action they fail as Juju's do.
 * Results, failure and log apply at once: Juju keeps them even when the process exits non-zero.
 */
final class ActionTools {

    /** Juju's action name rule, applied to every dotted part of a result key. */
    private static final Pattern KEY = Pattern.compile("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$");
    private static final List<String> RESERVED = List.of("stdout", "stdout-encoding", "stderr", "stderr-encoding");

    private ActionTools() {}

    static void register(Map<String, HookToolCommands.Tool> tools) {
        tools.put("action-get", ActionTools::get);
        tools.put("action-set", ActionTools::set);
        tools.put("action-fail", ActionTools::fail);
        tools.put("action-log", ActionTools::log);
    }

    private static ActionRun action(Invocation inv) throws ToolError {
        if (inv.ctx.action == null) {
            throw ToolError.runtime("not running an action");
        }
        return inv.ctx.action;
    }

    /** {@code action-get [key.path] --format=json}. */
    @SuppressWarnings("unchecked")
    static ToolResult get(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").parse(inv.args);
        f.requireJson();
        f.noMoreThan(1);
        ActionRun a = action(inv);
        if (f.positionals().isEmpty()) {
            return Invocation.json(new java.util.TreeMap<>(a.params()));
        }
        Object node = a.params();
        for (String part : f.positionals().get(0).split("\\.")) {
            node = node instanceof Map ? ((Map<String, Object>) node).get(part) : null;
        }
        return Invocation.json(node);
    }

    /** {@code action-set key=value a.b=value}: keys checked before anything is set. */
    static ToolResult set(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().parse(inv.args);
        ActionRun a = action(inv);
        for (String arg : f.positionals()) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw ToolError.usage("argument \"" + arg + "\" must be of the form key...=value");
            }
            for (String key : arg.substring(0, eq).split("\\.", -1)) {
                if (!KEY.matcher(key).matches()) {
                    throw ToolError.usage("key \"" + key + "\" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods");
                }
                if (RESERVED.contains(key)) {
                    throw ToolError.usage("cannot set reserved action key \"" + key + "\"");
                }
            }
        }
        for (String arg : f.positionals()) {
            int eq = arg.indexOf('=');
            a.set(Arrays.asList(arg.substring(0, eq).split("\\.")), arg.substring(eq + 1));
        }
        return ToolResult.ok("");
    }

    /**
     * {@code action-fail [--] [message]} (jujuc/action-fail.go): the action fails; the process may
     * still exit 0. Without a message, Juju's own.
     */
    static ToolResult fail(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().parse(inv.args);
        f.noMoreThan(1);
        action(inv).fail(f.positionals().isEmpty() ? "action failed without reason given, check action for errors" : f.positionals().get(0));
        return ToolResult.ok("");
    }

    static ToolResult log(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().parse(inv.args);
        if (f.positionals().isEmpty()) {
            throw ToolError.usage("no message specified");
        }
        action(inv).log(String.join(" ", f.positionals()));
        return ToolResult.ok("");
    }
}
