package dev.keycloakoidc.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * config-get, is-leader, status-set, status-get, application-version-set, juju-log: the tools
 * about the unit itself. Status, version and log take effect at once, even if the hook fails.
 */
final class UnitTools {

    static final List<String> SETTABLE = List.of("maintenance", "blocked", "waiting", "active");
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARNING", "ERROR");

    private UnitTools() {}

    static void register(Map<String, HookToolCommands.Tool> tools) {
        tools.put("config-get", UnitTools::configGet);
        tools.put("is-leader", UnitTools::isLeader);
        tools.put("status-set", UnitTools::statusSet);
        tools.put("status-get", UnitTools::statusGet);
        tools.put("application-version-set", UnitTools::applicationVersionSet);
        tools.put("juju-log", UnitTools::jujuLog);
    }

    /** {@code config-get [key] [--all] --format=json}; a missing key prints {@code null}. */
    static ToolResult configGet(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").bool("all", "a").parse(inv.args);
        f.requireJson();
        f.noMoreThan(1);
        Map<String, Object> config = new TreeMap<>();
        if (f.bool("all")) {
            inv.juju.spec().options().keySet().forEach(k -> config.put(k, null));
        }
        config.putAll(inv.juju.config());
        if (f.positionals().size() == 1) {
            return Invocation.json(config.get(f.positionals().get(0)));
        }
        return Invocation.json(config);
    }

    static ToolResult isLeader(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").parse(inv.args);
        f.requireJson();
        f.noMoreThan(0);
        return Invocation.json(inv.leader());
    }

    /**
     * {@code status-set [--application] <status> [message]} (jujuc/status-set.go). Application
     * status needs leadership: HookContext.SetApplicationStatus answers a non-leader with
     * {@code ErrIsNotLeader}, which status-set prints unwrapped.
     */
    static ToolResult statusSet(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().bool("application").parse(inv.args);
        List<String> p = f.positionals();
        if (p.isEmpty()) {
            throw ToolError.usage("invalid args, require <status> [message]");
        }
        if (!SETTABLE.contains(p.get(0))) {
            throw ToolError.usage("invalid status \"" + p.get(0) + "\", expected one of [maintenance blocked waiting active]");
        }
        f.noMoreThan(2);
        boolean app = f.bool("application");
        if (app && !inv.leader()) {
            throw ToolError.runtime(SecretTools.NOT_LEADER);
        }
        inv.juju.setStatus(inv.unit(), new StatusEntry(p.get(0), p.size() > 1 ? p.get(1) : ""), app);
        return ToolResult.ok("");
    }

    /** {@code status-get [--include-data] [--application] --format=json}. */
    static ToolResult statusGet(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").bool("include-data").bool("application").parse(inv.args);
        f.requireJson();
        f.noMoreThan(0);
        boolean data = f.bool("include-data");
        if (!f.bool("application")) {
            return Invocation.json(status(inv.juju.unitStatus(inv.unit()), data));
        }
        if (!inv.leader()) {
            throw ToolError.runtime("finding application status: this unit is not the leader");
        }
        Map<String, Object> app = status(inv.juju.appStatus(), data);
        Map<String, Object> units = new TreeMap<>();
        inv.juju.unitStatuses().forEach((u, s) -> units.put(u, status(s, data)));
        app.put("units", units);
        return Invocation.json(Map.of("application-status", app));
    }

    private static Map<String, Object> status(StatusEntry s, boolean data) {
        Map<String, Object> out = new TreeMap<>();
        out.put("status", s.status());
        out.put("message", s.message());
        if (data) {
            out.put("status-data", Map.of());
        }
        return out;
    }

    static ToolResult applicationVersionSet(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().parse(inv.args);
        if (f.positionals().isEmpty()) {
            throw ToolError.usage("no version specified");
        }
        f.noMoreThan(1);
        inv.juju.setApplicationVersion(f.positionals().get(0));
        return ToolResult.ok("");
    }

    /**
     * {@code juju-log [--log-level L] [--debug] [--] message...} (jujuc/juju-log.go): the words
     * joined by spaces, prefixed with the relation id ({@code endpoint:N: }) in a relation hook. A
     * level Juju does not know is logged at INFO after a WARNING in the unit's log (not on the
     * tool's stderr); the tool succeeds either way.
     */
    static ToolResult jujuLog(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("log-level", "l").bool("debug").value("format").parse(inv.args);
        if (f.positionals().isEmpty()) {
            throw ToolError.usage("no message specified");
        }
        String level = f.bool("debug") ? "DEBUG" : f.value("log-level").orElse("INFO");
        if (!LEVELS.contains(level)) {
            inv.juju.log(new LogEntry(inv.unit(), "WARNING", "Specified log level of \"" + level + "\" is not valid"));
            level = "INFO";
        }
        String prefix = inv.ctx.event().relationId().map(r -> r + ": ").orElse("");
        inv.juju.log(new LogEntry(inv.unit(), level, prefix + String.join(" ", f.positionals())));
        return ToolResult.ok("");
    }
}
