package dev.keycloakoidc.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Shorthand for the FakeJuju tests: run a tool by argv in a running hook. */
final class FakeJujuFixture {

    static final String UNIT0 = "keycloak-oidc/0";

    private FakeJujuFixture() {}

    static FakeJuju juju() {
        return FakeJuju.forRepo();
    }

    static ToolResult run(FakeJuju juju, HookContext ctx, String... argv) {
        return juju.call(ctx.id(), ctx.unit(), List.of(argv), new byte[0], Map.of());
    }

    static ToolResult runStdin(FakeJuju juju, HookContext ctx, String stdin, String... argv) {
        return juju.call(ctx.id(), ctx.unit(), List.of(argv), stdin.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static ToolResult runFiles(FakeJuju juju, HookContext ctx, Map<String, String> files, String... argv) {
        Map<String, byte[]> bytes = new java.util.HashMap<>();
        files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return juju.call(ctx.id(), ctx.unit(), List.of(argv), new byte[0], bytes);
    }

    static HookContext hook(FakeJuju juju, String unit) {
        return juju.begin(HookEvent.hook(unit, "config-changed"));
    }
}
