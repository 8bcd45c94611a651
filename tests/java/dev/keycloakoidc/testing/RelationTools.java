package dev.keycloakoidc.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * relation-ids, relation-list, relation-get, relation-set, following Juju's own commands: the
 * relation defaults to the hook's, the app bag of this application is the leader's alone to read
 * and write, and writes merge into the bag ({@code ""} deletes a key).
 */
final class RelationTools {

    private RelationTools() {}

    static void register(Map<String, HookToolCommands.Tool> tools) {
        tools.put("relation-ids", RelationTools::ids);
        tools.put("relation-list", RelationTools::list);
        tools.put("relation-get", RelationTools::get);
        tools.put("relation-set", RelationTools::set);
    }

    private static Flags.Spec relationFlags() {
        return new Flags.Spec().value("relation", "r").bool("app").value("format").value("output", "o");
    }

    /**
     * {@code relation-ids [endpoint] --format=json} (jujuc/relation-ids.go); the endpoint defaults
     * to the hook's. A broken relation is left out: in its own {@code -broken} hook, Juju's hook
     * context marks it broken and RelationIds skips it (worker/uniter/runner/context/context.go),
     * though relation-get and relation-set still take it with {@code -r}. Sorted as strings.
     */
    static ToolResult ids(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").parse(inv.args);
        f.requireJson();
        f.noMoreThan(1);
        String endpoint;
        if (!f.positionals().isEmpty()) {
            endpoint = f.positionals().get(0);
        } else if (inv.ctx.event().relationId().isPresent()) {
            endpoint = Secrets.relationEndpoint(inv.ctx.event().relationId().get());
        } else {
            throw ToolError.usage("no endpoint name specified");
        }
        Optional<String> broken = inv.ctx.event().relationId().filter(r -> inv.ctx.event().name().endsWith("-relation-broken"));
        return Invocation.json(inv.data().relations.values().stream().filter(r -> r.endpoint.equals(endpoint))
                .map(RelationData::ref).filter(ref -> broken.isEmpty() || !broken.get().equals(ref)).sorted().toList());
    }

    /** {@code relation-list [-r id] [--app] --format=json}: remote units, or with --app the remote application. */
    static ToolResult list(Invocation inv) throws ToolError {
        Flags f = relationFlags().parse(inv.args);
        f.requireJson();
        f.noMoreThan(0);
        RelationData r = inv.relation(f.value("relation"), optionName(inv.args));
        if (f.bool("app")) {
            return Invocation.json(r.remoteApp);
        }
        return Invocation.json(r.remoteUnits.stream().sorted().toList());
    }

    /** {@code relation-get [-r id] [--app] [key|-] [unit-or-app] --format=json}. */
    static ToolResult get(Invocation inv) throws ToolError {
        Flags f = relationFlags().parse(inv.args);
        f.requireJson();
        RelationData r = inv.relation(f.value("relation"), optionName(inv.args));
        List<String> p = f.positionals();
        f.noMoreThan(2);
        String key = p.isEmpty() || p.get(0).equals("-") ? null : p.get(0);
        boolean app = f.bool("app");
        String target;
        if (p.size() == 2) {
            target = p.get(1);
            if (app && target.contains("/")) {
                target = target.substring(0, target.indexOf('/'));
            } else if (!app && !target.contains("/")) {
                throw ToolError.usage("expected unit name, got application name \"" + target + "\"");
            }
        } else if (app) {
            target = r.remoteApp;
        } else if (inv.ctx.event().remoteUnit().isPresent()) {
            target = inv.ctx.event().remoteUnit().get();
        } else {
            throw ToolError.usage("no unit or application specified");
        }
        Map<String, String> bag = bag(inv, r, target, app);
        return Invocation.json(key == null ? new TreeMap<>(bag) : bag.get(key));
    }

    /**
     * The bag relation-get reads. Juju reads this unit's own bags, and its application's bag when it
     * leads, from the hook context; anything else it asks the controller for
     * (mustReadSettingsFromController in jujuc/relation-get.go), which refuses a non-leader its own
     * application's bag. The refusal's text, {@code permission denied}, is the controller's
     * generic one and was not traced further in Juju's source; the charm never makes that call.
     */
    private static Map<String, String> bag(Invocation inv, RelationData r, String target, boolean app) throws ToolError {
        if (app) {
            if (target.equals(inv.app())) {
                if (!inv.leader()) {
                    throw ToolError.runtime("permission denied");
                }
                return r.localApp;
            }
            if (target.equals(r.remoteApp)) {
                return r.remoteAppBag;
            }
            throw ToolError.runtime("cannot read settings for application \"" + target + "\" in relation \"" + r.ref() + "\": not found");
        }
        if (target.equals(inv.unit())) {
            return r.localUnits.getOrDefault(target, Map.of());
        }
        Optional<Map<String, String>> remote = Optional.ofNullable(r.remoteUnitBags.get(target));
        if (remote.isPresent() || r.remoteUnits.contains(target)) {
            return remote.orElse(Map.of());
        }
        if (target.startsWith(inv.app() + "/")) {
            throw ToolError.runtime("permission denied");
        }
        throw ToolError.runtime("cannot read settings for unit \"" + target + "\" in relation \"" + r.ref()
                + "\": unit \"" + target + "\": settings not found");
    }

    /** {@code relation-set [-r id] [--app] [--file -] [key=value...]}: merge; {@code ""} deletes. */
    static ToolResult set(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("relation", "r").bool("app").value("file").value("format").parse(inv.args);
        RelationData r = inv.relation(f.value("relation"), optionName(inv.args));
        Map<String, String> values = KeyValues.fromFileAndArgs(inv, f);
        Map<String, String> bag;
        if (f.bool("app")) {
            if (!inv.leader()) {
                throw ToolError.runtime("cannot write relation settings");
            }
            bag = r.localApp;
        } else {
            bag = r.localUnit(inv.unit());
        }
        values.forEach((k, v) -> {
            if (v.isEmpty()) {
                bag.remove(k);
            } else {
                bag.put(k, v);
            }
        });
        return ToolResult.ok("");
    }

    /** How the caller spelled the relation option, for Juju's "invalid value ... for option -r". */
    private static String optionName(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("--relation") || a.startsWith("--relation=")) ? "--relation" : "-r";
    }
}
