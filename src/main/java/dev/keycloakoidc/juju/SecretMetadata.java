package dev.keycloakoidc.juju;

import java.util.Optional;

/**
 * What {@code secret-add} records about a secret besides its content. Juju's other per-secret
 * settings ({@code --rotate}, {@code --expire}) would be further fields here.
 *
 * @param label       the application's own name for it, unique among its secrets
 * @param description what the operator sees in {@code juju secrets}
 */
public record SecretMetadata(Optional<String> label, Optional<String> description) {

    public static SecretMetadata of(String label, String description) {
        return new SecretMetadata(Optional.of(label), Optional.of(description));
    }
}
