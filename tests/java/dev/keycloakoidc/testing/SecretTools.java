package dev.keycloakoidc.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The secret-* tools, as Juju 3.x's (worker/uniter/runner/jujuc/secret-*.go and the uniter's hook
 * context, worker/uniter/runner/context/context.go; docs/juju-hook-tools.md has the paths and
 * commits read). An application-owned secret is managed by the leader alone: the hook context
 * refuses a non-leader with Juju's {@code ErrIsNotLeader}, {@code this unit is not the leader},
 * for a secret it knows, and knows the application's secrets only when the unit led at the start
 * of the hook ({@link HookContext#leaderAtStart}). Every unit that can read a secret tracks its
 * own revision: the first plain {@code secret-get} pins the latest, {@code --refresh} moves to the
 * latest, {@code --peek} reads the latest once. All changes, tracking included, commit with the hook.
 */
final class SecretTools {

    private static final Pattern KEY = Pattern.compile("^[a-z](?:-?[a-z0-9]){2,}$");
    private static final List<String> ROTATE = List.of("never", "hourly", "daily", "weekly", "monthly", "quarterly", "yearly");
    /** Juju's {@code ErrIsNotLeader} (worker/uniter/runner/context/context.go), printed as is. */
    static final String NOT_LEADER = "this unit is not the leader";

    private SecretTools() {}

    static void register(Map<String, HookToolCommands.Tool> tools) {
        tools.put("secret-add", SecretTools::add);
        tools.put("secret-get", SecretTools::get);
        tools.put("secret-set", SecretTools::set);
        tools.put("secret-grant", SecretTools::grant);
        tools.put("secret-revoke", SecretTools::revoke);
        tools.put("secret-remove", SecretTools::remove);
        tools.put("secret-ids", SecretTools::ids);
        tools.put("secret-info-get", SecretTools::infoGet);
    }

    private static Flags.Spec upsertFlags() {
        return new Flags.Spec().value("label").value("description").value("expire").value("rotate").value("owner").value("file");
    }

    /**
     * {@code secret-add [--label L] [--description D] [--expire T] [--rotate P] [--owner application|unit] key[#file|#base64]=v...}.
     * A policy other than Juju's seven is refused as Juju refuses it: {@code rotate policy "x" not valid}, exit 2.
     */
    static ToolResult add(Invocation inv) throws ToolError {
        Flags f = upsertFlags().parse(inv.args);
        noFileFlag(f);
        if (f.positionals().isEmpty()) {
            throw ToolError.usage("missing secret value or filename");
        }
        String owner = f.value("owner").orElse("application");
        if (!owner.equals("application") && !owner.equals("unit")) {
            throw ToolError.usage("secret owner \"" + owner + "\" not valid");
        }
        checkRotate(f);
        Map<String, String> content = content(inv, f.positionals());
        if (owner.equals("application") && !inv.leader()) {
            // HookContext.CreateSecret: an application-owned secret needs the leader.
            throw ToolError.runtime(NOT_LEADER);
        }
        SecretData s = new SecretData(inv.juju.newSecretId(), owner, owner.equals("unit") ? inv.unit() : inv.app());
        s.addedIn = inv.ctx.id();
        Optional<String> label = f.value("label");
        if (label.isPresent()) {
            checkLabelFree(inv, label.get(), s);
        }
        s.label = label.orElse(null);
        s.description = f.value("description").orElse(null);
        s.expire = f.value("expire").orElse(null);
        f.value("rotate").ifPresent(r -> s.setRotate(r, Instant.now()));
        s.addRevision(content);
        inv.data().secrets.put(s.id, s);
        // Juju 3.x prints the URI with the model as its source (secretsmanager's CreateSecretURIs,
        // core/secrets URI.String): secret://<model-uuid>/<id>.
        return ToolResult.ok("secret://" + inv.juju.modelUuid() + "/" + s.id + "\n");
    }

    /** {@code secret-get [<id>] [key] [--label L] [--peek|--refresh] --format=json}. */
    static ToolResult get(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").value("label").bool("peek").bool("refresh").parse(inv.args);
        f.requireJson();
        f.noMoreThan(2);
        if (f.bool("peek") && f.bool("refresh")) {
            throw ToolError.usage("specify one of --peek or --refresh but not both");
        }
        Optional<String> id = f.positionals().isEmpty() ? Optional.empty() : Optional.of(f.positionals().get(0));
        Optional<String> label = f.value("label");
        SecretData s;
        if (id.isPresent()) {
            s = readable(inv, id.get());
            if (label.isPresent()) {
                if (s.ownedBy(inv.app(), inv.unit())) {
                    s.label = label.get();
                } else {
                    s.consumerLabels.put(inv.unit(), label.get());
                }
            }
        } else if (label.isPresent()) {
            s = inv.data().secrets.values().stream()
                    .filter(x -> x.readableBy(inv.app(), inv.unit()) && label.get().equals(x.labelFor(inv.app(), inv.unit()).orElse(null)))
                    .findFirst().orElseThrow(() -> ToolError.runtime("secret with label \"" + label.get() + "\" not found"));
        } else {
            throw ToolError.usage("require either a secret URI or label");
        }
        int revision;
        if (f.bool("peek")) {
            revision = s.latest();
        } else if (f.bool("refresh") || !s.tracked.containsKey(inv.unit())) {
            revision = s.latest();
            s.tracked.put(inv.unit(), revision);
        } else {
            revision = s.tracked.get(inv.unit());
        }
        Map<String, String> content = s.revisions.get(revision);
        if (content == null) {
            throw ToolError.runtime("secret \"" + s.id + "\" revision " + revision + " not found");
        }
        if (f.positionals().size() == 2) {
            String key = f.positionals().get(1);
            if (!content.containsKey(key)) {
                throw ToolError.runtime("secret key \"" + key + "\" not found");
            }
            return Invocation.json(content.get(key));
        }
        return Invocation.json(new TreeMap<>(content));
    }

    /** {@code secret-set <id> [--label] [--description] [--expire] [--rotate] [key#file=...]}: content makes a new revision. */
    static ToolResult set(Invocation inv) throws ToolError {
        Flags f = upsertFlags().parse(inv.args);
        noFileFlag(f);
        if (f.positionals().isEmpty()) {
            throw ToolError.usage("missing secret URI");
        }
        checkRotate(f);
        Map<String, String> content = content(inv, f.positionals().subList(1, f.positionals().size()));
        SecretData s = changeable(inv, f.positionals().get(0));
        if (s == null) {
            return ToolResult.ok("");
        }
        if (f.value("label").isPresent()) {
            checkLabelFree(inv, f.value("label").get(), s);
            s.label = f.value("label").get();
        }
        f.value("description").ifPresent(d -> s.description = d);
        f.value("expire").ifPresent(e -> s.expire = e);
        f.value("rotate").ifPresent(r -> s.setRotate(r, Instant.now()));
        if (!content.isEmpty()) {
            s.addRevision(content);
        }
        return ToolResult.ok("");
    }

    /** {@code secret-grant --relation <id> [--unit u] <secret>}: the relation's remote application may read it. */
    static ToolResult grant(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("relation", "r").value("unit").parse(inv.args);
        String id = oneId(f);
        if (f.value("relation").isEmpty()) {
            throw ToolError.usage("missing relation");
        }
        RelationData r = inv.relation(f.value("relation"), "--relation");
        if (f.value("unit").isPresent() && !r.remoteUnits.contains(f.value("unit").get())) {
            throw ToolError.runtime("unit \"" + f.value("unit").get() + "\" is not in relation " + r.ref());
        }
        // HookContext.GrantSecret looks the secret up in the hook's metadata (what secret-ids
        // lists) and refuses a non-leader for an application secret.
        SecretData s = known(inv, id);
        if (s.ownerKind.equals("application") && !inv.leader()) {
            throw ToolError.runtime(NOT_LEADER);
        }
        s.relationGrants.put(r.id, r.remoteApp);
        return ToolResult.ok("");
    }

    /** {@code secret-revoke (--relation <id> | --app a | --unit u) <secret>}. */
    static ToolResult revoke(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("relation", "r").value("app").value("unit").parse(inv.args);
        String id = oneId(f);
        if (f.value("relation").isEmpty() && f.value("app").isEmpty() && f.value("unit").isEmpty()) {
            throw ToolError.usage("missing relation or application or unit");
        }
        RelationData r = f.value("relation").isPresent() ? inv.relation(f.value("relation"), "--relation") : null;
        SecretData s = changeable(inv, id);
        if (s == null) {
            return ToolResult.ok("");
        }
        if (r != null) {
            s.relationGrants.remove(r.id);
        }
        Optional<String> app = f.value("app").or(() -> f.value("unit").map(u -> u.substring(0, u.indexOf('/'))));
        app.ifPresent(a -> {
            s.relationGrants.values().removeIf(a::equals);
            s.appGrants.remove(a);
        });
        return ToolResult.ok("");
    }

    /** {@code secret-remove <id> [--revision N]}: one revision, or the whole secret. */
    static ToolResult remove(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("revision").parse(inv.args);
        String id = oneId(f);
        Integer revision = null;
        if (f.value("revision").isPresent()) {
            try {
                revision = Integer.valueOf(f.value("revision").get());
            } catch (NumberFormatException e) {
                throw ToolError.usage("invalid value \"" + f.value("revision").get() + "\" for option --revision: not a number");
            }
        }
        SecretData s = changeable(inv, id);
        if (s == null) {
            return ToolResult.ok("");
        }
        if (revision == null) {
            inv.data().secrets.remove(s.id);
        } else if (s.revisions.remove(revision) == null) {
            throw ToolError.runtime("secret \"" + s.id + "\" revision " + revision + " not found");
        } else if (s.revisions.isEmpty()) {
            inv.data().secrets.remove(s.id);
        }
        return ToolResult.ok("");
    }

    /**
     * {@code secret-ids --format=json}: the keys of the hook's secret metadata, bare ids (no
     * {@code secret:}), secrets added earlier in this hook included and secrets removed in it
     * left out (jujuc/secret-ids.go over HookContext.SecretMetadata). Juju prints them in Go's
     * map order, which is random; the fake in the order the secrets were made. With none, Juju's list is a nil
     * slice, which its JSON formatter prints as {@code null}.
     */
    static ToolResult ids(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").parse(inv.args);
        f.requireJson();
        f.noMoreThan(0);
        List<String> ids = inv.data().secrets.values().stream().filter(s -> visible(inv, s)).map(s -> s.id).toList();
        return Invocation.json(ids.isEmpty() ? null : ids);
    }

    /**
     * {@code secret-info-get (<id> | --label L) --format=json}: only for secrets this application
     * (or unit) owns, keyed by the bare id as Juju prints it.
     */
    static ToolResult infoGet(Invocation inv) throws ToolError {
        Flags f = new Flags.Spec().value("format").value("output", "o").value("label").parse(inv.args);
        f.requireJson();
        f.noMoreThan(1);
        Optional<String> label = f.value("label");
        if (f.positionals().isEmpty() && label.isEmpty()) {
            throw ToolError.usage("require either a secret URI or label");
        }
        if (!f.positionals().isEmpty() && label.isPresent()) {
            throw ToolError.usage("specify either a secret URI or label but not both");
        }
        String want;
        SecretData s;
        if (label.isPresent()) {
            want = label.get();
            s = inv.data().secrets.values().stream().filter(x -> visible(inv, x) && want.equals(x.label)).findFirst().orElse(null);
        } else {
            String uri = f.positionals().get(0);
            want = Secrets.parseUri(uri).orElseThrow(() -> ToolError.usage("secret URI \"" + uri + "\" not valid"));
            s = inv.data().secrets.get(want);
            s = s != null && visible(inv, s) ? s : null;
        }
        if (s == null) {
            throw ToolError.runtime("secret \"" + want + "\" not found");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("revision", s.latest());
        info.put("label", s.label == null ? "" : s.label);
        info.put("owner", s.ownerKind);
        if (s.description != null) {
            info.put("description", s.description);
        }
        if (s.rotate != null) {
            info.put("rotation", s.rotate);
        }
        if (s.expire != null) {
            info.put("expiry", s.expire);
        }
        if (s.rotates != null) {
            info.put("rotates", s.rotates.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        List<Map<String, String>> access = new ArrayList<>();
        s.relationGrants.forEach((rel, app) -> access.add(Map.of("target", "application-" + app, "scope",
                "relation-" + inv.data().relations.get(rel).ref(), "role", "view")));
        if (!access.isEmpty()) {
            info.put("access", access);
        }
        return Invocation.json(Map.of(s.id, info));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static SecretData lookup(Invocation inv, String uri) throws ToolError {
        String id = Secrets.parseUri(uri).orElseThrow(() -> ToolError.usage("secret URI \"" + uri + "\" not valid"));
        SecretData s = inv.data().secrets.get(id);
        if (s == null) {
            throw ToolError.runtime("secret \"" + id + "\" not found");
        }
        return s;
    }

    /**
     * A secret this unit may read: owned by it or its application, or granted. The content comes
     * from the controller (GetSecretContentInfo), whose refusal reads {@code permission denied};
     * an id it does not know, {@code not found}.
     */
    private static SecretData readable(Invocation inv, String uri) throws ToolError {
        SecretData s = lookup(inv, uri);
        if (!s.readableBy(inv.app(), inv.unit())) {
            throw ToolError.runtime("permission denied");
        }
        return s;
    }

    /**
     * Whether the hook's secret metadata holds {@code s}: a secret of this unit, or of its
     * application when the unit led as the hook started (the metadata is loaded then), or one added
     * in this hook. This is what secret-ids lists and secret-info-get and secret-grant find.
     */
    private static boolean visible(Invocation inv, SecretData s) {
        if (s.ownerKind.equals("unit")) {
            return s.ownerName.equals(inv.unit());
        }
        return s.ownerKind.equals("application") && s.ownerName.equals(inv.app()) && (inv.ctx.leaderAtStart || s.addedIn(inv.ctx.id()));
    }

    /** A secret the hook's metadata holds ({@link #visible}); else {@code secret "<id>" not found}, as GrantSecret says. */
    private static SecretData known(Invocation inv, String uri) throws ToolError {
        String id = Secrets.parseUri(uri).orElseThrow(() -> ToolError.usage("secret URI \"" + uri + "\" not valid"));
        SecretData s = inv.data().secrets.get(id);
        if (s == null || !visible(inv, s)) {
            throw ToolError.runtime("secret \"" + id + "\" not found");
        }
        return s;
    }

    /**
     * The secret secret-set, secret-revoke or secret-remove changes, or null when Juju queues the
     * change unchecked and the controller will refuse the hook's commit. The hook context checks
     * only secrets its metadata holds: an application secret there needs the leader
     * ({@code ErrIsNotLeader}); any other id is queued as given, and the controller's
     * {@code CommitHookChanges} refuses it when the hook ends (not found, or permission denied
     * for a secret this unit may not manage), failing the hook.
     */
    private static SecretData changeable(Invocation inv, String uri) throws ToolError {
        String id = Secrets.parseUri(uri).orElseThrow(() -> ToolError.usage("secret URI \"" + uri + "\" not valid"));
        SecretData s = inv.data().secrets.get(id);
        if (s != null && visible(inv, s)) {
            if (s.ownerKind.equals("application") && !inv.leader()) {
                throw ToolError.runtime(NOT_LEADER);
            }
            return s;
        }
        if (inv.ctx.commitRefusal == null) {
            inv.ctx.commitRefusal = s == null ? "secret \"" + id + "\" not found" : "permission denied";
        }
        return null;
    }

    private static String oneId(Flags f) throws ToolError {
        if (f.positionals().isEmpty()) {
            throw ToolError.usage("missing secret URI");
        }
        f.noMoreThan(1);
        return f.positionals().get(0);
    }

    /** Parses {@code key=value}, {@code key#base64=value} and {@code key#file=path} arguments. */
    private static Map<String, String> content(Invocation inv, List<String> args) throws ToolError {
        Map<String, String> out = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw ToolError.usage("key value \"" + arg + "\" not valid");
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            if (key.endsWith("#file")) {
                key = key.substring(0, key.length() - 5);
                value = new String(inv.file(value), StandardCharsets.UTF_8);
            } else if (key.endsWith("#base64")) {
                key = key.substring(0, key.length() - 7);
                try {
                    value = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw ToolError.usage("base64 value of \"" + key + "\" not valid");
                }
            }
            if (!KEY.matcher(key).matches()) {
                throw ToolError.usage("key \"" + key + "\" not valid");
            }
            out.put(key, value);
        }
        return out;
    }

    private static void checkRotate(Flags f) throws ToolError {
        Optional<String> rotate = f.value("rotate");
        if (rotate.isPresent() && !ROTATE.contains(rotate.get())) {
            throw ToolError.usage("rotate policy \"" + rotate.get() + "\" not valid");
        }
    }

    private static void noFileFlag(Flags f) throws ToolError {
        if (f.value("file").isPresent()) {
            throw ToolError.usage("fake juju: --file (a YAML file of secret values) is not supported; use key#file=PATH");
        }
    }

    private static void checkLabelFree(Invocation inv, String label, SecretData self) throws ToolError {
        for (SecretData other : inv.data().secrets.values()) {
            if (!other.id.equals(self.id) && other.ownerKind.equals(self.ownerKind) && other.ownerName.equals(self.ownerName)
                    && label.equals(other.label)) {
                throw ToolError.runtime("secret with label \"" + label + "\" already exists");
            }
        }
    }
}
