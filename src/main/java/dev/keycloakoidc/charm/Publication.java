package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import java.util.Map;
import java.util.Optional;

/**
 * The bag the plan wants on one relation, typed by its endpoint; rendered to the wire by that
 * endpoint once the Juju secret of its client has an id (a secret the hook adds has none before).
 */
sealed interface Publication permits Publication.Cleared, OidcProviderEndpoint.Settings, OAuthEndpoint.Settings,
        KratosExternalIdpEndpoint.Settings {

    Relation relation();

    /** The client whose Juju secret the bag names (and the relation is granted), if any. */
    Optional<String> servedClient();

    /** The application databag, {@code secretId} being the URI of {@link #servedClient()}'s secret. */
    Map<String, String> bag(Provider provider, Optional<String> secretId);

    /**
     * The client whose secret itself the bag carries ({@code kratos-external-idp}, the one bag
     * allowed to), if any.
     */
    default Optional<String> carriedSecret() {
        return Optional.empty();
    }

    /** The application databag, {@code secret} being the value of {@link #carriedSecret()}'s client secret. */
    default Map<String, String> bag(Provider provider, Optional<String> secretId, Optional<String> secret) {
        return bag(provider, secretId);
    }

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
