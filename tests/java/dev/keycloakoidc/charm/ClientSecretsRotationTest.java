package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.JujuContext;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.FakeProcessRunner;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.SecretSnapshot;
import dev.keycloakoidc.testing.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rotation policy a client secret carries: given to secret-add for a new secret, and written
 * to an existing one only when Juju's differs, so that a steady hook makes no extra tool call.
 * What Juju holds is read as the reconcile reads it ({@link ClientSecrets#stored}), the plan
 * decides, and {@link JujuApply} writes, against the tests' model of Juju.
 */
class ClientSecretsRotationTest {

    private static final String LABEL = ClientSecrets.label("dex-auth");

    private final FakeJuju juju = FakeJuju.forRepo();

    @Test
    void aNewSecret_getsThePolicyFromSecretAdd() {
        List<ToolCall> calls = inHook("s3cret-1", RotatePolicy.DAILY);

        List<String> add = calls.stream().filter(c -> c.tool().equals("secret-add")).findFirst().orElseThrow().argv();
        assertEquals(List.of("--rotate", "daily", "--owner", "application"), add.subList(5, 9));
        SecretSnapshot secret = juju.secretByLabel(LABEL).orElseThrow();
        assertEquals(Optional.of("daily"), secret.rotate());
        assertTrue(secret.rotates().isPresent(), "Juju schedules its first rotation");
        assertEquals(Map.of("secret", "s3cret-1"), secret.content());
    }

    @Test
    void aNewSecret_withoutRotation_isAddedWithoutTheFlag_asBefore() {
        List<ToolCall> calls = inHook("s3cret-1", RotatePolicy.NEVER);

        List<String> add = calls.stream().filter(c -> c.tool().equals("secret-add")).findFirst().orElseThrow().argv();
        assertFalse(add.contains("--rotate"), add::toString);
        assertEquals(Optional.empty(), juju.secretByLabel(LABEL).orElseThrow().rotate());
    }

    /** stored: what secret-info-get shows ("-" for nothing, as for a secret never given a policy). */
    @ParameterizedTest(name = "{0} -> {1}: secret-set {2}")
    @CsvSource({
        "-,      NEVER,     -",
        "never,  NEVER,     -",
        "daily,  DAILY,     -",
        "yearly, YEARLY,    -",
        "-,      DAILY,     daily",
        "never,  HOURLY,    hourly",
        "daily,  WEEKLY,    weekly",
        "daily,  NEVER,     never",
        "monthly, QUARTERLY, quarterly",
    })
    void anExistingSecret_isWrittenOnlyWhenItsPolicyDiffers(String stored, RotatePolicy wanted, String written) {
        String uri = juju.addAppSecret(Map.of("secret", "s3cret-1"), LABEL);
        if (!stored.equals("-")) {
            assertEquals(0, juju.call(juju.leader(), List.of("secret-set", uri, "--rotate", stored), null, null).exitCode());
        }

        List<ToolCall> calls = inHook("s3cret-1", wanted);

        List<List<String>> sets = calls.stream().filter(c -> c.tool().equals("secret-set")).map(ToolCall::argv).toList();
        if (written.equals("-")) {
            assertEquals(List.of(), sets, "a steady hook writes nothing");
            assertEquals(List.of("secret-info-get", "secret-get"), calls.stream().map(ToolCall::tool).toList());
        } else {
            // ops' argv for secret_set(id, rotate=...): the policy alone, no content
            assertEquals(List.of(List.of("secret-set", "--rotate", written, "--owner", "application", uri)), sets);
        }
        SecretSnapshot secret = juju.secret(uri).orElseThrow();
        assertEquals(1, secret.latestRevision(), "a policy change makes no new revision");
        assertEquals(wanted, secret.rotate().flatMap(RotatePolicy::of).orElse(RotatePolicy.NEVER));
        assertEquals(wanted != RotatePolicy.NEVER, secret.rotates().isPresent());
    }

    @Test
    void aStaleSecretWhosePolicyAlsoChanged_getsOneNewRevision_andThePolicy() {
        String uri = juju.addAppSecret(Map.of("secret", "old"), LABEL);

        inHook("new", RotatePolicy.MONTHLY);

        SecretSnapshot secret = juju.secret(uri).orElseThrow();
        assertEquals(2, secret.latestRevision());
        assertEquals(Map.of("secret", "new"), secret.content());
        assertEquals(Optional.of("monthly"), secret.rotate());
    }

    /**
     * One leader hook that exits 0, serving dex-auth, whose client's secret in Keycloak is
     * {@code keycloakSecret}, with {@code wanted} as the configured policy: reads Juju's secrets,
     * plans, and carries out the plan's secret steps. Returns the hook tools it called.
     */
    private List<ToolCall> inHook(String keycloakSecret, RotatePolicy wanted) {
        FakeProcessRunner runner = FakeProcessRunner.inHook(juju, HookEvent.hook(juju.leader(), "config-changed"));
        int before = juju.calls().size();
        Juju hook = new Juju(new HookTools(runner), JujuContext.fromEnv(runner.env()));
        Map<String, Facts.StoredSecret> stored = new ClientSecrets(hook).stored(List.of("dex-auth"));
        Model model = new Model().rotation(wanted);
        model.add(Model.withSecret(model.ours("dex-auth", "https://dex.example.com/callback"), keycloakSecret));
        model.dex("dex-auth", "https://dex.example.com/callback");
        Facts facts = model.facts().withSecrets(stored,
                stored.values().stream().map(Facts.StoredSecret::id).toList(), List.of());
        Plan plan = Planner.plan(facts);
        Plan secretsOnly = new Plan(List.of(), List.of(), plan.served(), plan.secrets(), List.of(), List.of(),
                plan.statuses(), List.of());
        new JujuApply(hook, facts).apply(secretsOnly, Map.of("dex-auth", keycloakSecret));
        List<ToolCall> calls = juju.calls().subList(before, juju.calls().size());
        runner.finish(0);
        return List.copyOf(calls);
    }
}
