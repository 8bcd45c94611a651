package dev.keycloakoidc.juju;

import java.util.Optional;

/**
 * One entry of {@code secret-info-get}; {@code id} is the key Juju prints, the bare id.
 *
 * @param rotation the rotation policy; empty when none was ever set, which Juju treats as
 *                 {@link RotatePolicy#NEVER} ({@code never} itself shows once it was set)
 */
public record SecretInfo(String id, int revision, Optional<String> label, Optional<String> owner,
                         Optional<RotatePolicy> rotation, Optional<String> expiry) {}
