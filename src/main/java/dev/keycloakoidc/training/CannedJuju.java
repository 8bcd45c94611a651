package dev.keycloakoidc.training;

import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.juju.ProcessResult;
import dev.keycloakoidc.juju.ProcessRunner;
import dev.keycloakoidc.juju.SystemProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hook tools of the training, answering as Juju would on a small model: two units of
 * keycloak-oidc, one consumer on each of its endpoints ({@link #CONSUMERS}), an admin secret, and
 * what the hooks themselves set (relation data, the consumers' client secrets). Each call is a
 * real child process, as in a hook: the process code is part of what the cache holds.
 *
 * <p>A tool it has no answer for fails the call (and with it the training, and the build):
 * training on a made-up answer would cache the wrong classes. {@code TrainingIT} runs the same
 * hooks against the test suite's model of Juju and a real Keycloak, and fails when an answer here
 * differs from the real one.
 */
public final class CannedJuju implements ProcessRunner {

    public static final String LEADER_UNIT = "keycloak-oidc/0";
    public static final String STANDBY_UNIT = "keycloak-oidc/1";
    public static final String MODEL_NAME = "training";
    public static final String MODEL_UUID = "6f1e0b7a-0000-4000-8000-000000000000";
    public static final String REALM = "kubeflow";
    public static final String ADMIN_SECRET = "secret:d0000000000000000000";
    /** The admin secret as the charm names it to Juju: the full form, in this model. */
    private static final String ADMIN_SECRET_URI = "secret://" + MODEL_UUID + "/d0000000000000000000";

    /**
     * One consumer of the training's model: its relation (numbered in the order of
     * {@link #CONSUMERS}, as Juju numbers relations in the order they are made), its application,
     * and what that application wrote in its bag.
     */
    public record Consumer(String relationId, String app, Map<String, String> bag) {

        public String endpoint() {
            return relationId.substring(0, relationId.indexOf(':'));
        }

        public String unit() {
            return app + "/0";
        }

        /**
         * What the application wrote, in a model whose issuer is {@code issuer}: Kratos answers
         * for the provider id the charm sent, which hashes the issuer; the others' are fixed.
         */
        public Map<String, String> bag(String issuer) {
            if (!endpoint().equals(KRATOS_ENDPOINT)) {
                return bag;
            }
            Map<String, String> registration = new LinkedHashMap<>();
            registration.put("provider_id", kratosProviderId(app, issuer));
            registration.put("redirect_uri", kratosRedirect(app, issuer));
            return Map.of("providers", Json.write(List.of(registration)));
        }

        /** The label of the Juju secret the leader adds for this consumer's client secret. */
        public String secretLabel() {
            return "client-secret-" + app;
        }

        /** That secret's bare id, as the training numbers them. */
        public String secretId() {
            return String.format("c%019d", CONSUMERS.indexOf(this));
        }

        /** That secret's URI as Juju 3.x's {@code secret-add} prints it, and the charm hands it out. */
        public String secretUri() {
            return "secret://" + MODEL_UUID + "/" + secretId();
        }
    }

    /**
     * One consumer on each endpoint, so that every endpoint's classes go into the cache; the
     * oauth requirer asks for every grant but the device's and for an audience, so that the flows
     * and audience mappers do too.
     */
    public static final List<Consumer> CONSUMERS = List.of(
            new Consumer("oidc-provider:0", "dex-auth", Map.of("redirect_uri", "https://kubeflow.example.com/dex/callback")),
            new Consumer("dex-oidc-config:1", "stock-dex", Map.of("issuer-url", "https://dex.example.com/dex")),
            new Consumer("oauth:2", "grafana", Map.of(
                    "redirect_uri", "https://grafana.example.com/login/generic_oauth",
                    "scope", "openid email offline_access",
                    "grant_types", "[\"authorization_code\", \"refresh_token\", \"client_credentials\"]",
                    "audience", "[\"training\"]",
                    "token_endpoint_auth_method", "client_secret_basic")),
            new Consumer("kratos-external-idp:3", "kratos", Map.of()));

    static final String KRATOS_ENDPOINT = "kratos-external-idp";

    /**
     * The provider id the charm sends Kratos for {@code clientId}: the library's default,
     * {@code generic_<sha1(client_id + "_" + issuer_url)>}, as {@code oidc.KratosProvider} makes it
     * (a package the training does not use; TrainingIT holds the two equal through the real run).
     */
    static String kratosProviderId(String clientId, String issuer) {
        try {
            return "generic_" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest((clientId + "_" + issuer).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Kratos' callback for that provider, as kratos-operator answers with it. */
    static String kratosRedirect(String clientId, String issuer) {
        return "https://kratos.example.com/self-service/methods/oidc/callback/" + kratosProviderId(clientId, issuer);
    }
    /** The action's parameters, with the defaults actions.yaml gives them. */
    public static final Map<String, Object> CREATE_USER_PARAMS = Map.of("username", "alice", "email", "alice@example.com",
            "temporary-password", false);

    /** Tools that only write: Juju answers them with nothing. */
    private static final Set<String> WRITERS = Set.of("status-set", "juju-log", "application-version-set",
            "secret-set", "state-set", "action-set", "action-log");

    private final SystemProcessRunner system = new SystemProcessRunner();
    private final Map<String, String> config;
    /** What this application wrote, by relation id. */
    private final Map<String, Map<String, String>> published = new HashMap<>();
    /** The labels of the client secrets added. */
    private final Set<String> secretsAdded = new LinkedHashSet<>();
    /** The relations each client secret was granted to, by secret id. */
    private final Map<String, Set<String>> grants = new HashMap<>();
    private TrainingHook hook;

    /**
     * @param keycloakUrl  {@code keycloak-url}, where the admin API is
     * @param issuerHost   scheme, host and port of the realm's issuer (for the training, the same)
     */
    public CannedJuju(String keycloakUrl, String issuerHost) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("keycloak-url", keycloakUrl);
        options.put("admin-credentials", ADMIN_SECRET);
        options.put("admin-realm", "master");
        options.put("realm", REALM);
        options.put("issuer", issuerHost + "/realms/" + REALM);
        options.put("scopes", "openid profile email");
        options.put("username-key", "preferred_username");
        options.put("connector-id", "keycloak");
        options.put("connector-name", "Keycloak");
        options.put("ca-cert", "");
        options.put("secret-rotation", "never");
        options.put("kratos-label", "Keycloak");
        this.config = Map.copyOf(options);
    }

    /** What {@code config-get} shows. */
    public Map<String, String> config() {
        return config;
    }

    /** The hook the next calls belong to. */
    public void enter(TrainingHook hook) {
        this.hook = hook;
    }

    @Override
    public ProcessResult run(List<String> argv, byte[] stdin) throws IOException {
        String tool = argv.get(0);
        Optional<Consumer> consumer = after(argv, "-r").flatMap(CannedJuju::consumer);
        String out = "";
        String error = "";
        int code = 0;
        switch (tool) {
            case "is-leader" -> out = Boolean.toString(hook.leader());
            case "config-get" -> out = Json.write(config);
            case "secret-get" -> out = Json.write(argv.contains(ADMIN_SECRET_URI) ? hook.login().content()
                    : Map.of("secret", CannedKeycloak.CLIENT_SECRET_VALUE));
            case "relation-ids" -> out = Json.write(CONSUMERS.stream().filter(c -> c.endpoint().equals(argv.get(1)))
                    .map(Consumer::relationId).toList());
            case "relation-list" -> out = argv.contains("--app") ? Json.write(consumer.orElseThrow().app())
                    : Json.write(List.of(consumer.orElseThrow().unit()));
            case "relation-get" -> out = Json.write(argv.contains(consumer.orElseThrow().app()) ? consumer.get().bag(config.get("issuer"))
                    : published.getOrDefault(consumer.get().relationId(), Map.of()));
            case "relation-set" -> publish(consumer.orElseThrow().relationId(), stdin);
            case "secret-info-get" -> {
                Optional<Consumer> owner = after(argv, "--label")
                        .flatMap(label -> CONSUMERS.stream().filter(c -> c.secretLabel().equals(label)).findFirst())
                        .filter(c -> secretsAdded.contains(c.secretLabel()));
                if (owner.isPresent()) {
                    out = Json.write(Map.of(owner.get().secretId(), info(owner.get())));
                } else {
                    error = "ERROR secret \"" + after(argv, "--label").orElse("") + "\" not found\n";
                    code = 1;
                }
            }
            case "secret-add" -> {
                Consumer owner = CONSUMERS.stream().filter(c -> c.secretLabel().equals(after(argv, "--label").orElse("")))
                        .findFirst().orElseThrow();
                secretsAdded.add(owner.secretLabel());
                out = owner.secretUri() + "\n";
            }
            // Juju prints null, a Go nil slice, while the application owns no secret (jujuc/secret-ids.go).
            case "secret-ids" -> out = secretsAdded.isEmpty() ? "null" : Json.write(CONSUMERS.stream()
                    .filter(c -> secretsAdded.contains(c.secretLabel())).map(Consumer::secretId).toList());
            case "secret-grant" -> grants.computeIfAbsent(argv.get(argv.size() - 1), id -> new LinkedHashSet<>())
                    .add(after(argv, "--relation").orElseThrow());
            case "action-get" -> out = Json.write(CREATE_USER_PARAMS);
            case "state-get" -> out = "{}";
            default -> {
                if (!WRITERS.contains(tool)) {
                    error = "ERROR the AOT training has no answer for " + tool + ": teach dev.keycloakoidc.training.CannedJuju\n";
                    code = 1;
                }
            }
        }
        // A real child process per call, as in a hook: the process code is part of what is cached.
        return system.run(List.of("/bin/sh", "-c", "printf %s \"$1\"; printf %s \"$2\" >&2; exit \"$3\"",
                "sh", out, error, Integer.toString(code)), stdin);
    }

    private static Optional<Consumer> consumer(String relationId) {
        return CONSUMERS.stream().filter(c -> c.relationId().equals(relationId)).findFirst();
    }

    /** What {@code secret-info-get} shows of a consumer's client secret: who it was granted to, if anyone. */
    private Map<String, Object> info(Consumer consumer) {
        Map<String, Object> info = new LinkedHashMap<>(Map.of("revision", 1, "label", consumer.secretLabel(),
                "owner", "application",
                "description", "client secret of Keycloak client " + consumer.app() + " in realm " + REALM));
        List<Map<String, String>> access = grants.getOrDefault(consumer.secretUri(), Set.of()).stream()
                .map(relationId -> Map.of("target", "application-" + consumer(relationId).orElseThrow().app(),
                        "scope", "relation-" + relationId, "role", "view"))
                .toList();
        if (!access.isEmpty()) {
            info.put("access", access);
        }
        return info;
    }

    private static Optional<String> after(List<String> argv, String flag) {
        int at = argv.indexOf(flag);
        return at >= 0 && at + 1 < argv.size() ? Optional.of(argv.get(at + 1)) : Optional.empty();
    }

    private void publish(String relationId, byte[] stdin) throws IOException {
        Map<String, String> merged = new HashMap<>(published.getOrDefault(relationId, Map.of()));
        Json.parse(stdin).properties().forEach(e -> {
            if (e.getValue().asText().isEmpty()) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), e.getValue().asText());
            }
        });
        published.put(relationId, Map.copyOf(merged));
    }
}
