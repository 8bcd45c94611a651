package dev.keycloakoidc.charm;

import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.oidc.Discovery;
import dev.keycloakoidc.oidc.DiscoveryDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leader's one idempotent pass over the whole model, in three steps: read (the endpoints'
 * requests, Keycloak's clients, the issuer, the charm's Juju secrets: {@link Facts}), decide
 * ({@link Planner}: a {@link Plan}), then carry the plan out ({@link KeycloakApply}, then
 * {@link JujuApply}), writing only what differs. Expected failures end the pass with a status; the
 * next hook retries, and decides again from what it reads.
 */
final class Reconciler {

    private static final Set<String> VERSION_HOOKS =
            Set.of("install", "start", "upgrade-charm", "config-changed", "leader-elected", "secret-changed");

    /** Work a hook does first, with the reconcile's reading of the config and the endpoints, and its Keycloak session. */
    interface Before {
        /** Decides what needs no Keycloak; returns whether {@link #run} is wanted. */
        boolean prepare(Prerequisites prerequisites, List<Consumer> consumers);

        /** Runs before the reconcile reads Keycloak. */
        void run(KeycloakAdmin admin);

        /** The reconcile failed with {@code status}, maybe before {@link #run}. */
        void failed(Status status);
    }

    private final Juju juju;
    private final Ownership ownership;

    Reconciler(Juju juju) {
        this.juju = juju;
        this.ownership = new Ownership(juju.context());
    }

    /** Runs the pass and returns the statuses it collected (empty means all is well). */
    List<Status> reconcile() {
        return reconcile(Optional.empty());
    }

    /**
     * Runs the pass, {@code before} first with the same Keycloak session (one sign-in per hook);
     * returns the statuses it collected.
     */
    List<Status> reconcile(Optional<Before> before) {
        List<Status> statuses = new ArrayList<>();
        Prerequisites prerequisites = Prerequisites.check(juju);
        if (prerequisites instanceof Prerequisites.Unmet unmet) {
            before.ifPresent(work -> work.prepare(unmet, List.of()));
            statuses.addAll(unmet.problems());
            return statuses;
        }
        Prerequisites.Met met = (Prerequisites.Met) prerequisites;
        // The CAs go out before Keycloak is called: what to trust does not depend on its answers.
        CaTransferEndpoints.apply(juju, met.trust(), juju.relations(CaTransferEndpoints.SEND), met.received());
        met.trust().problems().forEach(p -> juju.log(LogLevel.WARNING, p.message()));
        statuses.addAll(met.trust().problems());
        List<EndpointRequest> oidcProvider = OidcProviderEndpoint.read(juju.relations(OidcProviderEndpoint.NAME));
        List<EndpointRequest> dexOidcConfig = DexOidcConfigEndpoint.read(juju.relations(DexOidcConfigEndpoint.NAME));
        List<EndpointRequest> oauth = OAuthEndpoint.read(juju.relations(OAuthEndpoint.NAME));
        List<EndpointRequest> kratos =
                KratosExternalIdpEndpoint.read(juju.relations(KratosExternalIdpEndpoint.NAME), met.config().issuer());
        List<EndpointRequest> all = new ArrayList<>(oidcProvider);
        all.addAll(dexOidcConfig);
        all.addAll(oauth);
        all.addAll(kratos);
        List<String> warnings = new ArrayList<>();
        for (EndpointRequest request : all) {
            if (request instanceof EndpointRequest.Invalid invalid) {
                juju.log(LogLevel.WARNING, invalid.problem());
            } else if (request instanceof EndpointRequest.Valid valid) {
                valid.warning().ifPresent(warnings::add);
            }
        }
        warnings.forEach(w -> juju.log(LogLevel.WARNING, w));
        List<Consumer> consumers = Planner.consumers(all);
        CharmConfig config = met.config();
        boolean runBefore = before.isPresent() && before.get().prepare(met, consumers);
        try (KeycloakAdmin admin = KeycloakAdmin.connect(met.connection())) {
            if (runBefore) {
                before.get().run(admin);
            }
            KeycloakApply keycloak = new KeycloakApply(juju, admin, config.realm(), ownership);
            if (versionMayHaveChanged()) {
                keycloak.version().ifPresentOrElse(juju::setApplicationVersion,
                        () -> juju.log(LogLevel.INFO, "Keycloak does not tell these admin credentials its version "
                                + "(from 26.7 on only to those that can manage their own realm); the application "
                                + "version stays as it was"));
            }
            List<KeycloakClient> clients = keycloak.clients();
            // The issuer is checked before anything is published: Dex refuses to start on a mismatch.
            DiscoveryDocument discovery = Discovery.fetch(HttpClients.forUrl(config.issuer(), met.trust().pem()), config.issuer());
            Facts facts = new Facts(config, ownership, juju.context().modelName(), oidcProvider, dexOidcConfig, oauth,
                    kratos, clients, Optional.empty(), Provider.of(config, discovery, met.trust()), Map.of(), List.of(), List.of());
            if (Planner.needsRealmScopes(facts)) {
                facts = facts.withRealmScopes(keycloak.realmScopes());
            }
            facts = withSecrets(facts, consumers);
            Plan plan = Planner.plan(facts);
            plan.notices().forEach(notice -> juju.log(LogLevel.WARNING, notice));
            Map<String, String> values = keycloak.apply(plan);
            new JujuApply(juju, facts).apply(plan, values);
            statuses.addAll(plan.statuses());
        } catch (RuntimeException failure) {
            Status status = Failures.status(failure).orElseThrow(() -> failure);
            juju.log(LogLevel.WARNING, status.message());
            if (runBefore) {
                before.get().failed(status);
            }
            // What the endpoints said still stands; the failure says why nothing else was decided.
            for (EndpointRequest request : all) {
                if (request instanceof EndpointRequest.Invalid invalid) {
                    statuses.add(new Status.Blocked(invalid.problem()));
                }
            }
            statuses.add(status);
        }
        return statuses;
    }

    /** The charm's client secrets as Juju holds them, for every consumer and every orphan. */
    private Facts withSecrets(Facts facts, List<Consumer> consumers) {
        ClientSecrets secrets = new ClientSecrets(juju);
        List<String> clientIds = new ArrayList<>();
        consumers.forEach(c -> clientIds.add(c.appName()));
        Map<String, Facts.StoredSecret> stored = secrets.stored(clientIds);
        List<String> owned = juju.ownedSecretIds();
        List<SecretInfo> unclaimed = secrets.unclaimed(owned, stored.values());
        return facts.withSecrets(stored, owned, unclaimed);
    }

    /**
     * The server info that carries Keycloak's version is a quarter of a megabyte: read it when the
     * charm is set up or pointed elsewhere, not on every update-status and relation hook. A
     * Keycloak upgraded in place shows its new version after the next of these hooks.
     */
    private boolean versionMayHaveChanged() {
        return VERSION_HOOKS.contains(juju.context().hookName().orElse(""));
    }
}
