package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.FakeJujuFixture.UNIT0;
import static dev.keycloakoidc.testing.FakeJujuFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The check itself: it finds a secret wherever the design forbids one, and nowhere else. */
class SecretsHygieneTest {

    private static final String PW = "hunter2-s3cr3t";

    private final FakeJuju juju = FakeJujuFixture.juju();

    @Test
    void clean_whenSecretsTravelByFile() {
        HookContext ctx = FakeJujuFixture.hook(juju, UNIT0);
        FakeJujuFixture.runFiles(juju, ctx, Map.of("/t/pw", PW), "secret-add", "password#file=/t/pw");
        run(juju, ctx, "juju-log", "--", "stored the password");
        juju.end(ctx, 0);
        SecretsHygiene.of(juju).assertNoneLeaked(Set.of(PW));
    }

    @Test
    void findsArgvLogStatusRelationDataAndHookOutput() {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        HookContext ctx = FakeJujuFixture.hook(juju, UNIT0);
        run(juju, ctx, "secret-add", "password=" + PW);
        run(juju, ctx, "juju-log", "--", "password is " + PW);
        run(juju, ctx, "status-set", "blocked", "--", "bad " + PW);
        run(juju, ctx, "relation-set", "-r", rel, "--app", "client_secret=" + PW);
        juju.end(ctx, 0, "stdout " + PW, "", java.time.Duration.ZERO);
        List<String> leaks = SecretsHygiene.of(juju).leaks(Set.of(PW));
        assertEquals(8, leaks.size(), leaks.toString()); // 4 argv, log, status, bag, stdout
        AssertionError e = assertThrows(AssertionError.class, () -> SecretsHygiene.of(juju).assertNoneLeaked(Set.of(PW)));
        assertTrue(!e.getMessage().contains(PW), "the report must not repeat the secret");
    }

    @Test
    void actionSetArgv_isAllowedOnlyWhenAsked() {
        HookContext ctx = juju.begin(HookEvent.action(UNIT0, "get-connector", Map.of()));
        run(juju, ctx, "action-set", "connectors=clientSecret: " + PW);
        juju.end(ctx, 0);
        assertEquals(1, SecretsHygiene.of(juju).leaks(Set.of(PW)).size());
        SecretsHygiene.of(juju).allowActionSetArgv().assertNoneLeaked(Set.of(PW));
    }

    /** The Kratos bag as the charm writes it, with {@code clientId}'s secret {@code secret}. */
    private static String providers(String clientId, String secret) {
        return "[{\"provider\":\"generic\",\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}]";
    }

    @Test
    void kratosProviders_mayCarryThatClientsOwnSecret_andNothingElseMay() {
        String kratos = juju.relate("kratos-external-idp", "kratos", "kratos/0");
        String dex = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        HookContext ctx = FakeJujuFixture.hook(juju, UNIT0);
        FakeJujuFixture.runFiles(juju, ctx, Map.of("/t/s", PW), "secret-add", "--label", "client-secret-kratos", "secret#file=/t/s");
        FakeJujuFixture.runStdin(juju, ctx, "{\"providers\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                providers("kratos", PW)) + "}", "relation-set", "-r", kratos, "--app", "--file", "-");
        juju.end(ctx, 0);
        SecretsHygiene.of(juju).assertNoneLeaked(Set.of(PW));

        // The same bag on another endpoint, or naming another client, or the secret under another key, is a leak.
        HookContext again = FakeJujuFixture.hook(juju, UNIT0);
        FakeJujuFixture.runStdin(juju, again, "{\"providers\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                providers("kratos", PW)) + "}", "relation-set", "-r", dex, "--app", "--file", "-");
        juju.end(again, 0);
        assertEquals(2, SecretsHygiene.of(juju).leaks(Set.of(PW)).size(), "stdin and bag on oidc-provider");
    }

    @Test
    void kratosProviders_namingAnotherClient_orTheSecretElsewhere_isALeak() {
        String kratos = juju.relate("kratos-external-idp", "kratos", "kratos/0");
        HookContext ctx = FakeJujuFixture.hook(juju, UNIT0);
        FakeJujuFixture.runFiles(juju, ctx, Map.of("/t/s", PW), "secret-add", "--label", "client-secret-grafana", "secret#file=/t/s");
        FakeJujuFixture.runStdin(juju, ctx, "{\"providers\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(
                providers("kratos", PW)) + ",\"note\":\"" + PW + "\"}", "relation-set", "-r", kratos, "--app", "--file", "-");
        juju.end(ctx, 0);
        List<String> leaks = SecretsHygiene.of(juju).leaks(Set.of(PW));
        assertEquals(3, leaks.size(), leaks.toString()); // stdin, providers, note
    }
}
