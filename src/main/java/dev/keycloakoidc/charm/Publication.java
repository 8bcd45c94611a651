package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import java.util.Map;
import java.util.Optional;

/**
 * The bag the plan wants on one relation, typed by its endpoint; rendered to the wire by that
 * endpoint once the Juju secret of its client has an id (a secret the hook adds has none before).
 */
sealed interface Publication permits Publication.Cleared, OidcProviderEndpoint.Settings, OAuthEndpoint.Settings {

    Relation relation();

    /** The client whose Juju secret the bag names (and the relation is granted), if any. */
    Optional<String> servedClient();

    /** The application databag, {@code secretId} being the URI of {@link #servedClient()}'s secret. */
    Map<String, String> bag(Provider provider, Optional<String> secretId);

    /** An empty bag: a consumer not served keeps no settings of an earlier hook. */
    record Cleared(Relation relation) implements Publication {
        public Optional<String> servedClient() {
            return Optional.empty();
        }

        public Map<String, String> bag(Provider provider, Optional<String> secretId) {
            return Map.of();
        }
    }
}
