package dev.keycloakoidc.juju;

import java.util.Optional;

/**
 * One entry of {@code secret-info-get}; {@code id} is the key Juju prints, without {@code secret:}.
 *
 * @param rotation the rotation policy; empty when none was ever set, which Juju treats as
 *                 {@link RotatePolicy#NEVER} ({@code never} itself shows once it was set)
 */
public record SecretInfo(String id, int revision, Optional<String> label, Optional<String> owner,
                         Optional<RotatePolicy> rotation, Optional<String> expiry) {

    /** The {@code secret:} URI that other tools and consumers take. */
    public String uri() {
        return id.startsWith("secret:") ? id : "secret:" + id;
    }
}
