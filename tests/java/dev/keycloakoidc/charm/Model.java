package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.keycloak.ClientFlows;
import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.ProtocolMapper;
import dev.keycloakoidc.oidc.DiscoveryDocument;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model as a hook reads it, built up in a test: relations on each endpoint, Keycloak's
 * clients and client scopes, the charm's Juju secrets. {@link #facts()} is what the reconcile
 * would hand the {@link Planner}; no Keycloak and no Juju are involved.
 */
final class Model {

    static final String MODEL_UUID = "4b0e9a3c-1111-4222-8333-444455556666";
    static final String APP = "keycloak-oidc";
    static final String REALM = "kubeflow";
    static final String ISSUER = "https://keycloak.example.com/realms/kubeflow";
    static final DiscoveryDocument DISCOVERY = new DiscoveryDocument(ISSUER, ISSUER + "/protocol/openid-connect/auth",
            ISSUER + "/protocol/openid-connect/token", Optional.of(ISSUER + "/protocol/openid-connect/userinfo"),
            ISSUER + "/protocol/openid-connect/certs", Optional.of(ISSUER + "/protocol/openid-connect/token/introspect"));
    static final Ownership OURS = new Ownership(MODEL_UUID, APP);
    /** The scopes every new realm has as client scopes, and gives a new client as defaults. */
    static final Set<String> DEFAULT_CLIENT_SCOPES = Set.of("profile", "email", "offline_access");

    private List<String> scopes = List.of("openid", "profile", "email");
    private RotatePolicy rotation = RotatePolicy.NEVER;
    private DiscoveryDocument discovery = DISCOVERY;
    private final List<Relation> oidcProvider = new ArrayList<>();
    private final List<Relation> dexOidcConfig = new ArrayList<>();
    private final List<Relation> oauth = new ArrayList<>();
    private final List<Relation> kratos = new ArrayList<>();
    private final List<KeycloakClient> clients = new ArrayList<>();
    private Map<String, ClientScope> realmScopes;
    private final Map<String, Facts.StoredSecret> secrets = new HashMap<>();
    private final List<String> owned = new ArrayList<>();
    private final List<SecretInfo> unclaimed = new ArrayList<>();
    private int relationIds;
    private int secretIds;

    Model scopes(String... scopes) {
        this.scopes = List.of(scopes);
        return this;
    }

    Model rotation(RotatePolicy rotation) {
        this.rotation = rotation;
        return this;
    }

    Model discovery(DiscoveryDocument discovery) {
        this.discovery = discovery;
        return this;
    }

    CharmConfig config() {
        return new CharmConfig(URI.create("https://keycloak.example.com"), "secret:admin", "master", REALM, ISSUER,
                scopes, "preferred_username", "keycloak", "Keycloak", Optional.empty(), rotation, "Keycloak");
    }

    /** A relation of {@code app} on {@code endpoint} with its data, and ours as an earlier hook left it. */
    Relation relate(String endpoint, String app, Map<String, String> remote, Map<String, String> local) {
        Relation relation = new Relation(endpoint + ":" + relationIds++, endpoint, app, remote, local);
        switch (endpoint) {
            case OidcProviderEndpoint.NAME -> oidcProvider.add(relation);
            case DexOidcConfigEndpoint.NAME -> dexOidcConfig.add(relation);
            case OAuthEndpoint.NAME -> oauth.add(relation);
            case KratosExternalIdpEndpoint.NAME -> kratos.add(relation);
            default -> throw new IllegalArgumentException(endpoint);
        }
        return relation;
    }

    Relation dex(String app, String redirectUri) {
        return relate(OidcProviderEndpoint.NAME, app, Map.of("redirect_uri", redirectUri), Map.of());
    }

    /** A Dex on oidc-provider that the charm served in an earlier hook: its bag as the plan would write it. */
    Relation servedDex(String app, String redirectUri, String secretId) {
        Relation bare = new Relation("oidc-provider:" + relationIds, OidcProviderEndpoint.NAME, app,
                Map.of("redirect_uri", redirectUri), Map.of());
        Map<String, String> bag = new OidcProviderEndpoint.Settings(bare, app, scopes, redirectUri)
                .bag(provider(), Optional.of(secretId));
        return relate(OidcProviderEndpoint.NAME, app, Map.of("redirect_uri", redirectUri), bag);
    }

    /** A Kratos on kratos-external-idp that has written {@code answer}, and ours as an earlier hook left it. */
    Relation kratos(String app, Map<String, String> answer, Map<String, String> local) {
        return relate(KratosExternalIdpEndpoint.NAME, app, answer, local);
    }

    /** Kratos' answer for {@code app}'s provider, as kratos-operator writes it: its callback for that provider id. */
    static Map<String, String> kratosAnswer(String app, String kratosUrl) {
        String id = dev.keycloakoidc.oidc.KratosProvider.libraryDefaultId(app, ISSUER);
        return Map.of("providers", "[{\"provider_id\":\"" + id + "\",\"redirect_uri\":\"" + kratosUrl
                + "/self-service/methods/oidc/callback/" + id + "\"}]");
    }

    Relation oauth(String app, Map<String, String> request) {
        return relate(OAuthEndpoint.NAME, app, request, Map.of());
    }

    /** grafana's request as charms.hydra.v0.oauth writes it: every value JSON. */
    static Map<String, String> grafanaRequest(String redirectUri) {
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("redirect_uri", "\"" + redirectUri + "\"");
        bag.put("scope", "\"openid email offline_access\"");
        bag.put("grant_types", "[\"authorization_code\", \"refresh_token\"]");
        bag.put("audience", "[]");
        bag.put("token_endpoint_auth_method", "\"client_secret_basic\"");
        return bag;
    }

    /** A client of the charm's as Keycloak holds it, exactly as the spec for a Dex at {@code redirectUris} asks. */
    KeycloakClient ours(String clientId, String... redirectUris) {
        return client(clientId, OURS.markers(), ClientFlows.LOGIN, List.of(redirectUris));
    }

    KeycloakClient client(String clientId, Map<String, String> markers, ClientFlows flows, List<String> redirectUris) {
        Map<String, String> attributes = new HashMap<>(markers);
        attributes.put("use.refresh.tokens", Boolean.toString(flows.refreshTokens()));
        attributes.put("oauth2.device.authorization.grant.enabled", Boolean.toString(flows.deviceGrant()));
        KeycloakClient client = new KeycloakClient("uuid-" + clientId, clientId, redirectUris,
                Optional.of("kc-secret-" + clientId), attributes, true, false, flows.standardFlow(), false, false,
                flows.serviceAccount(), "client-secret", DEFAULT_CLIENT_SCOPES, List.of());
        clients.add(client);
        return client;
    }

    /** Replaces a client by its like with other scopes, secret or flags. */
    KeycloakClient add(KeycloakClient client) {
        clients.removeIf(c -> c.clientId().equals(client.clientId()));
        clients.add(client);
        return client;
    }

    static KeycloakClient withScopes(KeycloakClient c, Set<String> scopes) {
        return new KeycloakClient(c.id(), c.clientId(), c.redirectUris(), c.secret(), c.attributes(), c.enabled(),
                c.publicClient(), c.standardFlowEnabled(), c.implicitFlowEnabled(), c.directAccessGrantsEnabled(),
                c.serviceAccountsEnabled(), c.clientAuthenticatorType(), scopes, c.protocolMappers());
    }

    /** The same client with another secret, as Keycloak holds it after a regeneration. */
    static KeycloakClient withSecret(KeycloakClient c, String secret) {
        return new KeycloakClient(c.id(), c.clientId(), c.redirectUris(), Optional.of(secret), c.attributes(), c.enabled(),
                c.publicClient(), c.standardFlowEnabled(), c.implicitFlowEnabled(), c.directAccessGrantsEnabled(),
                c.serviceAccountsEnabled(), c.clientAuthenticatorType(), c.clientScopes(), c.protocolMappers());
    }

    /** As a client made public in the console reads: no secret. */
    static KeycloakClient madePublic(KeycloakClient c) {
        return new KeycloakClient(c.id(), c.clientId(), c.redirectUris(), Optional.empty(), c.attributes(), c.enabled(),
                true, c.standardFlowEnabled(), c.implicitFlowEnabled(), c.directAccessGrantsEnabled(),
                c.serviceAccountsEnabled(), c.clientAuthenticatorType(), c.clientScopes(), c.protocolMappers());
    }

    /** The realm's client scopes are read: those of a new realm, plus {@code more}. */
    Model realmScopes(ClientScope... more) {
        realmScopes = new HashMap<>();
        int n = 0;
        for (String name : List.of("profile", "email", "offline_access", "address", "phone")) {
            realmScopes.put(name, new ClientScope("scope-" + n++, name, ClientScope.OPENID_CONNECT, Map.of(), List.of()));
        }
        realmScopes.put("saml_organization", new ClientScope("scope-saml", "saml_organization", "saml", Map.of(), List.of()));
        for (ClientScope scope : more) {
            realmScopes.put(scope.name(), scope);
        }
        return this;
    }

    static ClientScope groupsScope(String protocol, Map<String, String> attributes, List<ProtocolMapper> mappers) {
        return new ClientScope("scope-groups", "groups", protocol, attributes, mappers);
    }

    /** The Juju secret of {@code clientId}, found by its label, holding {@code content}. */
    String secret(String clientId, String content, RotatePolicy policy) {
        String bare = bareId();
        String id = "secret://" + MODEL_UUID + "/" + bare;
        secrets.put(clientId, new Facts.StoredSecret(id, policy, Optional.of(content)));
        owned.add(bare);
        return id;
    }

    /** A new secret id in Juju's form (an xid: 20 characters of base32hex). */
    String bareId() {
        return String.format("cu2ls6ffnqnc73a1j%03d", secretIds++);
    }

    /** An owned secret no consumer's label finds, with {@code label}. */
    String unclaimedSecret(String label) {
        String bareId = bareId();
        owned.add(bareId);
        unclaimed.add(new SecretInfo(bareId, 1, Optional.of(label), Optional.of("application"), Optional.empty(),
                Optional.empty()));
        return bareId;
    }

    Provider provider() {
        return Provider.of(config(), discovery);
    }

    Facts facts() {
        return new Facts(config(), OURS, "kubeflow-model", OidcProviderEndpoint.read(oidcProvider),
                DexOidcConfigEndpoint.read(dexOidcConfig), OAuthEndpoint.read(oauth),
                KratosExternalIdpEndpoint.read(kratos, ISSUER), clients,
                Optional.ofNullable(realmScopes).map(Map::copyOf), provider(), secrets, owned, unclaimed);
    }

    Plan plan() {
        return Planner.plan(facts());
    }
}
