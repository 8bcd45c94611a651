package dev.keycloakoidc.keycloak;

import java.time.Clock;

/**
 * A session with Keycloak's admin REST API, the only code that calls it: it signs in, and hands
 * out the parts of the API the charm uses, each a small class over the same connection
 * ({@link #realms()}, {@link #clients()}, {@link #users()}, {@link #clientScopes()},
 * {@link #groups()}, {@link #clientPolicies()}). Lookups return {@link java.util.Optional};
 * mutations throw. A token is fetched on first use and again when it is about to expire or after
 * a realm was created (the old token lacks the new realm's roles).
 *
 * <p>Throws {@link KeycloakApiException} for unexpected HTTP statuses and
 * {@link dev.keycloakoidc.http.UnreachableException} / {@link dev.keycloakoidc.http.TlsException}
 * when Keycloak cannot be reached or trusted.
 */
public final class KeycloakAdmin implements AutoCloseable {

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

    /** {@code GET /admin/serverinfo}: the version and the enabled features. */
    public ServerInfo serverInfo() {
        return ServerInfo.read(http);
    }

    /** Realms: whether one exists, creating one and finishing its set-up. */
    public KeycloakRealms realms() {
        return new KeycloakRealms(http);
    }

    /** A realm's clients, their audience mappers and secrets. */
    public KeycloakClients clients() {
        return new KeycloakClients(http);
    }

    /** A realm's users and its user profile. */
    public KeycloakUsers users() {
        return new KeycloakUsers(http);
    }

    /** The realm's client scopes, and which of them a client may be granted. */
    public KeycloakClientScopes clientScopes() {
        return new KeycloakClientScopes(http);
    }

    /** The realm's groups and their members. */
    public KeycloakGroups groups() {
        return new KeycloakGroups(http);
    }

    /** The realm's client policies: the grace period of rotated client secrets. */
    public KeycloakClientPolicies clientPolicies() {
        return new KeycloakClientPolicies(http);
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
}
