package dev.keycloakoidc.oidc;

import java.util.List;
import java.util.Optional;

/** Placeholder until the oidc package lands. */
public final class Scopes {
    private Scopes() {}

    public record Parsed(List<String> scopes, Optional<String> problem) {}

    public static Parsed parse(String value) {
        List<String> scopes = List.of(value.strip().split("\\s+"));
        return scopes.contains("openid") ? new Parsed(scopes, Optional.empty())
                : new Parsed(scopes, Optional.of("must contain openid"));
    }
}
