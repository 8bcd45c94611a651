package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.Secret;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.juju.SecretMetadata;
import dev.keycloakoidc.juju.SecretRead;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Juju secrets that carry client secrets to consumers: one application-owned secret per
 * Keycloak client, found by its label, content key {@code secret}. A new revision is made only
 * when Keycloak's secret differs, so consumers see {@code secret-changed} only for a real change.
 */
final class ClientSecrets {

    static final String CONTENT_KEY = "secret";

    private final Juju juju;

    ClientSecrets(Juju juju) {
        this.juju = juju;
    }

    static String label(String clientId) {
        return "client-secret-" + clientId;
    }

    /** The id of the secret for {@code clientId}, holding {@code value} once this hook commits. */
    String ensure(String clientId, String realm, String value) {
        Optional<SecretInfo> info = juju.ownedSecret(label(clientId));
        if (info.isEmpty()) {
            return add(clientId, realm, value).id();
        }
        Secret secret = juju.secret(info.get().uri());
        if (!value.equals(secret.content(SecretRead.PEEK).get(CONTENT_KEY))) {
            secret.setContent(Map.of(CONTENT_KEY, value));
        }
        return secret.id();
    }

    /**
     * Stores a secret Keycloak just generated; returns the revision consumers will see once this
     * hook commits (Juju numbers revisions from 1 and adds one per content change).
     */
    int update(String clientId, String realm, String value) {
        Optional<SecretInfo> info = juju.ownedSecret(label(clientId));
        if (info.isEmpty()) {
            add(clientId, realm, value);
            return 1;
        }
        juju.secret(info.get().uri()).setContent(Map.of(CONTENT_KEY, value));
        return info.get().revision() + 1;
    }

    private Secret add(String clientId, String realm, String value) {
        return juju.addSecret(Map.of(CONTENT_KEY, value), SecretMetadata.of(label(clientId),
                "client secret of Keycloak client " + clientId + " in realm " + realm, Optional.empty()));
    }

    /**
     * Removes every client secret except {@code keptIds}: a hook that deleted a client in Keycloak
     * and was killed before it exited leaves the client gone but its Juju secret in place (Juju
     * drops the hook's secret-remove), and from then on no client names it. Only secrets labelled
     * as client secrets are touched; the usual case costs one {@code secret-ids}.
     */
    void removeAllBut(Collection<String> keptIds) {
        Set<String> kept = keptIds.stream().map(ClientSecrets::bare).collect(Collectors.toSet());
        List<String> owned = juju.ownedSecretIds();
        if (owned.size() <= kept.size()) {
            return;
        }
        for (String id : owned) {
            if (kept.contains(bare(id))) {
                continue;
            }
            SecretInfo info = juju.secret(id).info();
            if (info.label().filter(l -> l.startsWith(label(""))).isPresent()) {
                juju.secret(info.uri()).removeAll();
            }
        }
    }

    private static String bare(String id) {
        return id.startsWith("secret:") ? id.substring("secret:".length()) : id;
    }
}
