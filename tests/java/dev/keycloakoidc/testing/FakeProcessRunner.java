package dev.keycloakoidc.testing;

import dev.keycloakoidc.juju.ProcessResult;
import dev.keycloakoidc.juju.ProcessRunner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves a {@link FakeJuju} to charm code in the test's own process: the fast path for
 * state-in/state-out unit tests. Each call runs in one hook context, as all the tool calls of a
 * real hook do; {@link #finish} ends the hook and commits (exit 0) or drops its changes.
 *
 * <pre>{@code
 * FakeProcessRunner runner = FakeProcessRunner.inHook(juju, HookEvent.hook("keycloak-oidc/0", "config-changed"));
 * int exit = Main.run(runner.env(), new HookTools(runner));   // whatever the charm's entry is
 * runner.finish(exit);
 * }</pre>
 */
public final class FakeProcessRunner implements ProcessRunner {

    private static final Set<String> TOOLS = HookToolCommands.names();

    private final FakeJuju juju;
    private final HookContext context;

    private FakeProcessRunner(FakeJuju juju, HookContext context) {
        this.juju = juju;
        this.context = context;
    }

    /** Begins {@code event} in {@code juju} and serves its tools. */
    public static FakeProcessRunner inHook(FakeJuju juju, HookEvent event) {
        return new FakeProcessRunner(juju, juju.begin(event));
    }

    /** Serves an already begun hook context. */
    public static FakeProcessRunner forContext(FakeJuju juju, HookContext context) {
        return new FakeProcessRunner(juju, context);
    }

    public HookContext context() {
        return context;
    }

    /** The environment Juju would give this hook (no paths), for {@code JujuContext.fromEnv}. */
    public Map<String, String> env() {
        return juju.jujuEnv(context);
    }

    /**
     * Runs one hook tool against the model.
     *
     * @throws IOException for a program that is no hook tool, as starting it would fail on a unit
     */
    @Override
    public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
        String tool = argv.isEmpty() ? "" : argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (!TOOLS.contains(tool)) {
            throw new IOException("Cannot run program \"" + (argv.isEmpty() ? "" : argv.get(0)) + "\": not a hook tool the fake serves");
        }
        ToolResult r = juju.call(context.id(), context.unit(), argv, stdin, ToolFiles.read(argv));
        return new ProcessResult(r.exitCode(), r.stdout(), r.stderr());
    }

    /** Ends the hook as if its process exited with {@code exitCode}. */
    public HookRun finish(int exitCode) {
        return juju.end(context, exitCode);
    }
}
