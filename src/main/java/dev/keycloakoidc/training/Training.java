package dev.keycloakoidc.training;

import dev.keycloakoidc.Main;
import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.http.HttpRequest;
import dev.keycloakoidc.http.HttpTransport;
import dev.keycloakoidc.juju.HookTools;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The AOT training, a build step that never runs in a hook. {@code tools/pack-charm} runs it
 * through the charm's own {@code dispatch} ({@code ./dispatch dev.keycloakoidc.training.Training
 * leader}, with {@code CHARM_JVM_OPTIONS=-XX:AOTCacheOutput=lib/app.aot}; {@code standby} for
 * {@code lib/standby.aot}), so that it runs on a hook's runtime, flags and class path: the JVM
 * records the classes the run loads and links, and later hooks start from that cache.
 *
 * <p>It runs the real {@link Main#run} for each hook of the {@link Scenario}, through the real
 * process runner and HTTP transport, so that every class a real hook loads is loaded here. Only
 * the answers are canned: {@link CannedJuju}'s hook tools and {@link CannedKeycloak}. No network,
 * Juju or Keycloak is needed at build time.
 */
public final class Training {

    private Training() {}

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    private static int run(String[] args, PrintStream err) {
        Optional<Scenario> scenario = args.length == 1 ? Scenario.named(args[0]) : Optional.empty();
        if (scenario.isEmpty()) {
            err.println("usage: ./dispatch " + Training.class.getName() + " leader|standby");
            return 2;
        }
        try (CannedKeycloak keycloak = CannedKeycloak.start()) {
            CannedJuju juju = new CannedJuju(keycloak.url(), keycloak.url());
            int failures = 0;
            for (TrainingHook hook : scenario.get().hooks()) {
                juju.enter(hook);
                int exit = Main.run(hook.env(), new HookTools(juju), err);
                if (exit != 0) {
                    err.println("keycloak-oidc training: " + hook.dispatchPath() + " on " + hook.unit() + " exited " + exit);
                    failures++;
                }
            }
            if (scenario.get() == Scenario.LEADER) {
                startTls(keycloak);
            }
            return failures == 0 ? 0 : 1;
        }
    }

    /**
     * The stand-in speaks plain http, which sets up no TLS; most Keycloaks are https, so their
     * trust store and TLS classes go into the cache too: a handshake with a server that answers
     * in plain http fails after the client has sent its hello.
     */
    private static void startTls(CannedKeycloak keycloak) {
        HttpTransport tls = HttpClients.create(Optional.empty());
        try {
            tls.send(HttpRequest.get(URI.create(keycloak.url().replace("http:", "https:")), Map.of()), 1);
        } catch (IOException expected) {
            // "Unsupported or unrecognized SSL message": the classes are loaded, which was the point
        }
    }
}
