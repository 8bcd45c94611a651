package dev.keycloakoidc.charm;

import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.juju.SecretUri;
import dev.keycloakoidc.keycloak.ClientSpec;
import dev.keycloakoidc.keycloak.KeycloakAdmin;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.KeycloakConnection;
import dev.keycloakoidc.oidc.DexConnector;
import dev.keycloakoidc.oidc.Discovery;
import dev.keycloakoidc.oidc.DiscoveryDocument;
import dev.keycloakoidc.oidc.ProviderData;
import dev.keycloakoidc.oidc.Scopes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The leader's one idempotent pass over the whole model: makes Keycloak (realm, one client per
 * consumer) and Juju (client secrets, provider relation data) match config and relations,
 * writing only what differs. Expected failures end the pass with a status; the next hook retries.
 */
final class Reconciler {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", Pattern.DOTALL);

    private static final java.util.Set<String> VERSION_HOOKS =
            java.util.Set.of("install", "start", "upgrade-charm", "config-changed", "leader-elected", "secret-changed");

    private final Juju juju;
    private final Ownership ownership;
    private final List<Status> statuses = new ArrayList<>();

    Reconciler(Juju juju) {
        this.juju = juju;
        this.ownership = new Ownership(juju.context());
    }

    /** Runs the pass and returns the statuses it collected (empty means all is well). */
    List<Status> reconcile() {
        Prerequisites prerequisites = Prerequisites.check(juju);
        if (prerequisites instanceof Prerequisites.Unmet unmet) {
            statuses.addAll(unmet.problems());
            return statuses;
        }
        Prerequisites.Met met = (Prerequisites.Met) prerequisites;
        CharmConfig config = met.config();
        Consumers.Gathered gathered = Consumers.gather(juju);
        gathered.problems().forEach(p -> juju.log(LogLevel.WARNING, p.message()));
        gathered.warnings().forEach(w -> juju.log(LogLevel.WARNING, w));
        statuses.addAll(gathered.problems());
        try {
            converge(config, met.connection(), gathered);
        } catch (RuntimeException failure) {
            Status status = Failures.status(failure).orElseThrow(() -> failure);
            juju.log(LogLevel.WARNING, status.message());
            statuses.add(status);
        }
        return statuses;
    }

    private void converge(CharmConfig config, KeycloakConnection connection, Consumers.Gathered gathered) {
        try (KeycloakAdmin admin = KeycloakAdmin.connect(connection)) {
            if (versionMayHaveChanged()) {
                admin.serverInfo().version().ifPresentOrElse(juju::setApplicationVersion,
                        () -> juju.log(LogLevel.INFO, "Keycloak does not tell these admin credentials its version "
                                + "(from 26.7 on only to those that can manage their own realm); the application "
                                + "version stays as it was"));
            }
            Optional<List<KeycloakClient>> existing = admin.clients().list(config.realm());
            List<KeycloakClient> clients;
            if (existing.isEmpty()) {
                admin.realms().create(config.realm());
                juju.log(LogLevel.INFO, "created realm " + config.realm());
                clients = List.of();
            } else {
                clients = existing.get();
                // A hook killed between the realm's POST and the end of its set-up left it half-made,
                // and without any client of ours: they are made only after the set-up. So the realm
                // itself is read (for its set-up marker) only while it holds none of our clients,
                // and a steady hook does without that request.
                if (clients.stream().noneMatch(ownership::owns) && admin.realms().finishSetup(config.realm())) {
                    juju.log(LogLevel.INFO, "finished setting up realm " + config.realm());
                }
            }
            // The issuer is checked before anything is published: Dex refuses to start on a mismatch.
            DiscoveryDocument discovery = Discovery.fetch(HttpClients.forUrl(config.issuer(), config.caCert()), config.issuer());
            // So are the configured scopes: every consumer would get them, and fail at login.
            ScopeGrants grants = new ScopeGrants(juju, admin, config.realm());
            List<String> lacking = grants.lacking(config.scopes(), ownership.owned(clients));
            if (!lacking.isEmpty()) {
                block("scopes: " + ScopeGrants.describe(config.realm(), lacking) + "; create "
                        + (lacking.size() == 1 ? "it" : "them") + " in Keycloak (Client scopes) or remove "
                        + (lacking.size() == 1 ? "it" : "them") + " from scopes");
                return;
            }
            Map<String, String> secretIds = ensureClients(admin, config, gathered.consumers(), clients, grants);
            deleteAbandoned(admin, config, clients, gathered.consumers());
            new ClientSecrets(juju).removeAllBut(secretIds.values());
            publish(config, discovery, gathered, secretIds);
            if (statuses.isEmpty()) {
                int n = secretIds.size();
                String summary = n + (n == 1 ? " client" : " clients") + " in realm " + config.realm()
                        + SecretRotationScope.skipped(gathered.consumers(), config.secretRotation()).map(s -> "; " + s).orElse("");
                List<String> warnings = new ArrayList<>(gathered.warnings());
                warnings.addAll(grants.warnings());
                statuses.add(new Status.Active(warnings.isEmpty() ? summary : summary + "; warning: " + warnings.get(0)));
            }
        }
    }

    /**
     * The server info that carries Keycloak's version is a quarter of a megabyte: read it when the
     * charm is set up or pointed elsewhere, not on every update-status and relation hook. A
     * Keycloak upgraded in place shows its new version after the next of these hooks.
     */
    private boolean versionMayHaveChanged() {
        return VERSION_HOOKS.contains(juju.context().hookName().orElse(""));
    }

    /** Creates or repairs each consumer's client; returns clientId to Juju secret id for those served. */
    private Map<String, String> ensureClients(KeycloakAdmin admin, CharmConfig config, List<Consumer> consumers,
                                              List<KeycloakClient> actual, ScopeGrants grants) {
        Map<String, KeycloakClient> byClientId = actual.stream()
                .collect(Collectors.toMap(KeycloakClient::clientId, Function.identity(), (a, b) -> a));
        ClientSecrets secrets = new ClientSecrets(juju);
        Map<String, String> secretIds = new HashMap<>();
        for (Consumer consumer : consumers) {
            String clientId = consumer.appName();
            ClientSpec spec = new ClientSpec(clientId, consumer.appName() + " (Juju model " + juju.context().modelName() + ")",
                    consumer.redirectUris(), consumer.flows(), consumer.audiences(), ownership.markers());
            KeycloakClient existing = byClientId.get(clientId);
            List<String> scopes = Scopes.merge(config.scopes(), consumer.extraScopes());
            List<String> lacking = grants.lacking(scopes,
                    existing != null && ownership.owns(existing) ? List.of(existing) : List.of());
            if (!lacking.isEmpty()) {
                notServed(consumer, lacking, config.realm());
                continue;
            }
            KeycloakClient client = existing;
            String secret;
            if (existing == null) {
                admin.clients().create(config.realm(), spec);
                juju.log(LogLevel.INFO, "created client " + clientId + " in realm " + config.realm());
                client = admin.clients().find(config.realm(), clientId).orElseThrow(
                        () -> new IllegalStateException("Keycloak did not find the new client " + clientId));
                secret = client.secret().orElseThrow(
                        () -> new IllegalStateException("Keycloak returned no secret for the new client " + clientId));
            } else if (!ownership.owns(existing)) {
                statuses.add(new Status.Blocked("clientId " + clientId + " in realm " + config.realm()
                        + " is taken by a client " + juju.context().appName()
                        + " does not manage; rename or delete that client in Keycloak"));
                continue;
            } else {
                if (!existing.satisfies(spec)) {
                    admin.clients().update(config.realm(), existing.id(), spec);
                    juju.log(LogLevel.INFO, "restored client " + clientId + " in realm " + config.realm());
                    // A client made public in the console was read without a secret; now it has one again.
                    secret = admin.clients().secret(config.realm(), existing.id());
                } else {
                    secret = existing.secret().orElseThrow(() -> new IllegalStateException(
                            "Keycloak did not return the secret of client " + clientId));
                }
            }
            if (grants.grant(client, scopes) instanceof ScopeGrants.Lacking gone) {
                // Only a closer look tells, e.g. that the realm's groups scope is a SAML one.
                notServed(consumer, gone.scopes(), config.realm());
                continue;
            }
            secretIds.put(clientId, secrets.ensure(clientId, config.realm(), secret,
                    SecretRotationScope.policyFor(consumer, config.secretRotation())));
        }
        return secretIds;
    }

    /** A consumer that asked for scopes the realm lacks: no secret, no settings, named in the status. */
    private void notServed(Consumer consumer, List<String> lacking, String realm) {
        Relation asking = consumer.requests().stream()
                .filter(r -> r.extraScopes().stream().anyMatch(lacking::contains))
                .map(Consumer.Request::relation)
                .findFirst().orElse(consumer.requests().get(0).relation());
        String them = lacking.size() == 1 ? "it" : "them";
        block(Consumers.name(asking) + ": " + ScopeGrants.describe(realm, lacking) + "; create " + them
                + " in Keycloak or drop " + them + " from the consumer's scope");
    }

    private void block(String message) {
        juju.log(LogLevel.WARNING, message);
        statuses.add(new Status.Blocked(message));
    }

    /**
     * Deletes the managed clients no consumer asks for any more. Their Juju secrets go with
     * {@link ClientSecrets#removeAllBut}, which the reconcile calls next.
     */
    private void deleteAbandoned(KeycloakAdmin admin, CharmConfig config, List<KeycloakClient> actual,
                                 List<Consumer> consumers) {
        Set<String> wanted = consumers.stream().map(Consumer::appName).collect(Collectors.toSet());
        for (KeycloakClient client : actual) {
            if (ownership.owns(client) && !wanted.contains(client.clientId())) {
                admin.clients().delete(config.realm(), client.id());
                juju.log(LogLevel.INFO, "deleted client " + client.clientId() + ": its consumer is gone");
            }
        }
    }

    /**
     * Writes each oidc-provider relation's settings, or clears them for a consumer not served; then
     * the oauth relations' ({@link OAuthPublisher}).
     */
    private void publish(CharmConfig config, DiscoveryDocument discovery, Consumers.Gathered gathered,
                         Map<String, String> secretIds) {
        Optional<List<String>> caChain = config.caCert().map(Reconciler::pemBlocks);
        for (Relation relation : gathered.providerRelations()) {
            Optional<Consumer.Request> request = Consumers.request(gathered.consumers(), relation);
            String secretId = secretIds.get(relation.remoteApp());
            if (request.isEmpty() || secretId == null) {
                juju.publish(relation, Map.of());
                continue;
            }
            if (!SecretUri.same(secretId, relation.localAppData().get("client_secret_id"))) {
                juju.secret(secretId).grant(relation);
            }
            List<String> scopes = Scopes.merge(config.scopes(), request.get().extraScopes());
            String redirectUri = request.get().redirectUri().orElseThrow();
            DexConnector connector = new DexConnector(config.connectorId(), config.connectorName(), config.issuer(),
                    relation.remoteApp(), Optional.empty(), redirectUri, scopes, config.usernameKey());
            ProviderData data = new ProviderData(discovery, scopes, relation.remoteApp(), secretId,
                    redirectUri, connector, caChain);
            juju.publish(relation, data.toDatabag());
        }
        statuses.addAll(new OAuthPublisher(juju).publish(gathered.oauthRelations(), gathered.consumers(), secretIds,
                discovery, config, caChain));
    }

    private static List<String> pemBlocks(String bundle) {
        List<String> blocks = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(bundle);
        while (m.find()) {
            blocks.add(m.group() + "\n");
        }
        return blocks;
    }
}
