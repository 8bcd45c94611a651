package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.oidc.DexIssuers;
import dev.keycloakoidc.oidc.RedirectUris;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code dex-oidc-config} endpoint of stock dex-auth: Dex publishes its {@code issuer-url},
 * and the charm registers a client for Dex's callback under it. The charm writes nothing back:
 * stock dex-auth reads its connector from its own config ({@code get-connector}).
 */
public final class DexOidcConfigEndpoint {

    public static final String NAME = "dex-oidc-config";

    private DexOidcConfigEndpoint() {}

    static List<EndpointRequest> read(List<Relation> relations) {
        List<EndpointRequest> requests = new ArrayList<>();
        for (Relation relation : relations) {
            requests.add(read(relation));
        }
        return requests;
    }

    static EndpointRequest read(Relation relation) {
        String issuerUrl = relation.remoteAppData().getOrDefault("issuer-url", "").strip();
        if (issuerUrl.isEmpty()) {
            return new EndpointRequest.Invalid(relation, EndpointRequest.name(relation) + " has not published issuer-url yet");
        }
        String callback = DexIssuers.callbackUrl(issuerUrl);
        // A query would swallow "/callback" (https://dex/x?a=1/callback) and an OIDC issuer has none.
        Optional<String> problem = issuerUrl.contains("?") ? Optional.of("has a query") : RedirectUris.problem(callback);
        if (problem.isPresent()) {
            return new EndpointRequest.Invalid(relation, EndpointRequest.name(relation) + ": issuer-url " + problem.get());
        }
        return new EndpointRequest.Valid(new Consumer.Request(relation, callback, List.of()),
                DexIssuers.warning(issuerUrl).map(w -> EndpointRequest.name(relation) + ": " + w));
    }
}
