package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.juju.SecretRead;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Juju secrets that carry client secrets to consumers: one application-owned secret per
 * Keycloak client, found by its label, content key {@code secret}. A new revision is made only
 * when Keycloak's secret differs, so consumers see {@code secret-changed} only for a real change.
 */
final class ClientSecrets {

    static final String CONTENT_KEY = "secret";

    private final HookTools tools;

    ClientSecrets(HookTools tools) {
        this.tools = tools;
    }

    static String label(String clientId) {
        return "client-secret-" + clientId;
    }

    /** The id of the secret for {@code clientId}, holding {@code value} once this hook commits. */
    String ensure(String clientId, String realm, String value) {
        Optional<SecretInfo> info = tools.secretInfoByLabel(label(clientId));
        if (info.isEmpty()) {
            return add(clientId, realm, value);
        }
        String id = uri(info.get());
        Map<String, String> current = tools.secretGet(id, Optional.empty(), SecretRead.PEEK);
        if (!value.equals(current.get(CONTENT_KEY))) {
            tools.secretSet(id, Map.of(CONTENT_KEY, value));
        }
        return id;
    }

    /**
     * Stores a secret Keycloak just generated; returns the revision consumers will see once this
     * hook commits (Juju numbers revisions from 1 and adds one per content change).
     */
    int update(String clientId, String realm, String value) {
        Optional<SecretInfo> info = tools.secretInfoByLabel(label(clientId));
        if (info.isEmpty()) {
            add(clientId, realm, value);
            return 1;
        }
        tools.secretSet(uri(info.get()), Map.of(CONTENT_KEY, value));
        return info.get().revision() + 1;
    }

    private String add(String clientId, String realm, String value) {
        return tools.secretAdd(Map.of(CONTENT_KEY, value), Optional.of(label(clientId)),
                Optional.of("client secret of Keycloak client " + clientId + " in realm " + realm));
    }

    /**
     * Removes every client secret except {@code keptIds}: a hook that deleted a client in Keycloak
     * and was killed before it exited leaves the client gone but its Juju secret in place (Juju
     * drops the hook's secret-remove), and from then on no client names it. Only secrets labelled
     * as client secrets are touched; the usual case costs one {@code secret-ids}.
     */
    void removeAllBut(Collection<String> keptIds) {
        Set<String> kept = keptIds.stream().map(ClientSecrets::bare).collect(Collectors.toSet());
        List<String> owned = tools.secretIds();
        if (owned.size() <= kept.size()) {
            return;
        }
        for (String id : owned) {
            if (kept.contains(bare(id))) {
                continue;
            }
            SecretInfo info = tools.secretInfoGet(id);
            if (info.label().filter(l -> l.startsWith(label(""))).isPresent()) {
                tools.secretRemove(uri(info), OptionalInt.empty());
            }
        }
    }

    private static String bare(String id) {
        return id.startsWith("secret:") ? id.substring("secret:".length()) : id;
    }

    /** secret-info-get keys its answer by the bare id; consumers get the {@code secret:} URI. */
    private static String uri(SecretInfo info) {
        return info.id().startsWith("secret:") ? info.id() : "secret:" + info.id();
    }
}
