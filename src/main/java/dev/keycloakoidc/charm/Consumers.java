package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.oidc.DexIssuers;
import dev.keycloakoidc.oidc.RedirectUris;
import dev.keycloakoidc.oidc.Scopes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads who wants a client from every endpoint (oauth through {@link OAuthConsumers}). A relation whose data is missing or unacceptable
 * is left out with a status naming it; every other consumer keeps being served.
 */
public final class Consumers {

    public static final String OIDC_PROVIDER = "oidc-provider";
    public static final String DEX_OIDC_CONFIG = "dex-oidc-config";

    /** The consumers to serve and the problems of those left out. */
    record Gathered(List<Consumer> consumers, List<Relation> providerRelations, List<Status> problems,
                    List<String> warnings, List<Relation> oauthRelations) {}

    private Consumers() {}

    static Gathered gather(Juju juju) {
        Map<String, List<Consumer.Request>> requests = new LinkedHashMap<>();
        List<Relation> providerRelations = juju.relations(OIDC_PROVIDER);
        List<Status> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        for (Relation relation : providerRelations) {
            fromProvider(relation).ifPresentOrElse(
                    request -> requests.computeIfAbsent(relation.remoteApp(), k -> new ArrayList<>()).add(request),
                    () -> problems.add(providerProblem(relation)));
        }
        for (Relation relation : juju.relations(DEX_OIDC_CONFIG)) {
            String issuerUrl = relation.remoteAppData().getOrDefault("issuer-url", "").strip();
            if (issuerUrl.isEmpty()) {
                problems.add(new Status.Blocked(name(relation) + " has not published issuer-url yet"));
                continue;
            }
            String callback = DexIssuers.callbackUrl(issuerUrl);
            // A query would swallow "/callback" (https://dex/x?a=1/callback) and an OIDC issuer has none.
            Optional<String> problem = issuerUrl.contains("?") ? Optional.of("has a query")
                    : RedirectUris.problem(callback);
            if (problem.isPresent()) {
                problems.add(new Status.Blocked(name(relation) + ": issuer-url " + problem.get()));
                continue;
            }
            DexIssuers.warning(issuerUrl).ifPresent(w -> warnings.add(name(relation) + ": " + w));
            requests.computeIfAbsent(relation.remoteApp(), k -> new ArrayList<>())
                    .add(new Consumer.Request(relation, callback, List.of()));
        }

        OAuthConsumers.Gathered oauth = OAuthConsumers.gather(juju);
        oauth.requests().forEach(request -> requests.computeIfAbsent(request.relation().remoteApp(),
                k -> new ArrayList<>()).add(request));
        problems.addAll(oauth.problems());

        List<Consumer> consumers = new ArrayList<>();
        requests.forEach((app, list) -> consumers.add(
                new Consumer(app, list)));
        return new Gathered(List.copyOf(consumers), providerRelations, List.copyOf(problems), List.copyOf(warnings),
                oauth.relations());
    }

    /** The request {@code relation} made among {@code consumers}, if it is served. */
    static Optional<Consumer.Request> request(List<Consumer> consumers, Relation relation) {
        return consumers.stream()
                .flatMap(c -> c.requests().stream())
                .filter(r -> r.relation().id().equals(relation.id()))
                .findFirst();
    }

    private static Optional<Consumer.Request> fromProvider(Relation relation) {
        String uri = relation.remoteAppData().get("redirect_uri");
        if (uri == null || RedirectUris.problem(uri).isPresent() || scopeProblem(relation).isPresent()) {
            return Optional.empty();
        }
        Scopes.Parsed extra = Scopes.parseExtra(relation.remoteAppData().getOrDefault("scope", ""));
        return Optional.of(new Consumer.Request(relation, uri, ((Scopes.Valid) extra).scopes()));
    }

    private static Status providerProblem(Relation relation) {
        String uri = relation.remoteAppData().get("redirect_uri");
        if (uri == null || uri.isEmpty()) {
            return new Status.Blocked(name(relation) + " has not sent redirect_uri");
        }
        return new Status.Blocked(name(relation) + ": "
                + RedirectUris.problem(uri).map(p -> "redirect_uri " + p).or(() -> scopeProblem(relation)).orElseThrow());
    }

    private static Optional<String> scopeProblem(Relation relation) {
        Scopes.Parsed extra = Scopes.parseExtra(relation.remoteAppData().getOrDefault("scope", ""));
        return extra instanceof Scopes.Invalid invalid ? Optional.of(invalid.problem()) : Optional.empty();
    }

    /** How a status names a consumer: its application and the relation, e.g. {@code dex-auth (oidc-provider:3)}. */
    static String name(Relation relation) {
        return "consumer " + relation.remoteApp() + " (" + relation.id() + ")";
    }
}
