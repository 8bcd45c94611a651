package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.keycloak.ClientFlows;
import dev.keycloakoidc.oidc.KratosAnswer;
import dev.keycloakoidc.oidc.KratosClientSecret;
import dev.keycloakoidc.oidc.KratosProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code kratos-external-idp} endpoint (interface {@code external_provider}, library
 * {@code charms.kratos_external_idp_integrator.v1.kratos_external_provider}): the charm is one
 * OpenID Connect provider of Ory Kratos. It writes first ({@code providers}: a Keycloak client
 * with its secret, docs/interfaces/kratos-external-idp); Kratos answers with its callback for the
 * provider id the charm sent ({@link KratosAnswer}), which becomes the client's one redirect URI
 * from this endpoint. Until then the client has the standard flow and no redirect URI from here.
 *
 * <p>The client secret travels in plain relation data ({@link KratosClientSecret}): LIBAPI 1 has
 * no other way. It is still kept in a charm-owned Juju secret, like every client's, so that
 * rotation covers it; a new value rewrites the bag, and Kratos follows on relation-changed.
 */
final class KratosExternalIdpEndpoint {

    static final String NAME = "kratos-external-idp";

    /** What Kratos needs: a login through the browser. It refreshes no tokens. */
    static final ClientFlows FLOWS = new ClientFlows(true, false, false, false);

    private KratosExternalIdpEndpoint() {}

    /** @param issuer the issuer published, part of each provider id ({@link KratosProvider#libraryDefaultId}) */
    static List<EndpointRequest> read(List<Relation> relations, String issuer) {
        List<EndpointRequest> requests = new ArrayList<>();
        for (Relation relation : relations) {
            requests.add(read(relation, issuer));
        }
        return requests;
    }

    /**
     * Always a request the charm serves: Kratos has nothing to say before the charm writes, and an
     * answer the charm cannot use (for another provider id, or malformed) is named in a warning and
     * registers nothing.
     */
    static EndpointRequest read(Relation relation, String issuer) {
        String providerId = providerId(relation, issuer);
        KratosAnswer.Parsed answer = KratosAnswer.parse(relation.remoteAppData(), providerId);
        Optional<String> redirectUri = Optional.empty();
        Optional<String> warning = Optional.empty();
        if (answer instanceof KratosAnswer.Registered registered) {
            redirectUri = Optional.of(registered.redirectUri());
            if (!registered.otherIds().isEmpty()) {
                warning = Optional.of(EndpointRequest.name(relation) + ": ignored its answer for provider id "
                        + String.join(", ", registered.otherIds()) + ", which is not " + providerId);
            }
        } else if (answer instanceof KratosAnswer.OnlyOthers others) {
            warning = Optional.of(EndpointRequest.name(relation) + ": " + others.problem(providerId) + "; ignored");
        } else if (answer instanceof KratosAnswer.Invalid invalid) {
            warning = Optional.of(EndpointRequest.name(relation) + ": " + invalid.problem() + "; ignored");
        }
        return new EndpointRequest.Valid(new Consumer.Request(relation, redirectUri, List.of(), FLOWS, List.of()), warning);
    }

    /** The provider id of {@code relation}'s client: the library's default, which hashes clientId and issuer. */
    static String providerId(Relation relation, String issuer) {
        return KratosProvider.libraryDefaultId(relation.remoteApp(), issuer);
    }

    /**
     * A served relation's bag: the provider, with its client's secret itself ({@link #carriedSecret}),
     * not a Juju secret's id: nothing is granted.
     */
    record Settings(Relation relation, String clientId, List<String> scopes) implements Publication {

        Settings {
            scopes = List.copyOf(scopes);
        }

        /** No Juju secret is named or granted: the bag carries the value ({@link #carriedSecret}). */
        public Optional<String> servedClient() {
            return Optional.empty();
        }

        public Optional<String> carriedSecret() {
            return Optional.of(clientId);
        }

        public Map<String, String> bag(Provider provider, Optional<String> secretId) {
            throw new IllegalStateException("the kratos-external-idp bag carries the client secret itself");
        }

        public Map<String, String> bag(Provider provider, Optional<String> secretId, Optional<String> secret) {
            CharmConfig config = provider.config();
            return KratosProvider.forKeycloak(config.kratosLabel(), clientId, config.issuer(), scopes,
                    KratosClientSecret.inRelationData(secret.orElseThrow())).toDatabag();
        }
    }
}
