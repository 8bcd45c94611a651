package dev.keycloakoidc.juju;

import java.util.Optional;

/** One entry of {@code secret-info-get}. */
public record SecretInfo(String id, int revision, Optional<String> label, Optional<String> owner,
                         Optional<String> rotation, Optional<String> expiry) {}
