package dev.keycloakoidc.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keycloakoidc.Main;
import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.ProcessResult;
import dev.keycloakoidc.juju.ProcessRunner;
import dev.keycloakoidc.oidc.KratosProvider;
import dev.keycloakoidc.testing.DispatchDriver;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.KeycloakServer;
import dev.keycloakoidc.testing.RawAdmin;
import dev.keycloakoidc.testing.ToolCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The AOT training's canned answers cannot drift from what the charm really gets: each
 * {@link Scenario} runs twice, once as {@code tools/pack-charm} trains it (in-process, on
 * {@link CannedJuju} and {@link CannedKeycloak}) and once for real (the packed charm's
 * {@code ./dispatch}, the test suite's model of Juju, a real Keycloak). Hook by hook, the charm
 * must make the same hook-tool calls with the same answers and the same Keycloak requests with
 * the same statuses, up to what differs by nature (URLs, ids, secrets, names: mapped to the
 * training's). A charm change that calls a new tool or request, or a canned answer that no longer
 * matches, fails here rather than silently training the cache on a path no hook takes.
 */
class TrainingIT {

    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** What one hook did, as text that reads well in a failed assertion. */
    record Transcript(String hook, int exitCode, List<String> toolCalls, List<String> keycloakRequests) {
        @Override
        public String toString() {
            return hook + " exited " + exitCode + "\n  hook tools:\n    " + String.join("\n    ", toolCalls)
                    + "\n  Keycloak:\n    " + String.join("\n    ", keycloakRequests);
        }
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void theTrainingsHooks_callWhatRealHooksCall_andGetTheSameAnswers(Scenario scenario) throws Exception {
        List<Transcript> trained = trained(scenario);
        List<Transcript> real = real(scenario);
        for (int i = 0; i < trained.size(); i++) {
            assertEquals(0, trained.get(i).exitCode(), trained.get(i)::toString);
            assertEquals(trained.get(i).toString(), real.get(i).toString(),
                    "hook " + i + " of " + scenario + ": the training (expected) and a real run (actual) differ");
        }
    }

    /** The scenario as the training runs it, with a recording proxy in front of the canned Keycloak. */
    private static List<Transcript> trained(Scenario scenario) {
        List<Transcript> transcripts = new ArrayList<>();
        try (CannedKeycloak keycloak = CannedKeycloak.start(); FaultProxy proxy = FaultProxy.inFrontOf(keycloak.url())) {
            CannedJuju juju = new CannedJuju(proxy.baseUrl(), keycloak.url());
            Recorder recorder = new Recorder(juju);
            Map<String, String> names = new LinkedHashMap<>();
            names.put(proxy.baseUrl(), "<keycloak-url>");
            names.put(keycloak.url(), "<issuer-host>");
            names.put(KratosProvider.libraryDefaultId("kratos", juju.config().get("issuer")), "<kratos-provider-id>");
            for (TrainingHook hook : scenario.hooks()) {
                juju.enter(hook);
                recorder.calls.clear();
                int before = proxy.exchanges().size();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int exit = Main.run(hook.env(), new HookTools(recorder), new PrintStream(err, true, StandardCharsets.UTF_8));
                List<String> calls = recorder.calls.stream().map(c -> describe(c.argv(), c.stdin(), c.result(), names)).toList();
                transcripts.add(new Transcript(hook.dispatchPath() + " on " + hook.unit(), exit, calls,
                        normalized(proxy.exchanges().subList(before, proxy.exchanges().size()), names)));
                assertEquals(0, exit, () -> hook.dispatchPath() + " failed in training:\n" + err.toString(StandardCharsets.UTF_8));
            }
        }
        return transcripts;
    }

    /** The same hooks through the packed charm's dispatch, the model of Juju and a real Keycloak. */
    private static List<Transcript> real(Scenario scenario) throws IOException {
        KeycloakServer keycloak = KeycloakServer.shared();
        RawAdmin admin = new RawAdmin(keycloak);
        FakeJuju juju = FakeJuju.forRepo();
        String standby = juju.addUnit();
        assertEquals(List.of(CannedJuju.LEADER_UNIT, CannedJuju.STANDBY_UNIT), List.of(juju.leader(), standby));
        String realm = "trained-" + UUID.randomUUID().toString().substring(0, 8);
        String account = "account-" + realm;
        String accountSecret = admin.serviceAccount(account);
        admin.grantMasterRealmRole(account, "admin");
        Map<Scenario.AdminLogin, Map<String, String>> logins = Map.of(
                Scenario.AdminLogin.PASSWORD, Map.of("username", keycloak.adminUsername(), "password", keycloak.adminPassword()),
                Scenario.AdminLogin.SERVICE_ACCOUNT, Map.of("client-id", account, "client-secret", accountSecret));
        List<Transcript> transcripts = new ArrayList<>();
        try (FaultProxy proxy = FaultProxy.inFrontOf(keycloak.baseUrl()); DispatchDriver driver = DispatchDriver.start(juju)) {
            CannedJuju canned = new CannedJuju(proxy.baseUrl(), keycloak.baseUrl());
            String adminSecret = juju.addUserSecret(logins.get(Scenario.AdminLogin.PASSWORD));
            juju.grantSecret(adminSecret, juju.app());
            canned.config().forEach(juju::setConfig);
            juju.setConfig("realm", realm);
            juju.setConfig("issuer", keycloak.baseUrl() + "/realms/" + realm);
            juju.setConfig("admin-credentials", adminSecret);
            // The training's realm is there already, with none of the charm's clients: an earlier
            // hook made it, before any consumer came.
            HookRun made = driver.hook(juju.leader(), "config-changed");
            assertEquals(0, made.exitCode(), made.stderr());
            for (CannedJuju.Consumer consumer : CannedJuju.CONSUMERS) {
                String rel = juju.relate(consumer.endpoint(), consumer.app(), consumer.unit());
                assertEquals(consumer.relationId(), rel);
                juju.setRemoteAppData(rel, consumer.bag(keycloak.baseUrl() + "/realms/" + realm));
            }

            List<HookRun> runs = new ArrayList<>();
            List<List<String>> requests = new ArrayList<>();
            for (TrainingHook hook : scenario.hooks()) {
                juju.updateSecret(adminSecret, logins.get(hook.login()));
                int before = proxy.exchanges().size();
                runs.add(driver.run(event(hook)));
                requests.add(proxy.exchanges().subList(before, proxy.exchanges().size()));
            }

            Map<String, String> names = new LinkedHashMap<>();
            names.put(proxy.baseUrl(), "<keycloak-url>");
            names.put(keycloak.baseUrl(), "<issuer-host>");
            names.put(KratosProvider.libraryDefaultId("kratos", keycloak.baseUrl() + "/realms/" + realm), "<kratos-provider-id>");
            names.put(bare(adminSecret), bare(CannedJuju.ADMIN_SECRET));
            for (CannedJuju.Consumer consumer : CannedJuju.CONSUMERS) {
                juju.secretByLabel(consumer.secretLabel())
                        .ifPresent(s -> names.put(bare(s.uri()), consumer.secretId()));
                if (!admin.get("/admin/realms/" + realm + "/clients?clientId=" + consumer.app()).isEmpty()) {
                    names.put(admin.get("/admin/realms/" + realm + "/clients/" + admin.clientUuid(realm, consumer.app())
                            + "/client-secret").path("value").asText(), CannedKeycloak.CLIENT_SECRET_VALUE);
                }
            }
            names.put(account, Scenario.AdminLogin.SERVICE_ACCOUNT.content().get("client-id"));
            names.put(accountSecret, Scenario.AdminLogin.SERVICE_ACCOUNT.content().get("client-secret"));
            names.put(keycloak.adminPassword(), Scenario.AdminLogin.PASSWORD.content().get("password"));
            names.put(realm, CannedJuju.REALM);
            names.put(juju.modelUuid(), CannedJuju.MODEL_UUID);
            // The tests run against several Keycloak versions (application-version-set names it).
            names.put(KeycloakServer.version(), CannedKeycloak.VERSION);
            for (int i = 0; i < runs.size(); i++) {
                HookRun run = runs.get(i);
                TrainingHook hook = scenario.hooks().get(i);
                List<ToolCall> calls = juju.calls().stream().filter(c -> c.contextId().equals(run.contextId())).toList();
                // dispatch's own question, asked to choose the AOT cache; the training hands the charm the answer
                if (hook.dispatchPath().startsWith("hooks/") && !calls.isEmpty() && calls.get(0).tool().equals("is-leader")) {
                    calls = calls.subList(1, calls.size());
                }
                transcripts.add(new Transcript(hook.dispatchPath() + " on " + hook.unit(), run.exitCode(),
                        calls.stream().map(c -> describe(c.argv(), c.stdin(),
                                new ProcessResult(c.result().exitCode(), c.result().stdout(), c.result().stderr()), names)).toList(),
                        normalized(requests.get(i), names)));
            }
        }
        return transcripts;
    }

    /** The training's hook as the model of Juju runs it. */
    private static HookEvent event(TrainingHook hook) {
        String name = hook.dispatchPath().substring(hook.dispatchPath().indexOf('/') + 1);
        if (hook.dispatchPath().startsWith("actions/")) {
            return HookEvent.action(hook.unit(), name, CannedJuju.CREATE_USER_PARAMS);
        }
        String relationId = hook.extraEnv().get("JUJU_RELATION_ID");
        if (relationId != null) {
            return HookEvent.relation(hook.unit(), name.substring(hook.extraEnv().get("JUJU_RELATION").length() + 1),
                    relationId, hook.extraEnv().get("JUJU_REMOTE_UNIT"));
        }
        return HookEvent.hook(hook.unit(), name);
    }

    private static String bare(String secretUri) {
        return secretUri.substring(secretUri.lastIndexOf(':') + 1);
    }

    /** One call as a line: argv, stdin, exit code, and stdout (JSON in a canonical form) and stderr. */
    private static String describe(List<String> argv, String stdin, ProcessResult result, Map<String, String> names) {
        String line = rename(String.join(" ", argv), names) + (stdin.isEmpty() ? "" : " <<< " + canonical(stdin, names))
                + " -> " + result.exitCode();
        String out = canonical(result.stdout(), names);
        String err = rename(result.stderr(), names).strip();
        return line + (out.isEmpty() ? "" : " out: " + out) + (err.isEmpty() ? "" : " err: " + err);
    }

    private static String canonical(String text, Map<String, String> names) {
        String renamed = rename(text, names).strip();
        try {
            return CANONICAL.writeValueAsString(CANONICAL.readValue(renamed, Object.class));
        } catch (JsonProcessingException notJson) {
            return renamed;
        }
    }

    private static List<String> normalized(List<String> lines, Map<String, String> names) {
        return lines.stream().map(l -> rename(l, names)).toList();
    }

    /**
     * Replaces each name with its stand-in, longest first, then what differs on every run: ids
     * Keycloak made up, the files secret values pass through, and passwords the charm generates.
     */
    private static String rename(String text, Map<String, String> names) {
        String out = text;
        for (Map.Entry<String, String> e : names.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> n) -> n.getKey().length()).reversed())
                .collect(Collectors.toList())) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("/tmp/[^\\s\"]+", "<file>")
                .replaceAll(" password=\\S+", " password=<generated>");
    }

    /** Records every call the charm makes through the canned tools. */
    private static final class Recorder implements ProcessRunner {

        record Call(List<String> argv, String stdin, ProcessResult result) {}

        private final ProcessRunner tools;
        final List<Call> calls = new ArrayList<>();

        Recorder(ProcessRunner tools) {
            this.tools = tools;
        }

        @Override
        public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
            ProcessResult result = tools.run(argv, stdin);
            calls.add(new Call(List.copyOf(argv), new String(stdin, StandardCharsets.UTF_8), result));
            return result;
        }
    }
}
