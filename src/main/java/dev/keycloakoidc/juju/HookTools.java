package dev.keycloakoidc.juju;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One method per Juju hook tool, the only code that builds their argv. Output is always read as
 * {@code --format=json}; data goes in through stdin ({@code --file -}) and secret values through
 * temporary files ({@code key#file=path}), never argv. Free text follows {@code --} so a message
 * that starts with a dash is not taken for a flag.
 *
 * <p>The argv of each method is the one {@code ops} ({@code canonical/operator},
 * {@code ops/hookcmds/}) sends, flag order included, so the test doubles that serve a model to
 * hook tools see what they would see from a Python charm.
 *
 * <p>Every method throws {@link HookToolException} (or a subclass) when the tool exits non-zero.
 */
public final class HookTools {

    private static final byte[] NO_INPUT = new byte[0];

    private final ProcessRunner runner;

    public HookTools(ProcessRunner runner) {
        this.runner = runner;
    }

    /** {@code config-get --format=json}: set options and defaults; a secret option is its URI. */
    public Map<String, Object> configGet() {
        return json(List.of("config-get", "--format=json")).object();
    }

    /** {@code is-leader --format=json}. */
    public boolean isLeader() {
        return json(List.of("is-leader", "--format=json")).bool();
    }

    /** {@code relation-ids <endpoint> --format=json}: ids such as {@code oidc-provider:3}. */
    public List<String> relationIds(String endpoint) {
        return json(List.of("relation-ids", endpoint, "--format=json")).stringList();
    }

    /**
     * {@code relation-list --format=json --app -r <id>}: the remote application's name. ({@code ops}
     * puts {@code --app} before {@code -r}; Juju takes either order.)
     */
    public String relationRemoteApp(String relationId) {
        return json(List.of("relation-list", "--format=json", "--app", "-r", relationId)).string();
    }

    /**
     * {@code relation-list --format=json -r <id>}: the remote units that have joined, as a JSON
     * list of names such as {@code ca/0} ({@link Juju#remoteUnitBags} sorts them by unit number).
     */
    public List<String> relationUnits(String relationId) {
        return json(List.of("relation-list", "--format=json", "-r", relationId)).stringList();
    }

    /**
     * {@code relation-get --format=json -r <id> [--app] - <unitOrApp>}: the whole bag, empty when
     * the other side wrote nothing. {@code -} asks for every key; the unit or application comes
     * after it because relation-get's positional arguments are {@code [key [unit]]}.
     */
    public Map<String, String> relationGet(String relationId, String unitOrApp, boolean app) {
        List<String> argv = new ArrayList<>(List.of("relation-get", "--format=json", "-r", relationId));
        if (app) {
            argv.add("--app");
        }
        argv.add("-");
        argv.add(unitOrApp);
        return json(argv).stringMap();
    }

    /**
     * {@code relation-set -r <id> [--app] --file -} with the JSON object on stdin; an empty string
     * value deletes that key. Throws {@link PermissionDeniedException} for a non-leader app write.
     */
    public void relationSet(String relationId, Map<String, String> data, boolean app) {
        List<String> argv = new ArrayList<>(List.of("relation-set", "-r", relationId));
        if (app) {
            argv.add("--app");
        }
        // JSON on stdin rather than key=value arguments: values may hold '=', newlines or start
        // with '-', and stay out of argv.
        argv.add("--file");
        argv.add("-");
        run(argv, ToolOutput.encode(data));
    }

    /**
     * {@code status-set --application=<True|False> <status> -- <message>}. The boolean is spelled
     * the way Python prints it because that is what {@code ops} sends.
     */
    public void statusSet(String status, String message, boolean application) {
        run(List.of("status-set", "--application=" + (application ? "True" : "False"), status, "--", message));
    }

    /** {@code application-version-set -- <version>}. */
    public void applicationVersionSet(String version) {
        run(List.of("application-version-set", "--", version));
    }

    /** {@code action-get --format=json}: the params, declared defaults filled in. */
    public Map<String, Object> actionGet() {
        return json(List.of("action-get", "--format=json")).object();
    }

    /**
     * {@code action-set key=value ...}. Juju takes results only as arguments, so a value here is
     * in argv for this one call: only results meant for the operator who ran the action. An
     * exception from this call names the keys, never the values. An empty map runs nothing.
     *
     * @throws IllegalArgumentException before anything runs, for a key Juju would refuse
     *     (lowercase letters, digits and '-' between dots; {@code stdout}/{@code stderr} reserved)
     */
    public void actionSet(Map<String, String> results) {
        ResultKeys.checkActionResultKeys(results.keySet());
        if (results.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("action-set"));
        List<String> shown = new ArrayList<>(List.of("action-set"));
        results.forEach((key, value) -> {
            argv.add(key + "=" + Objects.requireNonNull(value, () -> "action result " + key + " is null"));
            shown.add(key + "=<hidden>");
        });
        run(argv, NO_INPUT, shown);
    }

    /** {@code action-fail -- <message>}. */
    public void actionFail(String message) {
        run(List.of("action-fail", "--", message));
    }

    /** {@code juju-log --log-level <level> -- <message>}. */
    public void jujuLog(LogLevel level, String message) {
        run(List.of("juju-log", "--log-level", level.name(), "--", message));
    }

    /**
     * {@code secret-add [--label L] [--description D] [--rotate P] --owner application key#file=...}:
     * returns the new secret's URI. Values travel through 0600 temporary files deleted right after.
     *
     * @throws IllegalArgumentException before anything runs, when the content is empty or a key
     *     does not match {@code ^[a-z](-?[a-z0-9]){2,}$}
     */
    public String secretAdd(Map<String, String> content, SecretMetadata metadata) {
        checkContent(content);
        List<String> argv = new ArrayList<>(List.of("secret-add"));
        metadata.label().ifPresent(l -> { argv.add("--label"); argv.add(l); });
        metadata.description().ifPresent(d -> { argv.add("--description"); argv.add(d); });
        metadata.rotate().ifPresent(p -> { argv.add("--rotate"); argv.add(p.jujuName()); });
        // Application-owned: only the leader manages it, and it outlives any one unit.
        argv.add("--owner");
        argv.add("application");
        try (SecretFiles files = new SecretFiles()) {
            argv.addAll(files.arguments(content));
            return run(argv, NO_INPUT).strip();
        }
    }

    /**
     * {@code secret-get --format=json <id> [--label L] [--peek|--refresh]}. With both id and label,
     * Juju looks the secret up by id and gives it that label for later hooks.
     */
    public Map<String, String> secretGet(String id, Optional<String> label, SecretRead mode) {
        List<String> argv = new ArrayList<>(List.of("secret-get", "--format=json", id));
        label.ifPresent(l -> { argv.add("--label"); argv.add(l); });
        switch (mode) {
            case PEEK -> argv.add("--peek");
            case REFRESH -> argv.add("--refresh");
            case TRACKED -> { }
        }
        return json(argv).stringMap();
    }

    /**
     * {@code secret-set --owner application <id> key#file=...}: a new revision with this content.
     * {@code ops} always sends {@code --owner} (Juju ignores it on secret-set); sent here too so
     * the argv matches.
     *
     * @throws IllegalArgumentException before anything runs, as {@link #secretAdd} does
     */
    public void secretSet(String id, Map<String, String> content) {
        checkContent(content);
        List<String> argv = new ArrayList<>(List.of("secret-set", "--owner", "application", id));
        try (SecretFiles files = new SecretFiles()) {
            argv.addAll(files.arguments(content));
            run(argv, NO_INPUT);
        }
    }

    /**
     * {@code secret-set --rotate <policy> --owner application <id>}, no content: the rotation policy
     * alone changes, and no new revision is made ({@code never} stops the schedule). Flag order
     * as {@code ops} sends it.
     */
    public void secretSetRotation(String id, RotatePolicy policy) {
        run(List.of("secret-set", "--rotate", policy.jujuName(), "--owner", "application", id));
    }

    /**
     * {@code secret-grant --relation <relationId> <id>}: lets the remote application of that
     * relation read the secret. Juju accepts {@code endpoint:N} there and reads only the number
     * after the last colon (the endpoint is not checked).
     */
    public void secretGrant(String id, String relationId) {
        run(List.of("secret-grant", "--relation", relationId, id));
    }

    /** {@code secret-remove <id> [--revision N]}: without a revision, every revision goes. */
    public void secretRemove(String id, OptionalInt revision) {
        List<String> argv = new ArrayList<>(List.of("secret-remove", id));
        revision.ifPresent(r -> { argv.add("--revision"); argv.add(Integer.toString(r)); });
        run(argv);
    }

    /**
     * {@code secret-ids --format=json}: bare ids of the secrets this unit owns, and of its
     * application's when it leads, those added earlier in this hook included.
     */
    public List<String> secretIds() {
        return json(List.of("secret-ids", "--format=json")).stringList();
    }

    /**
     * {@code secret-info-get --format=json <id>}. Juju prints {@code {"<id>": {...}}} keyed by the
     * short id (without {@code secret:}); {@link SecretInfo#id()} is that key. An empty label
     * (Juju prints {@code ""} for none) is {@link Optional#empty()}.
     */
    public SecretInfo secretInfoGet(String id) {
        return secretInfo(List.of("secret-info-get", "--format=json", id));
    }

    /**
     * {@code secret-info-get --format=json --label <label>}: the owned secret with that label, or
     * empty when this application owns none by that label.
     */
    public Optional<SecretInfo> secretInfoByLabel(String label) {
        try {
            return Optional.of(secretInfo(List.of("secret-info-get", "--format=json", "--label", label)));
        } catch (SecretNotFoundException e) {
            return Optional.empty();
        }
    }

    private SecretInfo secretInfo(List<String> argv) {
        ToolOutput output = json(argv);
        JsonNode tree = output.tree();
        if (!tree.isObject() || tree.size() != 1) {
            throw output.unexpected("one {\"<id>\": {...}} entry");
        }
        Map.Entry<String, JsonNode> entry = tree.properties().iterator().next();
        JsonNode info = entry.getValue();
        JsonNode revision = info.path("revision");
        if (!revision.isIntegralNumber() || !revision.canConvertToInt()) {
            throw output.unexpected("an entry with an integer revision");
        }
        Optional<String> rotation = optionalText(info, "rotation");
        Optional<RotatePolicy> policy = rotation.flatMap(RotatePolicy::of);
        if (rotation.isPresent() && policy.isEmpty()) {
            throw output.unexpected("a rotation policy Juju knows (never, hourly, ... yearly)");
        }
        return new SecretInfo(entry.getKey(), revision.intValue(),
                optionalText(info, "label"), optionalText(info, "owner"), policy, optionalText(info, "expiry"));
    }

    /** {@code state-get --format=json}: this unit's key-value store. */
    public Map<String, String> stateGet() {
        return json(List.of("state-get", "--format=json")).stringMap();
    }

    /** {@code state-set --file -}: merges; committed only if the hook exits 0. */
    public void stateSet(Map<String, String> values) {
        run(List.of("state-set", "--file", "-"), ToolOutput.encode(values));
    }

    private static void checkContent(Map<String, String> content) {
        ResultKeys.checkSecretKeys(content.keySet());
        content.forEach((key, value) -> Objects.requireNonNull(value, () -> "secret content " + key + " is null"));
    }

    private static Optional<String> optionalText(JsonNode info, String field) {
        JsonNode value = info.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    private ToolOutput json(List<String> argv) {
        return new ToolOutput(argv, run(argv, NO_INPUT));
    }

    private String run(List<String> argv) {
        return run(argv, NO_INPUT);
    }

    private String run(List<String> argv, byte[] stdin) {
        return run(argv, stdin, argv);
    }

    /**
     * Runs one tool and returns its stdout. {@code shown} is the argv that exceptions carry: the
     * same as {@code argv} except for action-set, whose values stay out of logs.
     */
    private String run(List<String> argv, byte[] stdin, List<String> shown) {
        ProcessResult result;
        try {
            result = runner.run(List.copyOf(argv), stdin);
        } catch (IOException e) {
            throw HookToolErrors.notStarted(shown, e);
        }
        if (result.exitCode() != 0) {
            throw HookToolErrors.of(shown, result.exitCode(), result.stderr());
        }
        return result.stdout();
    }
}
