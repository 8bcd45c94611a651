package dev.keycloakoidc.juju;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One method per Juju hook tool, the only code that builds their argv. Output is always read as
 * {@code --format=json}; data goes in through stdin ({@code --file -}) and secret values through
 * temporary files ({@code key#file=path}), never argv. Free text follows {@code --} so a message
 * that starts with a dash is not taken for a flag.
 *
 * <p>Every method throws {@link HookToolException} (or a subclass) when the tool exits non-zero.
 */
public final class HookTools {

    private final ProcessRunner runner;

    public HookTools(ProcessRunner runner) {
        this.runner = runner;
    }

    /** {@code config-get --format=json}: set options and defaults; a secret option is its URI. */
    public Map<String, Object> configGet() { throw new UnsupportedOperationException(); }

    /** {@code is-leader --format=json}. */
    public boolean isLeader() { throw new UnsupportedOperationException(); }

    /** {@code relation-ids <endpoint> --format=json}: ids such as {@code oidc-provider:3}. */
    public List<String> relationIds(String endpoint) { throw new UnsupportedOperationException(); }

    /** {@code relation-list --format=json -r <id>}: remote unit names. */
    public List<String> relationUnits(String relationId) { throw new UnsupportedOperationException(); }

    /** {@code relation-list --format=json -r <id> --app}: the remote application's name. */
    public String relationRemoteApp(String relationId) { throw new UnsupportedOperationException(); }

    /**
     * {@code relation-get --format=json -r <id> [--app] - <unitOrApp>}: the whole bag, empty when
     * the other side wrote nothing.
     */
    public Map<String, String> relationGet(String relationId, String unitOrApp, boolean app) {
        throw new UnsupportedOperationException();
    }

    /**
     * {@code relation-set -r <id> [--app] --file -} with the JSON object on stdin; an empty string
     * value deletes that key. Throws {@link PermissionDeniedException} for a non-leader app write.
     */
    public void relationSet(String relationId, Map<String, String> data, boolean app) {
        throw new UnsupportedOperationException();
    }

    /** {@code status-set --application=<bool> <status> -- <message>}. */
    public void statusSet(String status, String message, boolean application) {
        throw new UnsupportedOperationException();
    }

    /** {@code application-version-set -- <version>}. */
    public void applicationVersionSet(String version) { throw new UnsupportedOperationException(); }

    /** {@code action-get --format=json}: the params, declared defaults filled in. */
    public Map<String, Object> actionGet() { throw new UnsupportedOperationException(); }

    /**
     * {@code action-set key=value ...}. Juju takes results only as arguments, so a value here is
     * in argv for this one call: only results meant for the operator who ran the action.
     */
    public void actionSet(Map<String, String> results) { throw new UnsupportedOperationException(); }

    /** {@code action-fail -- <message>}. */
    public void actionFail(String message) { throw new UnsupportedOperationException(); }

    /** {@code action-log -- <message>}. */
    public void actionLog(String message) { throw new UnsupportedOperationException(); }

    /** {@code juju-log --log-level <level> -- <message>}. */
    public void jujuLog(LogLevel level, String message) { throw new UnsupportedOperationException(); }

    /**
     * {@code secret-add --owner application [--label L] [--description D] key#file=...}: returns the
     * new secret's URI. Values travel through 0600 temporary files deleted right after.
     */
    public String secretAdd(Map<String, String> content, Optional<String> label, Optional<String> description) {
        throw new UnsupportedOperationException();
    }

    /** {@code secret-get --format=json <id> [--label L] [--peek|--refresh]}. */
    public Map<String, String> secretGet(String id, Optional<String> label, SecretRead mode) {
        throw new UnsupportedOperationException();
    }

    /** {@code secret-set <id> key#file=...}: a new revision with this content. */
    public void secretSet(String id, Map<String, String> content) { throw new UnsupportedOperationException(); }

    /** {@code secret-grant --relation <relationId> <id>}. */
    public void secretGrant(String id, String relationId) { throw new UnsupportedOperationException(); }

    /** {@code secret-revoke --relation <relationId> <id>}. */
    public void secretRevoke(String id, String relationId) { throw new UnsupportedOperationException(); }

    /** {@code secret-remove <id> [--revision N]}. */
    public void secretRemove(String id, OptionalInt revision) { throw new UnsupportedOperationException(); }

    /** {@code secret-ids --format=json}: the secrets this unit's application owns. */
    public List<String> secretIds() { throw new UnsupportedOperationException(); }

    /** {@code secret-info-get --format=json <id>}. */
    public SecretInfo secretInfoGet(String id) { throw new UnsupportedOperationException(); }

    /** {@code state-get --format=json}: this unit's key-value store. */
    public Map<String, String> stateGet() { throw new UnsupportedOperationException(); }

    /** {@code state-set --file -}: merges; committed only if the hook exits 0. */
    public void stateSet(Map<String, String> values) { throw new UnsupportedOperationException(); }

    /** {@code state-delete <key>}. */
    public void stateDelete(String key) { throw new UnsupportedOperationException(); }

    /**
     * {@code secret-info-get --format=json --label <label>}: the owned secret with that label, or
     * empty when this application owns none by that label.
     */
    public Optional<SecretInfo> secretInfoByLabel(String label) { throw new UnsupportedOperationException(); }
}
