package dev.keycloakoidc.charm;

import dev.keycloakoidc.Main;
import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.FakeProcessRunner;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the charm in this process against a {@link FakeJuju}: state in, one event, state out. */
public final class CharmHarness {

    private CharmHarness() {}

    public static HookRun run(FakeJuju juju, HookEvent event) {
        FakeProcessRunner runner = FakeProcessRunner.inHook(juju, event);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(runner.env(), new HookTools(runner), new PrintStream(err, true, StandardCharsets.UTF_8));
        HookRun run = runner.finish(exit);
        if (exit != 0) {
            System.err.println(err.toString(StandardCharsets.UTF_8));
        }
        return run;
    }

    public static HookRun hook(FakeJuju juju, String hook) {
        return run(juju, HookEvent.hook(juju.leader(), hook));
    }
}
