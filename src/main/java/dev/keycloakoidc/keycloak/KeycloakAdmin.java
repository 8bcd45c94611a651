package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.http.Urls;
import dev.keycloakoidc.json.Json;
import dev.keycloakoidc.keycloak.AdminHttp.Reply;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keycloak's admin REST API, as much of it as the charm needs; the only code that calls it.
 * Lookups return {@link Optional}; mutations throw. A token is fetched on first use and again when
 * it is about to expire or after {@link #createRealm} (the old token lacks the new realm's roles).
 *
 * <p>Throws {@link KeycloakApiException} for unexpected HTTP statuses and
 * {@link dev.keycloakoidc.http.UnreachableException} / {@link dev.keycloakoidc.http.TlsException}
 * when Keycloak cannot be reached or trusted.
 */
public final class KeycloakAdmin implements AutoCloseable {

    /** The names a realm created by the charm must not require: Dex users may have none. */
    private static final Set<String> OPTIONAL_NAMES = Set.of("firstName", "lastName");

    /**
     * The required action Keycloak (24+) enables by default that stops a login at a profile form
     * when the profile lacks a required attribute; a Dex login has no one to fill it in.
     */
    private static final String VERIFY_PROFILE = "VERIFY_PROFILE";

    /**
     * Realm attribute set to {@link #SETUP_PENDING} by the very POST that creates the realm and to
     * {@link #SETUP_DONE} once its set-up is complete: a hook killed in between leaves the marker,
     * and the next hook finishes the set-up. A realm without it was not made by the charm and is
     * left as it is.
     */
    static final String SETUP_ATTRIBUTE = "juju.keycloak-oidc.realm-setup";
    static final String SETUP_PENDING = "pending";
    static final String SETUP_DONE = "done";

    private final AdminHttp http;

    private KeycloakAdmin(AdminHttp http) {
        this.http = http;
    }

    /**
     * Connects lazily: nothing is sent until the first call. {@link #close} ends the admin
     * session a password sign-in opened; should that fail, a warning goes to standard error
     * (which Juju keeps in the unit's log), and the hook goes on.
     */
    public static KeycloakAdmin connect(KeycloakConnection connection) {
        return connect(connection, Clock.systemUTC());
    }

    /** With a clock to decide token expiry by; tests use it to age a token. */
    static KeycloakAdmin connect(KeycloakConnection connection, Clock clock) {
        return new KeycloakAdmin(new AdminHttp(connection, clock));
    }

    /** {@code GET /admin/serverinfo}; feature ids as {@code --features} spells them ({@code client-secret-rotation}). */
    public ServerInfo serverInfo() {
        URI url = http.admin("serverinfo");
        JsonNode info = expectJson("GET", url, http.get(url), 200);
        Set<String> enabled = new LinkedHashSet<>();
        for (JsonNode feature : info.path("features")) {
            if (feature.path("enabled").asBoolean(false)) {
                enabled.add(featureId(feature.path("name").asText()));
            }
        }
        String version = info.path("systemInfo").path("version").asText("");
        return new ServerInfo(version.isBlank() ? Optional.empty() : Optional.of(version), Set.copyOf(enabled));
    }

    /** Keycloak's serverinfo says {@code CLIENT_SECRET_ROTATION}; operators type {@code client-secret-rotation}. */
    static String featureId(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean realmExists(String realm) {
        URI url = http.admin("realms", realm);
        Reply reply = http.get(url);
        if (reply.status() == 404) {
            return false;
        }
        expect("GET", url, reply, 200);
        return true;
    }

    /**
     * Creates the realm, enabled, with a user profile that does not require first and last names
     * (Dex logins must not stop at a profile form).
     */
    public void createRealm(String realm) {
        URI url = http.admin("realms");
        ObjectNode rep = Json.object().put("realm", realm).put("enabled", true);
        rep.putObject("attributes").put(SETUP_ATTRIBUTE, SETUP_PENDING);
        Reply reply = http.slowPost(url, rep);
        if (madeMeanwhile(reply)) {
            // Made meanwhile, most likely by a run of this charm killed while Keycloak was still
            // creating it (which takes seconds): wait for it, then finish its set-up if it is ours.
            awaitRealm(realm, () -> http.failure("POST", url, reply));
            http.forgetToken();
            finishRealmSetup(realm);
            return;
        }
        expect("POST", url, reply, 201);
        // Keycloak grants the creator the new realm's admin roles, but only tokens issued from now on carry them.
        http.forgetToken();
        setUp(realm);
    }

    /**
     * Keycloak's answer to a realm POST that lost the race with another POST of the same realm:
     * 409 up to 26.5; on 26.7 mostly 400 {@code Database operation failed}, the JPA layer's word
     * for a database error it no longer recognises as a duplicate (measured on dev-mem Keycloaks
     * with the second POST 0 to 1 s after the first: 409 in all 17 races on 26.4.0 and 26.5.6, 400
     * in 23 of 26 on 26.7.3, after the loser waited 2 s for the winner's lock). Either way the
     * realm is awaited; if it never appears, the answer is the failure.
     */
    private static boolean madeMeanwhile(Reply reply) {
        return reply.status() == 409
                || (reply.status() == 400 && KeycloakErrors.from(reply.body()).equals("Database operation failed"));
    }

    /** How long a realm another request is creating may take to appear (see {@link AdminHttp#SLOW}). */
    private static final Duration REALM_APPEARS = Duration.ofSeconds(30);

    private void awaitRealm(String realm, Supplier<KeycloakApiException> otherwise) {
        long deadline = System.nanoTime() + REALM_APPEARS.toNanos();
        while (!realmExists(realm)) {
            if (System.nanoTime() > deadline) {
                throw otherwise.get();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw otherwise.get();
            }
        }
    }

    /**
     * Completes the set-up of a realm {@link #createRealm} began but did not finish (the process
     * was killed, or Keycloak failed a request, after the POST); does nothing to any other realm.
     * Returns whether there was set-up left to do.
     */
    public boolean finishRealmSetup(String realm) {
        URI url = http.admin("realms", realm);
        Reply reply = http.get(url);
        if (reply.status() == 404) {
            return false;
        }
        JsonNode rep = expectJson("GET", url, reply, 200);
        if (!SETUP_PENDING.equals(rep.path("attributes").path(SETUP_ATTRIBUTE).asText())) {
            return false;
        }
        setUp(realm);
        return true;
    }

    /** Idempotent, so that a set-up cut short can be run again from the start. */
    private void setUp(String realm) {
        makeNamesOptional(realm);
        disableRequiredAction(realm, VERIFY_PROFILE);
        URI url = http.admin("realms", realm);
        ObjectNode rep = (ObjectNode) expectJson("GET", url, http.get(url), 200);
        ObjectNode attributes = rep.path("attributes").isObject() ? (ObjectNode) rep.get("attributes")
                : rep.putObject("attributes");
        attributes.put(SETUP_ATTRIBUTE, SETUP_DONE);
        expect("PUT", url, http.put(url, rep), 204);
    }

    private void makeNamesOptional(String realm) {
        URI url = http.admin("realms", realm, "users", "profile");
        JsonNode profile = expectJson("GET", url, http.get(url), 200);
        boolean changed = false;
        for (JsonNode attribute : profile.path("attributes")) {
            if (OPTIONAL_NAMES.contains(attribute.path("name").asText()) && attribute.has("required")) {
                ((ObjectNode) attribute).remove("required");
                changed = true;
            }
        }
        if (changed) {
            expect("PUT", url, http.put(url, profile), 200);
        }
    }

    private void disableRequiredAction(String realm, String alias) {
        URI url = http.admin("realms", realm, "authentication", "required-actions", alias);
        Reply reply = http.get(url);
        if (reply.status() == 404) {
            return;
        }
        JsonNode action = expectJson("GET", url, reply, 200);
        if (action.path("enabled").asBoolean(false)) {
            ((ObjectNode) action).put("enabled", false);
            expect("PUT", url, http.put(url, action), 204);
        }
    }

    /**
     * The user attributes the realm's user profile requires (for users or admins), e.g.
     * {@code [email, firstName, lastName]} in a realm with Keycloak's default profile; lets
     * {@code create-user} name the parameters to add before Keycloak refuses or a login stalls.
     */
    public Set<String> requiredUserAttributes(String realm) {
        URI url = http.admin("realms", realm, "users", "profile");
        JsonNode profile = expectJson("GET", url, http.get(url), 200);
        Set<String> required = new LinkedHashSet<>();
        for (JsonNode attribute : profile.path("attributes")) {
            if (attribute.hasNonNull("required")) {
                required.add(attribute.path("name").asText());
            }
        }
        return Set.copyOf(required);
    }

    /** The realm's client scopes, and which of them a client may be granted. */
    public KeycloakClientScopes clientScopes() {
        return new KeycloakClientScopes(http);
    }

    /** The realm's groups and their members. */
    public KeycloakGroups groups() {
        return new KeycloakGroups(http);
    }

    /** Every client of the realm, secrets included, in one request; empty Optional if no such realm. */
    public Optional<List<KeycloakClient>> clients(String realm) {
        URI url = http.admin("realms", realm, "clients");
        Reply reply = http.get(url);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        List<KeycloakClient> clients = new ArrayList<>();
        for (JsonNode rep : expectJson("GET", url, reply, 200)) {
            clients.add(ClientRepresentations.read(rep));
        }
        return Optional.of(List.copyOf(clients));
    }

    /** Exact-match lookup by clientId. */
    public Optional<KeycloakClient> client(String realm, String clientId) {
        URI url = Urls.withQuery(http.admin("realms", realm, "clients"), "clientId", clientId);
        Reply reply = http.get(url);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        for (JsonNode rep : expectJson("GET", url, reply, 200)) {
            if (clientId.equals(rep.path("clientId").asText())) {
                return Optional.of(ClientRepresentations.read(rep));
            }
        }
        return Optional.empty();
    }

    /** Creates the client with its audience mappers; returns its internal id. Throws (409) if the clientId is taken. */
    public String createClient(String realm, ClientSpec spec) {
        URI url = http.admin("realms", realm, "clients");
        ObjectNode rep = ClientRepresentations.created(spec);
        Reply reply = http.post(url, rep);
        expect("POST", url, reply, 201);
        return createdId("POST", url, reply);
    }

    /**
     * Makes the client with internal {@code id} match {@code spec}, keeping its secret: the client
     * itself, then its audience mappers (the charm's that are no longer wanted or were altered go,
     * missing ones are added; other mappers stay).
     */
    public void updateClient(String realm, String id, ClientSpec spec) {
        URI url = http.admin("realms", realm, "clients", id);
        JsonNode current = expectJson("GET", url, http.get(url), 200);
        expect("PUT", url, http.put(url, ClientRepresentations.desired(spec, (ObjectNode) current)), 204);
        AudienceMappers.Plan plan = AudienceMappers.plan(ClientRepresentations.read(current).protocolMappers(),
                spec.audiences(), spec.attributes());
        for (ProtocolMapper stale : plan.stale()) {
            deleteIfPresent(http.admin("realms", realm, "clients", id, "protocol-mappers", "models", stale.id()));
        }
        URI models = http.admin("realms", realm, "clients", id, "protocol-mappers", "models");
        for (String audience : plan.missing()) {
            expect("POST", models, http.post(models, AudienceMappers.representation(audience, spec.attributes())), 201);
        }
    }

    /** Deletes the client; an already-missing client counts as deleted. */
    public void deleteClient(String realm, String id) {
        deleteIfPresent(http.admin("realms", realm, "clients", id));
    }

    /** A DELETE for which an already-missing object counts as deleted. */
    private void deleteIfPresent(URI url) {
        Reply reply = http.delete(url);
        if (reply.status() != 404) {
            expect("DELETE", url, reply, 204);
        }
    }

    /** Has Keycloak generate a new secret for the client; returns it. */
    public String regenerateSecret(String realm, String id) {
        URI url = http.admin("realms", realm, "clients", id, "client-secret");
        return secretValue("POST", url, http.post(url, null));
    }

    /**
     * Makes sure the realm gives the clients that carry every one of {@code clientAttributes} a
     * grace period on {@link #regenerateSecret}: a client profile with Keycloak's
     * {@code secret-rotation} executor set to {@code settings}, and a client policy applying it
     * through a {@code client-attributes} condition, both named {@code juju-keycloak-oidc-secret-rotation-<hash
     * of the attributes>}. Reads both documents and writes only what differs, each as a whole with
     * every other profile and policy of the realm kept. Needs {@code view-realm} and
     * {@code manage-realm} of the realm ({@code manage-clients} is not enough).
     *
     * <p>Returns false, having read only serverinfo, when Keycloak runs without the preview
     * feature {@code client-secret-rotation}: there, Keycloak refuses such a profile (400
     * {@code proposed client profile contains the executor, which does not have valid provider}),
     * and a regenerate drops the previous secret at once.
     *
     * <p>What the executor does once the policy applies (measured on Keycloak 26.5):
     * <ul>
     * <li>on client creation and on every admin update ({@code PUT} of the client) it stamps
     *     {@code client.secret.expiration.time} (creation time + lifetime) and
     *     {@code client.secret.creation.time}; it regenerates the secret on an ordinary update
     *     only when the secret has already expired, which {@link SecretRotation#CHARM}'s lifetime
     *     prevents; an update during a grace period keeps both secrets;</li>
     * <li>on a regenerate it keeps the previous secret in the attribute {@code client.secret.rotated}
     *     (so a client's attributes then hold a secret: never log them) and its end in
     *     {@code client.secret.rotated.expiration.time} (epoch seconds);</li>
     * <li>the added attributes do not upset {@link KeycloakClient#satisfies}, which compares only
     *     the spec's attributes.</li>
     * </ul>
     *
     * <p>Warning: if Keycloak is later started without the feature while this policy exists, its
     * token endpoint answers 500 for the confidential clients the policy applies to (every login
     * through them fails): remove the policy and profile named {@code juju-...-secret-rotation-...}
     * before turning the feature off, or after (it works either way).
     */
    public boolean ensureSecretRotation(String realm, Map<String, String> clientAttributes, SecretRotation settings) {
        if (clientAttributes.isEmpty()) {
            throw new IllegalArgumentException("clientAttributes must not be empty: the policy would apply to no client");
        }
        if (!serverInfo().secretRotationEnabled()) {
            return false;
        }
        String name = ClientPolicies.name(clientAttributes);
        // Profile first: Keycloak refuses a policy that names a profile it does not have.
        putIfChanged(realm, ClientPolicies.PROFILES,
                document -> ClientPolicies.withEntry(document, ClientPolicies.PROFILES,
                        ClientPolicies.profile(name, clientAttributes, settings)));
        putIfChanged(realm, ClientPolicies.POLICIES,
                document -> ClientPolicies.withEntry(document, ClientPolicies.POLICIES,
                        ClientPolicies.policy(name, clientAttributes)));
        return true;
    }

    /** GETs {@code client-policies/<kind>}, PUTs what {@code change} makes of it, if anything. */
    private void putIfChanged(String realm, String kind, Function<JsonNode, Optional<ObjectNode>> change) {
        URI url = http.admin("realms", realm, "client-policies", kind);
        Optional<ObjectNode> updated = change.apply(expectJson("GET", url, http.get(url), 200));
        updated.ifPresent(document -> expect("PUT", url, http.put(url, document), 204));
    }

    /** The client's current secret, for a caller that did not read it with {@link #clients}. */
    public String clientSecret(String realm, String id) {
        URI url = http.admin("realms", realm, "clients", id, "client-secret");
        return secretValue("GET", url, http.get(url));
    }

    private String secretValue(String method, URI url, Reply reply) {
        String value = expectJson(method, url, reply, 200).path("value").asText("");
        if (value.isEmpty()) {
            throw new KeycloakApiException(method, url.getRawPath(), reply.status(), "no secret in the answer");
        }
        return value;
    }

    /** Exact, case-insensitive username lookup; returns the user's id. */
    public Optional<String> findUserByUsername(String realm, String username) {
        return findUser(realm, "username", username);
    }

    /** Exact e-mail lookup; returns the user's id. */
    public Optional<String> findUserByEmail(String realm, String email) {
        return findUser(realm, "email", email);
    }

    private Optional<String> findUser(String realm, String field, String value) {
        URI url = Urls.withQuery(http.admin("realms", realm, "users"),
                field, value, "exact", "true", "briefRepresentation", "true");
        Reply reply = http.get(url);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        for (JsonNode user : expectJson("GET", url, reply, 200)) {
            if (value.equalsIgnoreCase(user.path(field).asText())) {
                return Optional.of(user.path("id").asText());
            }
        }
        return Optional.empty();
    }

    /**
     * Creates the user with its password and group memberships in one request, so that Keycloak
     * either makes all or nothing (a password its policy refuses leaves no user behind); returns
     * the user's id. Throws 409 with {@code User exists with same username} (or {@code email}),
     * and 400 with the policy's words ({@code Invalid password: minimum length 12.}). Every group
     * must exist: Keycloak 26.5 answers a missing one with 500 and makes no user.
     */
    public String createUser(String realm, UserSpec user) {
        URI url = http.admin("realms", realm, "users");
        ObjectNode rep = Json.object()
                .put("username", user.username())
                .put("email", user.email())
                .put("emailVerified", true)
                .put("enabled", true);
        user.firstName().ifPresent(name -> rep.put("firstName", name));
        user.lastName().ifPresent(name -> rep.put("lastName", name));
        ArrayNode credentials = rep.putArray("credentials");
        credentials.addObject()
                .put("type", "password")
                .put("value", user.password())
                .put("temporary", user.temporaryPassword());
        if (!user.groups().isEmpty()) {
            // Group paths; a top-level group's is "/" and its name.
            ArrayNode groups = rep.putArray("groups");
            user.groups().forEach(name -> groups.add("/" + name));
        }
        Reply reply = http.post(url, rep);
        expect("POST", url, reply, 201);
        return createdId("POST", url, reply);
    }

    /** HTTP requests sent so far, reads and writes; for tests and the benchmark. */
    public int requestCount() {
        return http.requestCount();
    }

    /** Ends the Keycloak sessions this connection's sign-ins opened; never throws. */
    @Override
    public void close() {
        http.close();
    }

    private void expect(String method, URI url, Reply reply, int status) {
        http.expect(method, url, reply, status);
    }

    private JsonNode expectJson(String method, URI url, Reply reply, int status) {
        return http.expectJson(method, url, reply, status);
    }

    private static String createdId(String method, URI url, Reply reply) {
        return AdminHttp.createdId(method, url, reply);
    }
}
