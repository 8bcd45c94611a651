package dev.keycloakoidc.keycloak;

import java.util.List;
import java.util.Optional;

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

    public static KeycloakAdmin connect(KeycloakConnection connection) { throw new UnsupportedOperationException(); }

    /** {@code GET /admin/serverinfo}. */
    public ServerInfo serverInfo() { throw new UnsupportedOperationException(); }

    public boolean realmExists(String realm) { throw new UnsupportedOperationException(); }

    /**
     * Creates the realm, enabled, with a user profile that does not require first and last names
     * (Dex logins must not stop at a profile form).
     */
    public void createRealm(String realm) { throw new UnsupportedOperationException(); }

    /** Every client of the realm, secrets included, in one request; empty Optional if no such realm. */
    public Optional<List<KeycloakClient>> clients(String realm) { throw new UnsupportedOperationException(); }

    /** Exact-match lookup by clientId. */
    public Optional<KeycloakClient> client(String realm, String clientId) { throw new UnsupportedOperationException(); }

    /** Creates the client; returns its internal id. Throws (409) if the clientId is taken. */
    public String createClient(String realm, ClientSpec spec) { throw new UnsupportedOperationException(); }

    /** Makes the client with internal {@code id} match {@code spec}, keeping its secret. */
    public void updateClient(String realm, String id, ClientSpec spec) { throw new UnsupportedOperationException(); }

    /** Deletes the client; an already-missing client counts as deleted. */
    public void deleteClient(String realm, String id) { throw new UnsupportedOperationException(); }

    /** Has Keycloak generate a new secret for the client; returns it. */
    public String regenerateSecret(String realm, String id) { throw new UnsupportedOperationException(); }

    /** Exact, case-insensitive username lookup; returns the user's id. */
    public Optional<String> findUserByUsername(String realm, String username) { throw new UnsupportedOperationException(); }

    /** Exact e-mail lookup; returns the user's id. */
    public Optional<String> findUserByEmail(String realm, String email) { throw new UnsupportedOperationException(); }

    /** Creates the user with its password in one request; returns its id. */
    public String createUser(String realm, UserSpec user) { throw new UnsupportedOperationException(); }

    public void deleteUser(String realm, String id) { throw new UnsupportedOperationException(); }

    /** HTTP requests sent so far, reads and writes; for tests and the benchmark. */
    public int requestCount() { throw new UnsupportedOperationException(); }

    @Override
    public void close() {}
}
