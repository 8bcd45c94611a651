package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.Secret;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.juju.SecretMetadata;
import dev.keycloakoidc.juju.SecretRead;
import dev.keycloakoidc.juju.SecretUri;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
     * What Juju holds for each of {@code clientIds}: its client secret (found by label), with the
     * policy and the latest value. One {@code secret-info-get} per client, one peek per secret found.
     */
    Map<String, Facts.StoredSecret> stored(List<String> clientIds) {
        Map<String, Facts.StoredSecret> stored = new HashMap<>();
        for (String clientId : clientIds) {
            Optional<SecretInfo> info = juju.ownedSecret(label(clientId));
            if (info.isPresent()) {
                Secret secret = juju.secret(info.get().id());
                // Juju shows no policy until one is set, and treats that as never.
                stored.put(clientId, new Facts.StoredSecret(secret.id(), info.get().rotation().orElse(RotatePolicy.NEVER),
                        Optional.ofNullable(secret.content(SecretRead.PEEK).get(CONTENT_KEY))));
            }
        }
        return stored;
    }

    /**
     * What Juju says of each of {@code owned} that is none of {@code found}: a hook that deleted a
     * client in Keycloak and was killed before it exited leaves the client gone but its Juju secret
     * in place (Juju drops the hook's secret-remove), and from then on no label lookup finds it.
     * The usual case costs nothing: every owned secret is a consumer's.
     */
    List<SecretInfo> unclaimed(List<String> owned, Collection<Facts.StoredSecret> found) {
        Set<String> known = new HashSet<>();
        for (Facts.StoredSecret secret : found) {
            known.add(SecretUri.parse(secret.id()).id());
        }
        List<SecretInfo> unclaimed = new ArrayList<>();
        for (String id : owned) {
            if (!known.contains(SecretUri.parse(id).id())) {
                unclaimed.add(juju.secret(id).info());
            }
        }
        return unclaimed;
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
}
