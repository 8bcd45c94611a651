package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import java.util.Optional;

/**
 * What one relation of a consumer endpoint asks for, read and validated once by its endpoint
 * class ({@link OidcProviderEndpoint}, {@link DexOidcConfigEndpoint}, {@link OAuthEndpoint},
 * {@link KratosExternalIdpEndpoint}).
 */
sealed interface EndpointRequest permits EndpointRequest.Valid, EndpointRequest.Invalid, EndpointRequest.Silent {

    Relation relation();

    /** A request the charm can serve; {@code warning} is status-ready, naming the consumer. */
    record Valid(Consumer.Request request, Optional<String> warning) implements EndpointRequest {
        public Relation relation() {
            return request.relation();
        }
    }

    /** A request the charm refuses: {@code problem} is the blocked status, naming the consumer and the field. */
    record Invalid(Relation relation, String problem) implements EndpointRequest {}

    /** A requirer that asks for no client ({@code oauth} with nothing written): it gets the provider's settings alone. */
    record Silent(Relation relation) implements EndpointRequest {}

    /** How a status names a consumer: its application and the relation, e.g. {@code consumer dex-auth (oidc-provider:3)}. */
    static String name(Relation relation) {
        return "consumer " + relation.remoteApp() + " (" + relation.id() + ")";
    }
}
