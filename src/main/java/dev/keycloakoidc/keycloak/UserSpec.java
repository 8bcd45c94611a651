package dev.keycloakoidc.keycloak;

import java.util.Optional;

/** A user to create; the password is set at creation, verified e-mail, enabled. */
public record UserSpec(String username, String email, Optional<String> firstName, Optional<String> lastName,
                       String password, boolean temporaryPassword) {

    @Override
    public String toString() {
        return "UserSpec[username=" + username + ", email=" + email + "]";
    }
}
