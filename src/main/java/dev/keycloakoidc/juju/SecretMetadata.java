package dev.keycloakoidc.juju;

import java.util.Optional;

/**
 * What {@code secret-add} records about a secret besides its content. Juju's other per-secret
 * setting ({@code --expire}) would be a further field here.
 *
 * @param label       the application's own name for it, unique among its secrets
 * @param description what the operator sees in {@code juju secrets}
 * @param rotate      the rotation policy; empty leaves Juju's default, which never rotates
 */
public record SecretMetadata(Optional<String> label, Optional<String> description, Optional<RotatePolicy> rotate) {

    public static SecretMetadata of(String label, String description, Optional<RotatePolicy> rotate) {
        return new SecretMetadata(Optional.of(label), Optional.of(description), rotate);
    }
}
