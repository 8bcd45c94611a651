package dev.keycloakoidc.charm;

import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.ProtocolMapper;
import dev.keycloakoidc.oidc.Scopes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The realm's {@code groups} client scope as the charm wants it: OpenID Connect, one group
 * membership mapper putting the user's group names (no path) in the {@code groups} claim of the ID
 * token, the access token and userinfo, and the charm's ownership markers. One an administrator
 * made is left alone; the charm only says when it would not put groups in Dex's ID tokens.
 */
final class GroupsScope {

    private final Ownership ownership;

    GroupsScope(Ownership ownership) {
        this.ownership = ownership;
    }

    /** The scope to create, mapper included (the mapper needs no markers: it lives and dies with its scope). */
    ClientScope desired() {
        Map<String, String> attributes = new HashMap<>(ownership.markers());
        attributes.put("include.in.token.scope", "true");
        attributes.put("display.on.consent.screen", "true");
        attributes.put("consent.screen.text", "Your group memberships");
        return new ClientScope("", Scopes.GROUPS, ClientScope.OPENID_CONNECT, attributes, List.of(mapper("")));
    }

    /**
     * For the charm's own scope whose mapper is missing or was changed: the mapper to write (with
     * its id when one of that name exists, to be replaced; without one, to be added). Nothing for
     * an administrator's scope or one that is as it should be.
     */
    Optional<ProtocolMapper> mend(ClientScope existing) {
        if (!ownership.owns(existing.attributes())) {
            return Optional.empty();
        }
        ProtocolMapper wanted = mapper("");
        Optional<ProtocolMapper> current = existing.mapper(wanted.name());
        if (current.isPresent() && current.get().satisfies(wanted)) {
            return Optional.empty();
        }
        return Optional.of(mapper(current.map(ProtocolMapper::id).orElse("")));
    }

    /** A status-ready warning when an administrator's scope puts no groups claim in ID tokens. */
    Optional<String> warning(ClientScope existing, String realm) {
        if (ownership.owns(existing.attributes())
                || existing.mappers().stream().anyMatch(m -> m.putsGroupsInIdToken(Scopes.GROUPS_CLAIM))) {
            return Optional.empty();
        }
        return Optional.of("client scope " + Scopes.GROUPS + " of realm " + realm + " (not made by "
                + ownership.markers().get(Ownership.APPLICATION) + ") puts no " + Scopes.GROUPS_CLAIM
                + " claim in ID tokens; add a Group Membership mapper to it, or delete it to have it made");
    }

    private static ProtocolMapper mapper(String id) {
        ProtocolMapper wanted = ProtocolMapper.groupMembership(Scopes.GROUPS_CLAIM);
        return new ProtocolMapper(id, wanted.name(), wanted.type(), wanted.config());
    }
}
