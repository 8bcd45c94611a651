package dev.keycloakoidc.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks the design's promise that no secret (admin password, client secret, user password)
 * shows in a process's argv, a hook's stdout/stderr, {@code juju-log}, a status, an action log or
 * failure, or plain relation data. The one exception the design allows, an {@code action-set}
 * argv that hands a secret to the operator who asked, must be allowed explicitly.
 */
public final class SecretsHygiene {

    private final FakeJuju juju;
    private boolean allowActionSet;

    private SecretsHygiene(FakeJuju juju) {
        this.juju = juju;
    }

    public static SecretsHygiene of(FakeJuju juju) {
        return new SecretsHygiene(juju);
    }

    /** Lets {@code action-set} arguments carry secrets (a generated password, get-connector's output). */
    public SecretsHygiene allowActionSetArgv() {
        allowActionSet = true;
        return this;
    }

    /** Every place a secret showed, one line each; empty when clean. Empty strings are ignored. */
    public List<String> leaks(Collection<String> secrets) {
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            List<ToolCall> calls = juju.calls();
            for (int i = 0; i < calls.size(); i++) {
                ToolCall c = calls.get(i);
                if (!(allowActionSet && c.tool().equals("action-set")) && String.join(" ", c.argv()).contains(secret)) {
                    // Name the call, not its argv: the report must not print the secret again.
                    found.add("argv of call #" + i + " (" + c.tool() + " by " + c.unit() + ")");
                }
            }
            for (HookRun r : juju.hookRuns()) {
                check(found, secret, "stdout of " + r.contextId(), r.stdout());
                check(found, secret, "stderr of " + r.contextId(), r.stderr());
                r.action().ifPresent(a -> {
                    a.logs().forEach(l -> check(found, secret, "action-log of " + r.contextId(), l));
                    a.failure().ifPresent(m -> check(found, secret, "action-fail of " + r.contextId(), m));
                });
            }
            for (LogEntry l : juju.logs()) {
                check(found, secret, "juju-log of " + l.unit(), l.message());
            }
            for (String unit : juju.units()) {
                juju.unitStatusHistory(unit).forEach(s -> check(found, secret, "status of " + unit, s.message()));
            }
            juju.appStatusHistory().forEach(s -> check(found, secret, "application status", s.message()));
            for (String endpoint : juju.spec().endpoints().keySet()) {
                for (String rel : juju.relationIds(endpoint)) {
                    bag(found, secret, rel + " local app bag", juju.localAppData(rel));
                    for (String unit : juju.units()) {
                        bag(found, secret, rel + " bag of " + unit, juju.localUnitData(rel, unit));
                    }
                    bag(found, secret, rel + " remote app bag", juju.remoteAppData(rel));
                    for (String unit : juju.remoteUnits(rel)) {
                        bag(found, secret, rel + " bag of " + unit, juju.remoteUnitData(rel, unit));
                    }
                }
            }
        }
        return found;
    }

    /** @throws AssertionError listing every leak */
    public void assertNoneLeaked(Collection<String> secrets) {
        List<String> found = leaks(secrets);
        if (!found.isEmpty()) {
            throw new AssertionError("secret leaked in " + found.size() + " place(s):\n  " + String.join("\n  ", found));
        }
    }

    private static void bag(List<String> found, String secret, String where, Map<String, String> bag) {
        bag.forEach((k, v) -> check(found, secret, where + " key " + k, v));
    }

    private static void check(List<String> found, String secret, String where, String text) {
        if (text != null && text.contains(secret)) {
            found.add(where);
        }
    }
}
