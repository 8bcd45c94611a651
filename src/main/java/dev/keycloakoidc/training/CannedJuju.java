package dev.keycloakoidc.training;

import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.juju.ProcessResult;
import dev.keycloakoidc.juju.ProcessRunner;
import dev.keycloakoidc.juju.SystemProcessRunner;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hook tools of the training, answering as Juju would on a small model: two units of
 * keycloak-oidc, one consumer ({@code dex-auth}) on {@code oidc-provider}, an admin secret, and
 * what the hooks themselves set (relation data, the consumer's client secret). Each call is a
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
    public static final String ENDPOINT = "oidc-provider";
    public static final String RELATION_ID = ENDPOINT + ":0";
    public static final String CONSUMER_APP = "dex-auth";
    public static final String CONSUMER_UNIT = CONSUMER_APP + "/0";
    public static final String REDIRECT_URI = "https://kubeflow.example.com/dex/callback";
    /** The Juju secret the leader adds for the consumer's client secret. */
    public static final String CLIENT_SECRET = "secret:c0000000000000000000";
    /** The action's parameters, with the defaults actions.yaml gives them. */
    public static final Map<String, Object> CREATE_USER_PARAMS = Map.of("username", "alice", "email", "alice@example.com",
            "temporary-password", false);

    /** Tools that only write: Juju answers them with nothing. */
    private static final Set<String> WRITERS = Set.of("status-set", "juju-log", "application-version-set",
            "secret-grant", "secret-set", "state-set", "action-set", "action-log");

    private final SystemProcessRunner system = new SystemProcessRunner();
    private final Map<String, String> config;
    private Map<String, String> published = Map.of();
    private boolean clientSecretAdded;
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
        String out = "";
        String error = "";
        int code = 0;
        switch (tool) {
            case "is-leader" -> out = Boolean.toString(hook.leader());
            case "config-get" -> out = Json.write(config);
            case "secret-get" -> out = Json.write(argv.contains(ADMIN_SECRET) ? hook.login().content()
                    : Map.of("secret", CannedKeycloak.CLIENT_SECRET_VALUE));
            case "relation-ids" -> out = argv.contains(ENDPOINT) ? Json.write(List.of(RELATION_ID)) : "[]";
            case "relation-list" -> out = argv.contains("--app") ? Json.write(CONSUMER_APP) : Json.write(List.of(CONSUMER_UNIT));
            case "relation-get" -> out = Json.write(argv.contains(CONSUMER_APP) ? Map.of("redirect_uri", REDIRECT_URI) : published);
            case "relation-set" -> publish(stdin);
            case "secret-info-get" -> {
                if (clientSecretAdded) {
                    out = Json.write(Map.of(CLIENT_SECRET.substring("secret:".length()), Map.of(
                            "revision", 1, "label", "client-secret-" + CONSUMER_APP, "owner", "application",
                            "description", "client secret of Keycloak client " + CONSUMER_APP + " in realm " + REALM,
                            "access", List.of(Map.of("target", "application-" + CONSUMER_APP,
                                    "scope", "relation-" + RELATION_ID, "role", "view")))));
                } else {
                    error = "ERROR secret \"client-secret-" + CONSUMER_APP + "\" not found\n";
                    code = 1;
                }
            }
            case "secret-add" -> {
                clientSecretAdded = true;
                out = CLIENT_SECRET + "\n";
            }
            case "secret-ids" -> out = clientSecretAdded ? Json.write(List.of(CLIENT_SECRET.substring("secret:".length()))) : "[]";
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

    private void publish(byte[] stdin) throws IOException {
        Map<String, String> merged = new HashMap<>(published);
        Json.parse(stdin).properties().forEach(e -> {
            if (e.getValue().asText().isEmpty()) {
                merged.remove(e.getKey());
            } else {
                merged.put(e.getKey(), e.getValue().asText());
            }
        });
        published = Map.copyOf(merged);
    }
}
