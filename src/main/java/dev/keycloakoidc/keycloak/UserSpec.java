package dev.keycloakoidc.keycloak;

import java.util.List;
import java.util.Optional;

/**
 * A user to create; the password is set at creation, verified e-mail, enabled.
 *
 * @param groups names of existing top-level groups the user is made a member of by the same request
 */
public record UserSpec(String username, String email, Optional<String> firstName, Optional<String> lastName,
                       String password, boolean temporaryPassword, List<String> groups) {

    public UserSpec {
        groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
        return "UserSpec[username=" + username + ", email=" + email + ", groups=" + groups + "]";
    }
}
