package dev.keycloakoidc.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a hook tool's argv the way Juju's {@code gnuflag} does: {@code -x} for one-letter flags,
 * {@code --name} for long ones, {@code --name=value} or {@code --name value}, flags and positional
 * arguments interleaved, {@code --} ending the flags (so a message may start with a dash). An
 * undeclared flag is a usage error (exit 2), which is how a charm's wrong argv shows up in tests.
 */
final class Flags {

    private final Map<String, String> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Flags() {}

    /** Declares the flags of one tool: canonical name, aliases, and whether it takes a value. */
    static final class Spec {
        private final Map<String, String> canonical = new HashMap<>();
        private final Map<String, Boolean> isBool = new HashMap<>();

        Spec bool(String name, String... aliases) {
            return add(name, true, aliases);
        }

        Spec value(String name, String... aliases) {
            return add(name, false, aliases);
        }

        private Spec add(String name, boolean bool, String... aliases) {
            canonical.put(name, name);
            for (String a : aliases) {
                canonical.put(a, name);
            }
            isBool.put(name, bool);
            return this;
        }

        Flags parse(List<String> args) throws ToolError {
            Flags flags = new Flags();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    flags.positionals.addAll(args.subList(i + 1, args.size()));
                    break;
                }
                if (!arg.startsWith("-") || arg.equals("-")) {
                    flags.positionals.add(arg);
                    continue;
                }
                boolean longForm = arg.startsWith("--");
                String body = arg.substring(longForm ? 2 : 1);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                String shown = (longForm ? "--" : "-") + name;
                String canon = canonical.get(name);
                if (canon == null || longForm != (name.length() > 1)) {
                    throw ToolError.usage("flag provided but not defined: " + shown);
                }
                if (isBool.get(canon)) {
                    String v = eq < 0 ? "true" : body.substring(eq + 1);
                    flags.values.put(canon, Boolean.toString(parseBool(v, shown)));
                } else if (eq >= 0) {
                    flags.values.put(canon, body.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    flags.values.put(canon, args.get(++i));
                } else {
                    throw ToolError.usage("flag needs an argument: " + shown);
                }
            }
            return flags;
        }

        /** Go's strconv.ParseBool, which is why ops can pass {@code --application=True}. */
        private static boolean parseBool(String v, String flag) throws ToolError {
            switch (v) {
                case "1", "t", "T", "true", "TRUE", "True": return true;
                case "0", "f", "F", "false", "FALSE", "False": return false;
                default: throw ToolError.usage("invalid boolean value \"" + v + "\" for flag " + flag);
            }
        }
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean bool(String name) {
        return Boolean.parseBoolean(values.get(name));
    }

    List<String> positionals() {
        return positionals;
    }

    /** Juju's {@code cmd.CheckEmpty}: surplus arguments are a usage error. */
    void noMoreThan(int count) throws ToolError {
        if (positionals.size() > count) {
            throw ToolError.usage("unrecognized args: [" + String.join(" ", positionals.subList(count, positionals.size())) + "]");
        }
    }

    /** The fake speaks only JSON: every call the charm makes passes {@code --format=json}. */
    void requireJson() throws ToolError {
        String format = values.get("format");
        if (!"json".equals(format)) {
            throw ToolError.usage("fake juju answers only --format=json (got " + (format == null ? "no --format" : "--format=" + format) + ")");
        }
    }
}
