package dev.keycloakoidc.keycloak;

import java.util.Map;

/**
 * A protocol mapper of a client scope or a client: what puts a claim into tokens.
 *
 * @param id     Keycloak's id; empty for one not made yet
 * @param type   Keycloak's {@code protocolMapper}, e.g. {@code oidc-group-membership-mapper}
 */
public record ProtocolMapper(String id, String name, String type, Map<String, String> config) {

    /** Keycloak's group membership mapper: the user's groups as a list claim. */
    static final String GROUP_MEMBERSHIP = "oidc-group-membership-mapper";

    public ProtocolMapper {
        config = Map.copyOf(config);
    }

    /**
     * A group membership mapper putting the user's groups, by their short names (no path, so
     * {@code ml-team}, not {@code /ml-team}), into claim {@code claim} of the ID token, the access
     * token, userinfo and introspection.
     */
    public static ProtocolMapper groupMembership(String claim) {
        return new ProtocolMapper("", claim, GROUP_MEMBERSHIP, Map.of(
                "claim.name", claim,
                "full.path", "false",
                "id.token.claim", "true",
                "access.token.claim", "true",
                "userinfo.token.claim", "true",
                "introspection.token.claim", "true"));
    }

    /** A group membership mapper that puts {@code claim} into the ID token, where Dex reads it. */
    public boolean putsGroupsInIdToken(String claim) {
        return GROUP_MEMBERSHIP.equals(type) && claim.equals(config.get("claim.name"))
                && "true".equals(config.get("id.token.claim"));
    }

    /** True when this mapper does all that {@code wanted} sets (keys Keycloak added do not matter). */
    public boolean satisfies(ProtocolMapper wanted) {
        return type.equals(wanted.type()) && wanted.config().entrySet().stream()
                .allMatch(e -> e.getValue().equals(config.get(e.getKey())));
    }
}
