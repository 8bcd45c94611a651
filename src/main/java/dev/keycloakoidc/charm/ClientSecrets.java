package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.HookTools;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.juju.SecretRead;
import java.util.Map;
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
            return tools.secretAdd(Map.of(CONTENT_KEY, value), Optional.of(label(clientId)),
                    Optional.of("client secret of Keycloak client " + clientId + " in realm " + realm));
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
            tools.secretAdd(Map.of(CONTENT_KEY, value), Optional.of(label(clientId)),
                    Optional.of("client secret of Keycloak client " + clientId + " in realm " + realm));
            return 1;
        }
        tools.secretSet(uri(info.get()), Map.of(CONTENT_KEY, value));
        return info.get().revision() + 1;
    }


    /** Removes the secret of a client that is gone, every revision. */
    void remove(String clientId) {
        tools.secretInfoByLabel(label(clientId)).ifPresent(info -> tools.secretRemove(uri(info), OptionalInt.empty()));
    }

    /** secret-info-get keys its answer by the bare id; consumers get the {@code secret:} URI. */
    private static String uri(SecretInfo info) {
        return info.id().startsWith("secret:") ? info.id() : "secret:" + info.id();
    }
}
