package dev.keycloakoidc.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An in-memory Juju model holding one application of the charm under test, served at the
 * hook-tool boundary: {@link #call} runs any hook tool by argv with Juju's output and errors.
 * A test sets the model up (units, leader, config, relations, secrets), runs one hook through
 * {@link FakeProcessRunner} or {@link DispatchDriver}, and reads the model back: state in, event,
 * state out, as the {@code ops} framework's Scenario does.
 *
 * <p>Setup is checked against the charm's yaml (unknown endpoint, option, action or a wrong type
 * throws {@link IllegalArgumentException}) and refused while a hook runs (change the model
 * between hooks, as Juju would). Relation data, secrets and unit state written by a hook are
 * committed only if it exits 0; statuses, the application version, logs and action results
 * apply at once.
 */
public final class FakeJuju {

    static final String JUJU_VERSION = "3.6.0";

    private final CharmSpec spec;
    private final String app;
    private final String modelName;
    private final String modelUuid;
    private final List<String> units = new ArrayList<>();
    private String leader;
    private int nextUnit;
    private final Map<String, Object> config = new TreeMap<>();
    private ModelData committed = new ModelData();
    private final Map<String, List<StatusEntry>> unitStatus = new TreeMap<>();
    private final List<StatusEntry> appStatus = new ArrayList<>();
    private String appVersion;
    private final List<LogEntry> logs = new ArrayList<>();
    private final List<ToolCall> calls = new ArrayList<>();
    private final List<HookRun> hookRuns = new ArrayList<>();
    private final Random random = new Random(42);
    private HookContext open;
    private int nextContext;
    private int nextRelation;
    private final HookToolCommands commands = new HookToolCommands();
    private final List<Consumer<HookRun>> commitChecks = new ArrayList<>();
    private LeadershipMove pendingMove;

    private FakeJuju(CharmSpec spec, String app, String modelName, String modelUuid) {
        this.spec = spec;
        this.app = app;
        this.modelName = modelName;
        this.modelUuid = modelUuid;
        addUnit();
        leader = units.get(0);
    }

    /** A model named {@code test-model} with one unit, {@code <charm>/0}, the leader. */
    public static FakeJuju forCharm(Path charmDir) {
        CharmSpec spec = CharmSpec.load(charmDir);
        return new FakeJuju(spec, spec.name(), "test-model", "a5d3b3e2-8a7c-4c2f-9d3e-4b1f6e0c7a11");
    }

    /** The charm of the repository the tests run in (Maven's {@code basedir}). */
    public static FakeJuju forRepo() {
        return forCharm(Path.of(System.getProperty("basedir", ".")));
    }

    // ---- the model as a test sets it up -------------------------------------------------------

    public synchronized String app() {
        return app;
    }

    public String modelName() {
        return modelName;
    }

    public String modelUuid() {
        return modelUuid;
    }

    public CharmSpec spec() {
        return spec;
    }

    /** Adds {@code <app>/N} and returns its name. */
    public synchronized String addUnit() {
        String unit = app + "/" + nextUnit++;
        units.add(unit);
        return unit;
    }

    public synchronized List<String> units() {
        return List.copyOf(units);
    }

    public synchronized void setLeader(String unit) {
        requireIdle();
        requireUnit(unit);
        leader = unit;
    }

    /**
     * Leadership passes to {@code toUnit} during the next hook, just before the first tool call
     * whose argv {@code when} matches is answered (argv[0] is the tool's bare name): the lease of
     * the unit running the hook ran out mid-hook ({@code is-leader} promises 30 s). Juju's hook
     * context calls {@code IsLeader} again in every leader-only operation (CreateSecret,
     * UpdateSecret, GrantSecret, SetApplicationStatus, ... in
     * worker/uniter/runner/context/context.go), so the calls from then on get
     * {@code ERROR this unit is not the leader}.
     */
    public synchronized void moveLeadershipDuringNextHook(String toUnit, Predicate<List<String>> when) {
        requireIdle();
        requireUnit(toUnit);
        pendingMove = new LeadershipMove(toUnit, when);
    }

    private record LeadershipMove(String toUnit, Predicate<List<String>> when) {}

    public synchronized String leader() {
        return leader;
    }

    public synchronized boolean isLeader(String unit) {
        return unit.equals(leader);
    }

    /**
     * Sets an option as {@code juju config} would; {@code null} resets it to its default.
     *
     * @throws IllegalArgumentException for an option not in config.yaml or a value of the wrong type
     */
    public synchronized FakeJuju setConfig(String key, Object value) {
        requireIdle();
        CharmSpec.ConfigOption option = spec.options().get(key);
        if (option == null) {
            throw new IllegalArgumentException("config option \"" + key + "\" is not in config.yaml (options: " + spec.options().keySet() + ")");
        }
        if (value == null) {
            config.remove(key);
            return this;
        }
        boolean ok = switch (option.type()) {
            case "string" -> value instanceof String;
            case "int" -> value instanceof Integer || value instanceof Long;
            case "float" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "secret" -> value instanceof String s && Secrets.parseUri(s).isPresent();
            default -> throw new IllegalArgumentException("config.yaml: option " + key + " has unknown type " + option.type());
        };
        if (!ok) {
            throw new IllegalArgumentException("config option \"" + key + "\" is of type " + option.type()
                    + (option.type().equals("secret") ? " (a secret URI, secret:<id>)" : "") + ", not " + value.getClass().getSimpleName() + " " + value);
        }
        config.put(key, option.type().equals("float") ? ((Number) value).doubleValue() : value);
        return this;
    }

    /** What {@code config-get} shows: set options and defaults (options with neither are absent). */
    public synchronized Map<String, Object> config() {
        Map<String, Object> out = new TreeMap<>();
        spec.options().values().forEach(o -> o.defaultValue().ifPresent(d -> out.put(o.name(), d)));
        out.putAll(config);
        return out;
    }

    /**
     * Relates {@code endpoint} to {@code remoteApp} with these remote units and returns the
     * relation id, {@code endpoint:N}.
     */
    public synchronized String relate(String endpoint, String remoteApp, String... remoteUnits) {
        requireIdle();
        if (!spec.endpoints().containsKey(endpoint)) {
            throw new IllegalArgumentException("endpoint \"" + endpoint + "\" is not in metadata.yaml (endpoints: " + spec.endpoints().keySet() + ")");
        }
        RelationData r = new RelationData(nextRelation++, endpoint, remoteApp);
        for (String u : remoteUnits) {
            addRemoteUnit(r, u);
        }
        committed.relations.put(r.id, r);
        return r.ref();
    }

    public synchronized void addRemoteUnit(String relationId, String remoteUnit) {
        requireIdle();
        addRemoteUnit(rel(relationId), remoteUnit);
    }

    private static void addRemoteUnit(RelationData r, String unit) {
        if (!unit.startsWith(r.remoteApp + "/")) {
            throw new IllegalArgumentException("remote unit " + unit + " is not a unit of " + r.remoteApp);
        }
        if (!r.remoteUnits.contains(unit)) {
            r.remoteUnits.add(unit);
        }
    }

    /** The unit leaves (after its {@code -departed} hook); its bag stays readable, as in Juju. */
    public synchronized void removeRemoteUnit(String relationId, String remoteUnit) {
        requireIdle();
        rel(relationId).remoteUnits.remove(remoteUnit);
    }

    /** The relation is gone (after {@code -broken}); grants made over it go with it. */
    public synchronized void removeRelation(String relationId) {
        requireIdle();
        RelationData r = rel(relationId);
        committed.relations.remove(r.id);
        committed.secrets.values().forEach(s -> s.relationGrants.remove(r.id));
    }

    public synchronized List<String> relationIds(String endpoint) {
        return committed.relations.values().stream().filter(r -> r.endpoint.equals(endpoint)).map(RelationData::ref).toList();
    }

    public synchronized String remoteApp(String relationId) {
        return rel(relationId).remoteApp;
    }

    public synchronized List<String> remoteUnits(String relationId) {
        return List.copyOf(rel(relationId).remoteUnits);
    }

    /** Replaces the remote application's bag (what the other side's leader wrote). */
    public synchronized void setRemoteAppData(String relationId, Map<String, String> data) {
        requireIdle();
        replace(rel(relationId).remoteAppBag, data);
    }

    public synchronized void setRemoteUnitData(String relationId, String remoteUnit, Map<String, String> data) {
        requireIdle();
        RelationData r = rel(relationId);
        replace(r.remoteUnitBags.computeIfAbsent(remoteUnit, u -> new TreeMap<>()), data);
    }

    /** State in: what this application's leader wrote in an earlier hook. */
    public synchronized void setLocalAppData(String relationId, Map<String, String> data) {
        requireIdle();
        replace(rel(relationId).localApp, data);
    }

    public synchronized void setLocalUnitData(String relationId, String unit, Map<String, String> data) {
        requireIdle();
        replace(rel(relationId).localUnit(unit), data);
    }

    public synchronized Map<String, String> localAppData(String relationId) {
        return RelationData.view(rel(relationId).localApp);
    }

    public synchronized Map<String, String> localUnitData(String relationId, String unit) {
        return RelationData.view(rel(relationId).localUnits.getOrDefault(unit, Map.of()));
    }

    public synchronized Map<String, String> remoteAppData(String relationId) {
        return RelationData.view(rel(relationId).remoteAppBag);
    }

    public synchronized Map<String, String> remoteUnitData(String relationId, String remoteUnit) {
        return RelationData.view(rel(relationId).remoteUnitBags.getOrDefault(remoteUnit, Map.of()));
    }

    /** A user secret ({@code juju add-secret}), not yet granted to anyone; returns its URI. */
    public synchronized String addUserSecret(Map<String, String> content) {
        return addSecret("model", modelName, content, null);
    }

    /** {@code juju grant-secret <secret> <app>}. */
    public synchronized void grantSecret(String uri, String toApp) {
        requireIdle();
        secretData(uri).appGrants.add(toApp);
    }

    /** {@code juju revoke-secret <secret> <app>}. */
    public synchronized void revokeSecret(String uri, String fromApp) {
        requireIdle();
        secretData(uri).appGrants.remove(fromApp);
    }

    /** State in: a secret this application created in an earlier hook; its URI as {@code secret-add} printed it. */
    public synchronized String addAppSecret(Map<String, String> content, String label) {
        return "secret://" + modelUuid + "/" + Secrets.parseUri(addSecret("application", app, content, label)).orElseThrow();
    }

    /** A secret owned by the remote application of a relation and granted to this one over it. */
    public synchronized String addRemoteSecret(String relationId, Map<String, String> content) {
        RelationData r = rel(relationId);
        String uri = addSecret("application", r.remoteApp, content, null);
        secretData(uri).relationGrants.put(r.id, app);
        return uri;
    }

    private String addSecret(String ownerKind, String owner, Map<String, String> content, String label) {
        requireIdle();
        SecretData s = new SecretData(newSecretId(), ownerKind, owner);
        s.label = label;
        s.addRevision(content);
        committed.secrets.put(s.id, s);
        return s.uri();
    }

    /** A new revision by its owner outside any hook ({@code juju update-secret}); returns it. */
    public synchronized int updateSecret(String uri, Map<String, String> content) {
        requireIdle();
        return secretData(uri).addRevision(content);
    }

    /**
     * A secret gone from the model outside any hook, every revision and grant with it: what a
     * charm finds after someone removed it by hand or restored the model from an old backup.
     */
    public synchronized void removeSecret(String uri) {
        requireIdle();
        committed.secrets.remove(secretData(uri).id);
    }

    public synchronized Optional<SecretSnapshot> secret(String uri) {
        return Secrets.parseUri(uri).map(committed.secrets::get).map(FakeJuju::snapshot);
    }

    /** Every committed secret, user secrets included. */
    public synchronized List<SecretSnapshot> secrets() {
        return committed.secrets.values().stream().map(FakeJuju::snapshot).toList();
    }

    /** The secret this application owns with this owner label. */
    public synchronized Optional<SecretSnapshot> secretByLabel(String label) {
        return committed.secrets.values().stream().filter(s -> s.ownedBy(app, "") && label.equals(s.label)).findFirst().map(FakeJuju::snapshot);
    }

    private static SecretSnapshot snapshot(SecretData s) {
        Map<Integer, Map<String, String>> revs = new TreeMap<>();
        s.revisions.forEach((k, v) -> revs.put(k, Map.copyOf(v)));
        Map<String, String> grants = new TreeMap<>();
        s.relationGrants.forEach((k, v) -> grants.put(String.valueOf(k), v));
        return new SecretSnapshot(s.uri(), s.ownerKind, s.ownerName, Optional.ofNullable(s.label), Optional.ofNullable(s.description),
                Optional.ofNullable(s.rotate), Optional.ofNullable(s.rotates), Optional.ofNullable(s.expire),
                Collections.unmodifiableMap(revs), grants, Collections.unmodifiableSet(new TreeSet<>(s.appGrants)),
                Map.copyOf(s.tracked), Map.copyOf(s.consumerLabels));
    }

    /** A unit's committed {@code state-set} store. */
    public synchronized Map<String, String> unitState(String unit) {
        return Map.copyOf(committed.unitState.getOrDefault(unit, Map.of()));
    }

    public synchronized void setUnitState(String unit, Map<String, String> state) {
        requireIdle();
        replace(committed.state(unit), state);
    }

    public synchronized StatusEntry unitStatus(String unit) {
        List<StatusEntry> h = unitStatus.getOrDefault(unit, List.of());
        return h.isEmpty() ? StatusEntry.UNKNOWN : h.get(h.size() - 1);
    }

    public synchronized List<StatusEntry> unitStatusHistory(String unit) {
        return List.copyOf(unitStatus.getOrDefault(unit, List.of()));
    }

    public synchronized StatusEntry appStatus() {
        return appStatus.isEmpty() ? StatusEntry.UNKNOWN : appStatus.get(appStatus.size() - 1);
    }

    public synchronized List<StatusEntry> appStatusHistory() {
        return List.copyOf(appStatus);
    }

    public synchronized Optional<String> applicationVersion() {
        return Optional.ofNullable(appVersion);
    }

    public synchronized List<LogEntry> logs() {
        return List.copyOf(logs);
    }

    /** Every hook-tool call so far, in order. */
    public synchronized List<ToolCall> calls() {
        return List.copyOf(calls);
    }

    /** Every hook or action that ended, in order. */
    public synchronized List<HookRun> hookRuns() {
        return List.copyOf(hookRuns);
    }

    // ---- hooks ---------------------------------------------------------------------------------

    /**
     * Starts a hook: its tools see a working copy of the model until {@link #end}. Juju runs one
     * hook at a time per unit; the fake runs one at a time per model.
     *
     * @throws IllegalArgumentException for an unknown unit, relation or action, or action
     *     parameters that {@code actions.yaml} refuses
     * @throws IllegalStateException when another hook is still running
     */
    public synchronized HookContext begin(HookEvent event) {
        requireIdle();
        requireUnit(event.unit());
        event.relationId().ifPresent(this::rel);
        ActionRun action = null;
        if (event.kind() == HookEvent.Kind.ACTION) {
            CharmSpec.ActionSpec a = spec.actions().get(event.name());
            if (a == null) {
                throw new IllegalArgumentException("action \"" + event.name() + "\" is not in actions.yaml (actions: " + spec.actions().keySet() + ")");
            }
            action = new ActionRun(event.name(), new UUID(random.nextLong(), random.nextLong()).toString(),
                    ActionParams.validate(a, event.actionParams()));
        }
        event.secretId().ifPresent(this::secretData);
        String id = event.unit() + "-" + (event.name().isEmpty() ? "exec" : event.name()) + "-" + nextContext++;
        open = new HookContext(id, event, committed.copy(), action, isLeader(event.unit()));
        return open;
    }

    /**
     * Ends a hook: exit 0 commits its relation, secret and state changes; anything else drops them.
     * A hook that exits 0 after a tool queued a change the controller refuses
     * ({@link HookContext#commitRefusal}) commits nothing and ends as failed, exit code 1, with
     * the uniter's {@code cannot apply changes} on its stderr.
     */
    public synchronized HookRun end(HookContext ctx, int exitCode) {
        return end(ctx, exitCode, "", "", Duration.ZERO);
    }

    public synchronized HookRun end(HookContext ctx, int exitCode, String stdout, String stderr, Duration duration) {
        if (open != ctx) {
            throw new IllegalStateException("hook context " + ctx.id() + " is not the running hook");
        }
        pendingMove = null;
        if (exitCode == 0 && ctx.commitRefusal != null) {
            // The uniter's Flush sends the hook's changes in one CommitHookChanges call; when the
            // controller refuses it, nothing is applied and the hook fails (worker/uniter/runner/
            // context/context.go, doFlush: "cannot apply changes").
            exitCode = 1;
            stderr = stderr + "ERROR cannot apply changes: " + ctx.commitRefusal + "\n";
        }
        if (exitCode == 0) {
            ModelData before = committed;
            committed = ctx.data;
            if (ctx.event().name().equals("secret-rotate")) {
                rescheduleRotation(before, ctx.event().secretId().orElseThrow());
            }
        }
        open = null;
        HookRun run = new HookRun(ctx.event(), ctx.id(), exitCode, stdout, stderr, duration, ctx.action());
        hookRuns.add(run);
        if (exitCode == 0) {
            commitChecks.forEach(check -> check.accept(run));
        }
        return run;
    }

    /**
     * Runs {@code check} on the model after every hook whose changes are committed, so that a
     * test can hold everything the charm writes to a rule (e.g. every relation bag to its
     * interface's schema). A check that throws fails whoever ended the hook; the commit stands.
     */
    public synchronized void afterEachCommit(Consumer<HookRun> check) {
        commitChecks.add(check);
    }

    /**
     * What Juju's controller does once a {@code secret-rotate} hook succeeded: a new revision
     * moves the next rotation one period on; none means the rotation is still due, and Juju runs
     * the hook again {@link SecretData#ROTATE_RETRY_DELAY} later.
     */
    private void rescheduleRotation(ModelData before, String uri) {
        String id = Secrets.parseUri(uri).orElseThrow();
        SecretData now = committed.secrets.get(id);
        SecretData then = before.secrets.get(id);
        if (now == null || now.rotates == null) {
            return;
        }
        boolean rotated = then == null || now.latest() > then.latest();
        now.rotates = rotated ? SecretData.nextRotation(now.rotate, now.rotates, Instant.now())
                : now.rotates.plus(SecretData.ROTATE_RETRY_DELAY);
    }

    /**
     * The {@code secret-rotate} hook Juju runs when this secret's rotation is due: on the leader,
     * for a secret this application owns whose policy rotates, with {@code JUJU_SECRET_ID} and the
     * owner's label in {@code JUJU_SECRET_LABEL} (no revision). Juju runs it again until a hook
     * makes a new revision. The fake keeps no clock: the test says when it is due.
     *
     * @throws IllegalArgumentException for a secret Juju would run no secret-rotate for
     */
    public synchronized HookEvent rotationDue(String uri) {
        SecretData s = secretData(uri);
        boolean ours = s.ownerKind.equals("application") ? s.ownerName.equals(app) : units.contains(s.ownerName);
        if (!ours) {
            throw new IllegalArgumentException("secret " + uri + " is owned by " + s.ownerKind + " " + s.ownerName
                    + ": Juju runs secret-rotate only for the owner");
        }
        if (s.rotates == null) {
            throw new IllegalArgumentException("secret " + uri + " has no rotation policy that rotates (rotate: "
                    + s.rotate + "): Juju runs no secret-rotate for it");
        }
        return HookEvent.secret(s.ownerKind.equals("unit") ? s.ownerName : leader, "secret-rotate", s.uri(), OptionalInt.empty());
    }

    /** The hook currently running, if any. */
    public synchronized Optional<HookContext> running() {
        return Optional.ofNullable(open);
    }

    /**
     * The environment Juju gives this hook, without the paths (charm dir, socket, {@code PATH})
     * that {@link DispatchDriver} adds.
     */
    public synchronized Map<String, String> jujuEnv(HookContext ctx) {
        HookEvent e = ctx.event();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JUJU_DISPATCH_PATH", e.dispatchPath());
        env.put("JUJU_HOOK_NAME", e.kind() == HookEvent.Kind.ACTION ? "" : e.name());
        env.put("JUJU_UNIT_NAME", e.unit());
        env.put("JUJU_MODEL_NAME", modelName);
        env.put("JUJU_MODEL_UUID", modelUuid);
        env.put("JUJU_CONTEXT_ID", ctx.id());
        env.put("JUJU_VERSION", JUJU_VERSION);
        // What OSDependentEnvVars adds on an Ubuntu host (worker/uniter/runner/context/env.go,
        // ubuntuEnv); PATH comes from DispatchDriver.
        env.put("APT_LISTCHANGES_FRONTEND", "none");
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "tmux-256color");
        e.relationId().ifPresent(ref -> {
            RelationData r = ctx.data.relations.get(Secrets.relationNumber(ref));
            env.put("JUJU_RELATION", r.endpoint);
            env.put("JUJU_RELATION_ID", r.ref());
            env.put("JUJU_REMOTE_APP", r.remoteApp);
            env.put("JUJU_REMOTE_UNIT", e.remoteUnit().orElse(""));
            if (e.name().endsWith("-relation-departed")) {
                env.put("JUJU_DEPARTING_UNIT", e.remoteUnit().orElse(""));
            }
        });
        if (ctx.action != null) {
            env.put("JUJU_ACTION_NAME", e.name());
            env.put("JUJU_ACTION_UUID", ctx.action.uuid());
            env.put("JUJU_ACTION_TAG", "action-" + ctx.action.uuid());
        }
        e.secretId().ifPresent(uri -> {
            SecretData s = ctx.data.secrets.get(Secrets.parseUri(uri).orElseThrow());
            // The short form, secret:<id>: Juju 3.x's controller watchers (state/secrets.go, e.g.
            // secretsRotationWatcher) parse the secret's local id, a URI with no source model,
            // which core/secrets URI.String prints as secret:<id>; the uniter passes it on as
            // hook.Info.SecretURI -> JUJU_SECRET_ID unchanged.
            env.put("JUJU_SECRET_ID", s.uri());
            env.put("JUJU_SECRET_LABEL", s.labelFor(app, e.unit()).orElse(""));
            e.secretRevision().ifPresent(rev -> env.put("JUJU_SECRET_REVISION", String.valueOf(rev)));
        });
        return env;
    }

    // ---- the hook-tool boundary ----------------------------------------------------------------

    /**
     * Runs one hook tool for {@code unit} in its running hook (or, with none running, in a context
     * of its own committed on exit 0, like {@code juju exec}).
     *
     * @param argv  {@code argv[0]} names the tool (a path is fine)
     * @param files contents of the files the arguments name ({@code key#file=PATH}, {@code --file PATH}), by path
     */
    public ToolResult call(String unit, List<String> argv, byte[] stdin, Map<String, byte[]> files) {
        synchronized (this) {
            if (open != null && open.unit().equals(unit)) {
                return call(open.id(), unit, argv, stdin, files);
            }
        }
        HookContext ctx = begin(HookEvent.none(unit));
        ToolResult result = call(ctx.id(), unit, argv, stdin, files);
        end(ctx, result.exitCode());
        return result;
    }

    /** Runs one hook tool in the hook context {@code contextId}, as the unit agent does for its socket. */
    public synchronized ToolResult call(String contextId, String unit, List<String> argv, byte[] stdin, Map<String, byte[]> files) {
        ToolResult result;
        if (open == null || !open.id().equals(contextId)) {
            result = ToolError.runtime("bad request: unknown context id \"" + contextId + "\"").toResult();
        } else if (!open.unit().equals(unit)) {
            result = ToolError.runtime("bad request: context " + contextId + " belongs to " + open.unit() + ", not " + unit).toResult();
        } else {
            if (pendingMove != null && !argv.isEmpty()) {
                List<String> named = new ArrayList<>(argv);
                named.set(0, argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1));
                if (pendingMove.when().test(named)) {
                    leader = pendingMove.toUnit();
                    pendingMove = null;
                }
            }
            result = commands.run(new Invocation(this, open, argv, stdin == null ? new byte[0] : stdin, files == null ? Map.of() : files));
        }
        calls.add(new ToolCall(unit, contextId, List.copyOf(argv), new String(stdin == null ? new byte[0] : stdin, java.nio.charset.StandardCharsets.UTF_8), result));
        return result;
    }

    // ---- for the tool implementations -----------------------------------------------------------

    Object configValue(String key) {
        return config().get(key);
    }

    void setStatus(String unit, StatusEntry status, boolean application) {
        if (application) {
            appStatus.add(status);
        } else {
            unitStatus.computeIfAbsent(unit, u -> new ArrayList<>()).add(status);
        }
    }

    Map<String, StatusEntry> unitStatuses() {
        Map<String, StatusEntry> out = new TreeMap<>();
        units.forEach(u -> out.put(u, unitStatus(u)));
        return out;
    }

    void setApplicationVersion(String version) {
        appVersion = version;
    }

    void log(LogEntry entry) {
        logs.add(entry);
    }

    String newSecretId() {
        // Juju's ids are xids: 20 characters of base32hex, lowercase.
        String alphabet = "0123456789abcdefghijklmnopqrstuv";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private RelationData rel(String relationId) {
        Integer n = Secrets.relationNumber(relationId);
        RelationData r = n == null ? null : committed.relations.get(n);
        if (r == null || !relationId.equals(r.ref())) {
            throw new IllegalArgumentException("no relation " + relationId + " (relations: "
                    + committed.relations.values().stream().map(RelationData::ref).toList() + ")");
        }
        return r;
    }

    private SecretData secretData(String uri) {
        SecretData s = Secrets.parseUri(uri).map(committed.secrets::get).orElse(null);
        if (s == null) {
            throw new IllegalArgumentException("no secret " + uri);
        }
        return s;
    }

    private void requireUnit(String unit) {
        if (!units.contains(unit)) {
            throw new IllegalArgumentException("no unit " + unit + " (units: " + units + ")");
        }
    }

    private void requireIdle() {
        if (open != null) {
            throw new IllegalStateException("hook " + open.id() + " is running: change the model between hooks");
        }
    }

    private static void replace(Map<String, String> bag, Map<String, String> data) {
        bag.clear();
        bag.putAll(data);
    }
}
