package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.juju.SecretUri;
import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.ClientSpec;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.ProtocolMapper;
import dev.keycloakoidc.oidc.KratosClientSecret;
import dev.keycloakoidc.oidc.OAuthProviderData;
import dev.keycloakoidc.oidc.Scopes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a reconcile: from {@link Facts} (what the hook read) to a {@link Plan} (what it will
 * write), with no Keycloak and no Juju. Desired against actual by clientId, as a bulk reconciler
 * does: a consumer without a client gets one, a client that differs is restored, a client of the
 * charm's that no consumer wants is deleted, and anything not marked as the charm's is left alone.
 */
final class Planner {

    /** Longest scope name a status shows; a consumer may send anything. */
    private static final int SHOWN_NAME = 40;
    private static final int SHOWN_NAMES = 3;

    private Planner() {}

    /**
     * One consumer per application, over every endpoint, in the order of the endpoints
     * ({@code oidc-provider}, {@code dex-oidc-config}, {@code oauth}, {@code kratos-external-idp}) and of their relations.
     */
    static List<Consumer> consumers(List<EndpointRequest> requests) {
        Map<String, List<Consumer.Request>> byApp = new LinkedHashMap<>();
        for (EndpointRequest request : requests) {
            if (request instanceof EndpointRequest.Valid valid) {
                byApp.computeIfAbsent(valid.relation().remoteApp(), app -> new ArrayList<>()).add(valid.request());
            }
        }
        List<Consumer> consumers = new ArrayList<>();
        byApp.forEach((app, list) -> consumers.add(new Consumer(app, list)));
        return consumers;
    }

    /**
     * Whether the plan needs the realm's client scopes, which cost a request: only when some scope
     * to grant is on no client of the charm's (which the clients list names), or {@code groups} is
     * wanted (its scope and mapper are checked on every hook). A steady hook does without.
     */
    static boolean needsRealmScopes(Facts facts) {
        Set<String> known = known(facts);
        if (!unknown(facts.config().scopes(), known).isEmpty()) {
            return true;
        }
        for (Consumer consumer : consumers(facts.requests())) {
            List<String> scopes = Scopes.merge(facts.config().scopes(), consumer.extraScopes());
            if (scopes.contains(Scopes.GROUPS) || !unknown(scopes, known).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    static Plan plan(Facts facts) {
        return new Planning(facts).plan();
    }

    /** {@code realm kubeflow has no OpenID Connect client scope foo}, naming a few scopes, each cut short. */
    static String describe(String realm, List<String> lacking) {
        List<String> shown = lacking.stream().limit(SHOWN_NAMES)
                .map(s -> s.length() <= SHOWN_NAME ? s : s.substring(0, SHOWN_NAME - 3) + "...").toList();
        String more = lacking.size() > SHOWN_NAMES ? " (+" + (lacking.size() - SHOWN_NAMES) + " more)" : "";
        return "realm " + realm + " has no OpenID Connect client scope" + (lacking.size() == 1 ? " " : "s ")
                + String.join(", ", shown) + more;
    }

    /** The scopes of {@code scopes} that {@code client} lacks: Keycloak grants {@code openid} to every client. */
    static List<String> missing(List<String> scopes, KeycloakClient client) {
        List<String> missing = new ArrayList<>();
        for (String scope : new LinkedHashSet<>(scopes)) {
            if (!scope.equals(Scopes.OPENID) && !client.clientScopes().contains(scope)) {
                missing.add(scope);
            }
        }
        return missing;
    }

    /** Names of the client scopes some client of the charm's holds: the realm has them. */
    private static Set<String> known(Facts facts) {
        Set<String> known = new HashSet<>();
        for (KeycloakClient client : facts.clients()) {
            if (facts.ownership().owns(client)) {
                known.addAll(client.clientScopes());
            }
        }
        return known;
    }

    /** The scopes that only the realm's client scopes can tell about: not {@code openid}, not {@code groups}, on no client of ours. */
    private static List<String> unknown(List<String> scopes, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        for (String scope : new LinkedHashSet<>(scopes)) {
            if (!scope.equals(Scopes.OPENID) && !scope.equals(Scopes.GROUPS) && !known.contains(scope)) {
                unknown.add(scope);
            }
        }
        return unknown;
    }

    /** One plan being made: the facts, and the plan's parts in the order they are found. */
    private static final class Planning {

        private final Facts facts;
        private final CharmConfig config;
        private final String realm;
        private final Set<String> known;
        private final List<Plan.GroupsScopeStep> groupsScope = new ArrayList<>();
        private final List<Plan.ClientStep> clients = new ArrayList<>();
        private final List<String> served = new ArrayList<>();
        private final List<Plan.SecretStep> secrets = new ArrayList<>();
        private final List<Plan.Grant> grants = new ArrayList<>();
        private final List<Publication> publications = new ArrayList<>();
        private final List<Status> statuses = new ArrayList<>();
        private final List<String> notices = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        /** clientId to the step that serves it, for its secret's value. */
        private final Map<String, Plan.ClientStep> steps = new HashMap<>();

        Planning(Facts facts) {
            this.facts = facts;
            this.config = facts.config();
            this.realm = config.realm();
            this.known = known(facts);
        }

        Plan plan() {
            List<EndpointRequest> requests = facts.requests();
            for (EndpointRequest request : requests) {
                if (request instanceof EndpointRequest.Invalid invalid) {
                    statuses.add(new Status.Blocked(invalid.problem()));
                } else if (request instanceof EndpointRequest.Valid valid) {
                    valid.warning().ifPresent(warnings::add);
                }
            }
            List<Consumer> consumers = consumers(requests);
            // The configured scopes go to every consumer, which would fail at login: nothing is
            // published until they are fixed, and consumers keep the settings they had.
            List<String> lacking = lackingInRealm(unknown(config.scopes(), known));
            if (!lacking.isEmpty()) {
                String them = lacking.size() == 1 ? "it" : "them";
                block("scopes: " + describe(realm, lacking) + "; create " + them + " in Keycloak (Client scopes) or remove "
                        + them + " from scopes");
                return done();
            }
            Map<String, KeycloakClient> byClientId = new HashMap<>();
            for (KeycloakClient client : facts.clients()) {
                byClientId.putIfAbsent(client.clientId(), client);
            }
            for (Consumer consumer : consumers) {
                client(consumer, byClientId.get(consumer.appName()));
            }
            groupsScope(consumers);
            deleteAbandoned(consumers);
            secrets(consumers);
            publishOidcProvider();
            publishOAuth();
            publishKratos();
            if (statuses.isEmpty()) {
                int n = served.size();
                String summary = n + (n == 1 ? " client" : " clients") + " in realm " + realm
                        + RotationPolicies.skipped(consumers, config.secretRotation()).map(s -> "; " + s).orElse("");
                statuses.add(new Status.Active(warnings.isEmpty() ? summary : summary + "; warning: " + warnings.get(0)));
            }
            return done();
        }

        private Plan done() {
            return new Plan(groupsScope, clients, served, secrets, grants, publications, statuses, notices);
        }

        private void block(String message) {
            notices.add(message);
            statuses.add(new Status.Blocked(message));
        }

        /**
         * The realm's groups scope, made or mended before any client is given it (the plan's
         * order), when a consumer served wants it: none is made for a consumer that is not served.
         */
        private void groupsScope(List<Consumer> consumers) {
            boolean wanted = false;
            for (Consumer consumer : consumers) {
                wanted |= served.contains(consumer.appName())
                        && Scopes.merge(config.scopes(), consumer.extraScopes()).contains(Scopes.GROUPS);
            }
            if (!wanted) {
                return;
            }
            GroupsScope ours = new GroupsScope(facts.ownership());
            ClientScope existing = realmScopes().get(Scopes.GROUPS);
            if (existing == null) {
                groupsScope.add(new Plan.CreateGroupsScope(ours.desired()));
                return;
            }
            Optional<ProtocolMapper> mended = ours.mend(existing);
            mended.ifPresent(mapper -> groupsScope.add(new Plan.MendGroupsMapper(existing.id(), mapper)));
            ours.warning(existing, realm).ifPresent(warning -> {
                notices.add(warning);
                warnings.add(warning);
            });
        }

        /** The step for one consumer's client, or the status that says why it is not served. */
        private void client(Consumer consumer, KeycloakClient existing) {
            String clientId = consumer.appName();
            boolean ours = existing != null && facts.ownership().owns(existing);
            List<String> scopes = Scopes.merge(config.scopes(), consumer.extraScopes());
            List<String> lacking = lackingFor(scopes, ours ? existing.clientScopes() : Set.of());
            if (!lacking.isEmpty()) {
                notServed(consumer, lacking);
                return;
            }
            ClientSpec spec = new ClientSpec(clientId, clientId + " (Juju model " + facts.modelName() + ")",
                    consumer.redirectUris(), consumer.flows(), consumer.audiences(), facts.ownership().markers());
            Plan.ClientStep step;
            if (existing == null) {
                step = new Plan.Create(spec, scopes);
            } else if (!ours) {
                statuses.add(new Status.Blocked("clientId " + clientId + " in realm " + realm
                        + " is taken by a client " + facts.ownership().markers().get(Ownership.APPLICATION)
                        + " does not manage; rename or delete that client in Keycloak"));
                return;
            } else if (!existing.satisfies(spec)) {
                step = new Plan.Restore(existing, spec, missing(scopes, existing));
            } else {
                step = new Plan.Keep(existing, missing(scopes, existing));
            }
            clients.add(step);
            steps.put(clientId, step);
            served.add(clientId);
        }

        /**
         * The scopes of {@code scopes} no client can be granted: not {@code openid}, and neither a
         * scope a client of ours holds nor an OpenID Connect client scope of the realm;
         * {@code groups}, which the charm makes, only when the realm's is not an OpenID Connect one.
         */
        private List<String> lackingFor(List<String> scopes, Set<String> clientHas) {
            List<String> asked = new ArrayList<>(unknown(scopes, known));
            if (scopes.contains(Scopes.GROUPS) && !clientHas.contains(Scopes.GROUPS)) {
                asked.add(Scopes.GROUPS);
            }
            return lackingInRealm(asked);
        }

        private List<String> lackingInRealm(List<String> names) {
            if (names.isEmpty()) {
                return List.of();
            }
            Map<String, ClientScope> realmScopes = realmScopes();
            List<String> lacking = new ArrayList<>();
            for (String name : names) {
                ClientScope scope = realmScopes.get(name);
                if (scope == null ? !name.equals(Scopes.GROUPS) : !scope.isOpenIdConnect()) {
                    lacking.add(name);
                }
            }
            return lacking;
        }

        private Map<String, ClientScope> realmScopes() {
            return facts.realmScopes().orElseThrow(() -> new IllegalStateException(
                    "the plan needs the realm's client scopes, which were not read (see Planner.needsRealmScopes)"));
        }

        /** A consumer that asked for scopes the realm lacks: no client, no secret, no settings, named in the status. */
        private void notServed(Consumer consumer, List<String> lacking) {
            Relation asking = consumer.requests().get(0).relation();
            for (Consumer.Request request : consumer.requests()) {
                if (request.extraScopes().stream().anyMatch(lacking::contains)) {
                    asking = request.relation();
                    break;
                }
            }
            String them = lacking.size() == 1 ? "it" : "them";
            block(EndpointRequest.name(asking) + ": " + describe(realm, lacking) + "; create " + them
                    + " in Keycloak or drop " + them + " from the consumer's scope");
        }

        /**
         * The clients of the charm's that no consumer asks for any more. A consumer not served
         * (a scope the realm lacks) keeps its client: it is still wanted, and will be served once
         * the scope exists.
         */
        private void deleteAbandoned(List<Consumer> consumers) {
            Set<String> wanted = new HashSet<>();
            for (Consumer consumer : consumers) {
                wanted.add(consumer.appName());
            }
            for (KeycloakClient client : facts.clients()) {
                if (facts.ownership().owns(client) && !wanted.contains(client.clientId())) {
                    clients.add(new Plan.Delete(client));
                }
            }
        }

        /**
         * Each served client's Juju secret holds Keycloak's secret and its consumer's policy; every
         * other client secret is removed: a consumer gone or not served, or one a killed hook left
         * (Juju drops a killed hook's secret-remove, but not Keycloak its client deletion).
         */
        private void secrets(List<Consumer> consumers) {
            Set<String> kept = new HashSet<>();
            for (Consumer consumer : consumers) {
                String clientId = consumer.appName();
                Facts.StoredSecret stored = facts.secrets().get(clientId);
                if (!served.contains(clientId)) {
                    continue;
                }
                RotatePolicy rotation = RotationPolicies.policyFor(consumer, config.secretRotation());
                if (stored == null) {
                    secrets.add(new Plan.AddSecret(clientId, rotation));
                    continue;
                }
                kept.add(SecretUri.parse(stored.id()).id());
                Optional<String> value = fitting(clientId, knownValue(steps.get(clientId)));
                if (value.isEmpty() || !value.equals(stored.content())) {
                    secrets.add(new Plan.SetSecretContent(clientId, stored.id()));
                }
                if (stored.rotation() != rotation) {
                    secrets.add(new Plan.SetSecretRotation(clientId, stored.id(), rotation));
                }
            }
            // Whether an owned secret is a client secret: by the label Juju found it under, or shows for it.
            Map<String, Boolean> clientSecret = new HashMap<>();
            for (Facts.StoredSecret stored : facts.secrets().values()) {
                clientSecret.put(SecretUri.parse(stored.id()).id(), true);
            }
            for (SecretInfo info : facts.unclaimed()) {
                clientSecret.put(SecretUri.parse(info.id()).id(), info.label().flatMap(ClientSecrets::clientIdOf).isPresent());
            }
            for (String id : facts.ownedSecretIds()) {
                String bare = SecretUri.parse(id).id();
                if (!kept.contains(bare) && clientSecret.getOrDefault(bare, false)) {
                    secrets.add(new Plan.RemoveSecret(id));
                }
            }
        }

        /**
         * Empty for a secret that a {@code kratos-external-idp} consumer gets and that would not
         * read back as itself in Kratos' configuration: Keycloak generates another
         * ({@link KeycloakApply}), so Juju's copy is set anew.
         */
        private Optional<String> fitting(String clientId, Optional<String> value) {
            for (EndpointRequest request : facts.kratos()) {
                if (value.isPresent() && request.relation().remoteApp().equals(clientId)
                        && !KratosClientSecret.fits(value.get())) {
                    return Optional.empty();
                }
            }
            return value;
        }

        /** Keycloak's secret of a client the plan leaves as it is; empty when it is known only once written. */
        private static Optional<String> knownValue(Plan.ClientStep step) {
            return step instanceof Plan.Keep keep ? keep.client().secret() : Optional.empty();
        }

        /** The Juju secret id of a served client, or empty when the apply step adds it. */
        private Optional<String> secretId(String clientId) {
            return Optional.ofNullable(facts.secrets().get(clientId)).map(Facts.StoredSecret::id);
        }

        /**
         * The one place that grants a client's secret to a relation: unless the relation's bag
         * already names that secret (a grant lasts as long as the relation).
         */
        private void grantUnlessNamed(String clientId, Relation relation) {
            Optional<String> id = secretId(clientId);
            if (id.isEmpty() || !SecretUri.same(id.get(), relation.localAppData().get("client_secret_id"))) {
                grants.add(new Plan.Grant(clientId, relation));
            }
        }

        /** Plans {@code publication} when its bag differs from what the relation holds. */
        private void publish(Publication publication) {
            Optional<String> carried = publication.carriedSecret();
            if (carried.isPresent()) {
                // The bag holds the secret itself: known now only for a client left as it is.
                Optional<String> value = fitting(carried.get(), knownValue(steps.get(carried.get())));
                if (value.isEmpty() || !publication.bag(facts.provider(), Optional.empty(), value)
                        .equals(publication.relation().localAppData())) {
                    publications.add(publication);
                }
                return;
            }
            Optional<String> client = publication.servedClient();
            Optional<String> id = client.flatMap(this::secretId);
            if (client.isPresent() && id.isEmpty()) {
                publications.add(publication);  // a secret this hook adds: the bag names it anew
                return;
            }
            if (!publication.bag(facts.provider(), id).equals(publication.relation().localAppData())) {
                publications.add(publication);
            }
        }

        /** The request of {@code relation}, when it is served. */
        private Optional<Consumer.Request> servedRequest(EndpointRequest request) {
            if (request instanceof EndpointRequest.Valid valid && served.contains(valid.relation().remoteApp())) {
                return Optional.of(valid.request());
            }
            return Optional.empty();
        }

        private void publishOidcProvider() {
            for (EndpointRequest request : facts.oidcProvider()) {
                Relation relation = request.relation();
                Optional<Consumer.Request> asked = servedRequest(request);
                if (asked.isEmpty()) {
                    publish(new Publication.Cleared(relation));
                    continue;
                }
                grantUnlessNamed(relation.remoteApp(), relation);
                publish(new OidcProviderEndpoint.Settings(relation, relation.remoteApp(),
                        Scopes.merge(config.scopes(), asked.get().extraScopes()), asked.get().redirectUri().orElseThrow()));
            }
        }

        /**
         * Each served Kratos gets its provider, the client secret inside; one not served (the realm
         * lacks a scope) keeps nothing of an earlier hook.
         */
        private void publishKratos() {
            for (EndpointRequest request : facts.kratos()) {
                Relation relation = request.relation();
                if (servedRequest(request).isEmpty()) {
                    publish(new Publication.Cleared(relation));
                    continue;
                }
                publish(new KratosExternalIdpEndpoint.Settings(relation, relation.remoteApp(), config.scopes()));
            }
        }

        private void publishOAuth() {
            List<String> missing = OAuthProviderData.missingEndpoints(facts.provider().discovery());
            if (!facts.oauth().isEmpty() && !missing.isEmpty()) {
                facts.oauth().forEach(request -> publish(new Publication.Cleared(request.relation())));
                statuses.add(new Status.Blocked("cannot serve oauth: the discovery document of "
                        + facts.provider().discovery().issuer() + " lacks " + String.join(", ", missing)
                        + ", which the oauth interface requires"));
                return;
            }
            for (EndpointRequest request : facts.oauth()) {
                Relation relation = request.relation();
                Optional<Consumer.Request> asked = servedRequest(request);
                asked.ifPresent(r -> grantUnlessNamed(relation.remoteApp(), relation));
                publish(new OAuthEndpoint.Settings(relation,
                        Scopes.merge(config.scopes(), asked.map(Consumer.Request::extraScopes).orElse(List.of())),
                        asked.map(r -> relation.remoteApp())));
            }
        }
    }
}
