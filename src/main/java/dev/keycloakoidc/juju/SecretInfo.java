package dev.keycloakoidc.juju;

import java.util.Optional;

/** One entry of {@code secret-info-get}; {@code id} is the key Juju prints, without {@code secret:}. */
public record SecretInfo(String id, int revision, Optional<String> label, Optional<String> owner,
                         Optional<String> rotation, Optional<String> expiry) {

    /** The {@code secret:} URI that other tools and consumers take. */
    public String uri() {
        return id.startsWith("secret:") ? id : "secret:" + id;
    }
}
