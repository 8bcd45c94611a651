package dev.keycloakoidc.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.DispatchDriver;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.OidcLogin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The README's main command, for someone without a Juju controller: the packed charm, run through
 * its real ./dispatch as Juju would run it, against a Keycloak started here. Every step is
 * printed; secrets are masked. Exits non-zero if any step does not do what it should.
 */
public final class Demo {

    private static final String UNIT = "keycloak-oidc/0";
    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";
    private final List<String> secrets = new ArrayList<>();
    private final FakeJuju juju = FakeJuju.forRepo();

    public static void main(String[] args) throws Exception {
        int exit = new Demo().run();
        System.exit(exit);
    }

    private int run() throws Exception {
        step("Starting a local Keycloak (keycloak-quarkus-dist, start-dev on 127.0.0.1)");
        KeycloakServer keycloak = KeycloakServer.shared();
        say("Keycloak is up at " + keycloak.baseUrl() + " after " + keycloak.startTime().toSeconds() + " s");
        secrets.add(keycloak.adminPassword());

        try (DispatchDriver driver = DispatchDriver.start(juju)) {
            step("juju deploy ./keycloak-oidc_amd64.charm   (install, config-changed, start)");
            hook(driver, "install");
            hook(driver, "config-changed");
            hook(driver, "start");

            step("juju add-secret kc-admin username=admin password=...; juju grant-secret kc-admin keycloak-oidc");
            String adminSecret = juju.addUserSecret(Map.of("username", keycloak.adminUsername(),
                    "password", keycloak.adminPassword()));
            juju.grantSecret(adminSecret, juju.app());
            step("juju config keycloak-oidc keycloak-url=" + keycloak.baseUrl() + " admin-credentials=" + adminSecret);
            juju.setConfig("keycloak-url", keycloak.baseUrl());
            juju.setConfig("admin-credentials", adminSecret);
            hook(driver, "config-changed");

            step("juju relate keycloak-oidc:dex-oidc-config dex-auth:dex-oidc-config   (stock dex-auth)");
            String dexConfig = juju.relate("dex-oidc-config", "dex-auth", "dex-auth/0");
            juju.setRemoteAppData(dexConfig, Map.of("issuer-url", "https://kubeflow.example.com/dex"));
            relationChanged(driver, dexConfig);

            step("juju relate keycloak-oidc:oidc-provider dex-auth:oidc-provider   (a dex-auth that speaks oidc-provider)");
            String provider = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
            juju.setRemoteAppData(provider, Map.of("redirect_uri", CALLBACK));
            relationChanged(driver, provider);
            Map<String, String> published = juju.localAppData(provider);
            say("published on " + provider + ":");
            new TreeMap<>(published).forEach((k, v) -> say("    " + k + " = " + v));

            step("juju run keycloak-oidc/leader create-user username=alice email=alice@example.com");
            ActionRun created = action(driver, "create-user", Map.of("username", "alice", "email", "alice@example.com"));
            String password = created.result("password").orElseThrow();
            secrets.add(password);
            created.results().forEach((k, v) -> say("    " + k + ": " + mask(String.valueOf(v))));

            step("A real login, as Dex does it, with only the published settings and the Juju secret");
            String clientSecret = juju.secret(published.get("client_secret_id")).orElseThrow().content().get("secret");
            secrets.add(clientSecret);
            login(published, clientSecret, "alice", password);

            step("juju run keycloak-oidc/leader rotate-secret");
            ActionRun rotated = action(driver, "rotate-secret", Map.of());
            rotated.results().forEach((k, v) -> say("    " + k + ": " + v));
            String newSecret = juju.secret(published.get("client_secret_id")).orElseThrow().content().get("secret");
            secrets.add(newSecret);
            say("the Juju secret now holds a new revision; logging in again with it:");
            login(juju.localAppData(provider), newSecret, "alice", password);

            step("juju run keycloak-oidc/leader get-connector client=dex-auth");
            ActionRun connector = action(driver, "get-connector", Map.of("client", "dex-auth"));
            say(mask(connector.result("connectors").orElseThrow().toString()).indent(4).stripTrailing());

            step("juju status");
            say("keycloak-oidc/0  " + juju.unitStatus(UNIT).status() + "  " + juju.unitStatus(UNIT).message());
            say("application version (Keycloak): " + juju.applicationVersion().orElse("?"));
        } finally {
            step("Stopping Keycloak");
            keycloak.close();
        }
        step("Done: every step did what it should.");
        return 0;
    }

    private void login(Map<String, String> published, String clientSecret, String user, String password) {
        Map<String, Object> claims = OidcLogin.login(published.get("issuer_url"), published.get("client_id"),
                clientSecret, published.get("redirect_uri"), List.of(published.get("scope").split(" ")), user, password);
        say("logged in: ID token for preferred_username=" + claims.get("preferred_username")
                + ", email=" + claims.get("email") + ", issuer=" + claims.get("iss"));
    }

    private void hook(DispatchDriver driver, String name) {
        report(name, driver.hook(UNIT, name));
    }

    private void relationChanged(DispatchDriver driver, String relationId) {
        report(relationId.substring(0, relationId.indexOf(':')) + "-relation-changed",
                driver.relationHook(UNIT, "relation-changed", relationId, juju.remoteUnits(relationId).get(0)));
    }

    private ActionRun action(DispatchDriver driver, String name, Map<String, ?> params) {
        HookRun run = driver.action(UNIT, name, params);
        report("action " + name, run);
        ActionRun action = run.action().orElseThrow();
        if (action.failure().isPresent()) {
            throw new IllegalStateException(name + " failed: " + action.failure().get());
        }
        return action;
    }

    private void report(String what, HookRun run) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException(what + " exited " + run.exitCode() + ":\n" + mask(run.stderr()));
        }
        say(String.format("%-34s exit 0 in %4d ms   status: %s: %s", what, run.duration().toMillis(),
                juju.unitStatus(UNIT).status(), mask(juju.unitStatus(UNIT).message())));
    }

    private String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "*".repeat(8));
        }
        return masked;
    }

    private static void step(String text) {
        System.out.println();
        System.out.println("==> " + text);
    }

    private void say(String text) {
        System.out.println(mask(text));
    }

    static {
        new ObjectMapper(); // loaded early so the first step's timing is the charm's, not Jackson's
    }
}
