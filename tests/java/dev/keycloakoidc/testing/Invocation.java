package dev.keycloakoidc.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One hook-tool call being served: the model, the running hook, argv, stdin and the named files. */
final class Invocation {

    /** Go's encoding/json sorts map keys; the tools build TreeMaps where Juju prints a map, LinkedHashMaps for structs. */
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeJuju juju;
    final HookContext ctx;
    final String tool;
    final List<String> args;
    final byte[] stdin;
    final Map<String, byte[]> files;

    Invocation(FakeJuju juju, HookContext ctx, List<String> argv, byte[] stdin, Map<String, byte[]> files) {
        this.juju = juju;
        this.ctx = ctx;
        String first = argv.isEmpty() ? "" : argv.get(0);
        this.tool = first.substring(first.lastIndexOf('/') + 1);
        this.args = argv.isEmpty() ? List.of() : argv.subList(1, argv.size());
        this.stdin = stdin;
        this.files = files;
    }

    String unit() {
        return ctx.unit();
    }

    String app() {
        return juju.app();
    }

    boolean leader() {
        return juju.isLeader(unit());
    }

    ModelData data() {
        return ctx.data;
    }

    /**
     * The relation an {@code -r}/{@code --relation} value names, else the hook's own relation.
     * Juju validates the value while parsing flags, hence exit 2 for an unknown relation. Juju reads
     * only the number after the last {@code :} and does not check the endpoint before it
     * (relationIdValue.Set, jujuc/context.go): {@code -r anything:3} is relation 3.
     */
    RelationData relation(Optional<String> flagValue, String option) throws ToolError {
        if (flagValue.isEmpty()) {
            Optional<String> own = ctx.event().relationId();
            if (own.isEmpty()) {
                throw ToolError.usage("no relation id specified");
            }
            return data().relations.get(Secrets.relationNumber(own.get()));
        }
        String value = flagValue.get();
        Integer n;
        try {
            n = Integer.valueOf(value.substring(value.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw ToolError.usage("invalid value \"" + value + "\" for option " + option + ": invalid relation id");
        }
        RelationData r = data().relations.get(n);
        if (r == null) {
            throw ToolError.usage("invalid value \"" + value + "\" for option " + option + ": relation not found");
        }
        return r;
    }

    /** The contents of {@code --file PATH}; {@code -} is stdin. */
    String fileOrStdin(String path) throws ToolError {
        if (path.equals("-")) {
            return new String(stdin, StandardCharsets.UTF_8);
        }
        return new String(file(path), StandardCharsets.UTF_8);
    }

    byte[] file(String path) throws ToolError {
        byte[] content = files.get(path);
        if (content == null) {
            throw ToolError.usage("open " + path + ": no such file or directory");
        }
        return content;
    }

    static ToolResult json(Object value) throws ToolError {
        try {
            return ToolResult.ok(JSON.writeValueAsString(value) + "\n");
        } catch (JsonProcessingException e) {
            throw ToolError.runtime("cannot encode output: " + e.getMessage());
        }
    }
}
