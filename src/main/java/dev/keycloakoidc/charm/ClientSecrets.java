package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.Secret;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.juju.SecretMetadata;
import dev.keycloakoidc.juju.SecretRead;
import dev.keycloakoidc.juju.SecretUri;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Juju secrets that carry client secrets to consumers: one application-owned secret per
 * Keycloak client, found by its label, content key {@code secret}. A new revision is made only
 * when Keycloak's secret differs, so consumers see {@code secret-changed} only for a real change;
 * the rotation policy is likewise written only when it differs, so a steady hook writes nothing.
 */
final class ClientSecrets {

    static final String CONTENT_KEY = "secret";

    private final Juju juju;

    ClientSecrets(Juju juju) {
        this.juju = juju;
    }

    private static final String LABEL_PREFIX = "client-secret-";

    static String label(String clientId) {
        return LABEL_PREFIX + clientId;
    }

    /** The clientId a client secret's label names; empty for a label that is no client secret's. */
    static Optional<String> clientIdOf(String label) {
        return label.startsWith(LABEL_PREFIX) && label.length() > LABEL_PREFIX.length()
                ? Optional.of(label.substring(LABEL_PREFIX.length())) : Optional.empty();
    }

    /**
     * The URI ({@link Secret#id()}, the same from the first hook on) of the secret for {@code clientId}, holding {@code value} and carrying {@code rotation}
     * once this hook commits.
     */
    String ensure(String clientId, String realm, String value, RotatePolicy rotation) {
        Optional<SecretInfo> info = juju.ownedSecret(label(clientId));
        if (info.isEmpty()) {
            return add(clientId, realm, value, rotation).id();
        }
        Secret secret = juju.secret(info.get().id());
        if (!value.equals(secret.content(SecretRead.PEEK).get(CONTENT_KEY))) {
            secret.setContent(Map.of(CONTENT_KEY, value));
        }
        // Juju shows no policy until one is set, and treats that as never.
        if (info.get().rotation().orElse(RotatePolicy.NEVER) != rotation) {
            secret.setRotation(rotation);
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
            // The next reconcile gives it the policy its consumers call for.
            add(clientId, realm, value, RotatePolicy.NEVER);
            return 1;
        }
        juju.secret(info.get().id()).setContent(Map.of(CONTENT_KEY, value));
        return info.get().revision() + 1;
    }

    private Secret add(String clientId, String realm, String value, RotatePolicy rotation) {
        // Never is Juju's default: no flag, so a secret without rotation is made as it always was.
        Optional<RotatePolicy> rotate = Optional.of(rotation).filter(p -> p != RotatePolicy.NEVER);
        return juju.addSecret(Map.of(CONTENT_KEY, value), SecretMetadata.of(label(clientId),
                "client secret of Keycloak client " + clientId + " in realm " + realm, rotate));
    }

    /**
     * Removes every client secret except {@code keptIds}: a hook that deleted a client in Keycloak
     * and was killed before it exited leaves the client gone but its Juju secret in place (Juju
     * drops the hook's secret-remove), and from then on no client names it. Only secrets labelled
     * as client secrets are touched; the usual case costs one {@code secret-ids}.
     */
    void removeAllBut(Collection<String> keptIds) {
        // Juju lists bare ids; the kept ones are URIs (SecretUri: the same secret either way).
        Set<String> kept = keptIds.stream().map(id -> SecretUri.parse(id).id()).collect(Collectors.toSet());
        List<String> owned = juju.ownedSecretIds();
        if (owned.size() <= kept.size()) {
            return;
        }
        for (String id : owned) {
            if (kept.contains(SecretUri.parse(id).id())) {
                continue;
            }
            SecretInfo info = juju.secret(id).info();
            if (info.label().flatMap(ClientSecrets::clientIdOf).isPresent()) {
                juju.secret(info.id()).removeAll();
            }
        }
    }
}
