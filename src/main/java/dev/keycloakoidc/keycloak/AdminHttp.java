package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.http.HttpFailures;
import dev.keycloakoidc.http.HttpReply;
import dev.keycloakoidc.http.HttpRequest;
import dev.keycloakoidc.http.HttpTransport;
import dev.keycloakoidc.http.Urls;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transport under {@link KeycloakAdmin}: one {@link HttpTransport}, the admin token and its
 * renewal, the sessions its tokens opened, and the request counter. Knows nothing about realms or
 * clients.
 */
final class AdminHttp implements AutoCloseable {

    /** The clients list of a realm with hundreds of consumers is a few MiB; no admin answer is near this. */
    private static final int MAX_BYTES = 64 << 20;

    /** A response reduced to what callers use; the body is only ever parsed, never logged. */
    record Reply(int status, String body, Optional<String> location) {}

    /**
     * Realm creation writes a few hundred rows (roles, clients, scopes, flows): measured at
     * 3-13 s on a dev-mem Keycloak on two cores, more than the 10 s an ordinary read may take.
     */
    static final Duration SLOW = Duration.ofSeconds(60);

    private final HttpTransport http;
    private final HttpTransport slow;
    private final URI base;
    private final String adminRealm;
    private final AdminCredentials credentials;
    private final Clock clock;
    private int requests;
    private AccessToken token;
    /**
     * The refresh token of each Keycloak session a token request opened, to end it on
     * {@link #close}. A password grant opens a user session that would otherwise outlive the
     * hook until the realm's idle timeout (one per hook); a client-credentials grant normally
     * gets no refresh token and leaves no session. Secrets: never logged.
     */
    private final List<String> sessions = new ArrayList<>();

    AdminHttp(KeycloakConnection connection, Clock clock) {
        this.base = connection.baseUrl();
        this.adminRealm = connection.adminRealm();
        this.credentials = connection.credentials();
        this.clock = clock;
        this.http = HttpClients.forUrl(base.toString(), connection.caPem());
        this.slow = http.withLimits(SLOW, SLOW.plusSeconds(5));
    }

    /** {@code <base>/admin/<segments...>}, each segment escaped (realm names may hold anything). */
    URI admin(String... segments) {
        return Urls.withSegments(Urls.withSegments(base, "admin"), segments);
    }

    Reply get(URI url) {
        return call("GET", url, null);
    }

    Reply delete(URI url) {
        return call("DELETE", url, null);
    }

    Reply post(URI url, JsonNode body) {
        return call("POST", url, body);
    }

    Reply put(URI url, JsonNode body) {
        return call("PUT", url, body);
    }

    /**
     * Sends an authenticated admin request. A 401 with a token that was not fetched for this very
     * request is retried once with a new token: Keycloak may have ended the session early (a
     * restart of a dev-mem Keycloak, a logout), which the expiry time cannot tell.
     */
    Reply call(String method, URI url, JsonNode body) {
        return call(http, method, url, body);
    }

    /** A POST that may take up to {@link #SLOW}. */
    Reply slowPost(URI url, JsonNode body) {
        return call(slow, "POST", url, body);
    }

    private Reply call(HttpTransport client, String method, URI url, JsonNode body) {
        boolean fresh = token == null || !token.usableAt(clock.instant());
        Reply reply = send(client, method, url, body, bearer());
        if (reply.status() == 401 && !fresh) {
            token = null;
            reply = send(client, method, url, body, bearer());
        }
        return reply;
    }

    /** Makes the next request fetch a new token, e.g. after a realm was created. */
    void forgetToken() {
        token = null;
    }

    int requestCount() {
        return requests;
    }

    KeycloakApiException failure(String method, URI url, Reply reply) {
        return new KeycloakApiException(method, url.getRawPath(), reply.status(),
                KeycloakErrors.from(reply.body()));
    }

    /** Throws {@link #failure} unless Keycloak answered {@code status}. */
    void expect(String method, URI url, Reply reply, int status) {
        if (reply.status() != status) {
            throw failure(method, url, reply);
        }
    }

    /**
     * A GET of one object or list that may not exist: empty on 404 (no such realm, client,
     * required action, ...), the answer's JSON on 200, {@link #failure} on anything else.
     */
    Optional<JsonNode> getIfExists(URI url) {
        Reply reply = get(url);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(expectJson("GET", url, reply, 200));
    }

    /**
     * A DELETE for which an already-missing object counts as deleted (404 is done, as 204 is),
     * so that a delete cut short and run again, or raced by someone else's, is no failure.
     */
    void deleteIfExists(URI url) {
        Reply reply = delete(url);
        if (reply.status() != 404) {
            expect("DELETE", url, reply, 204);
        }
    }

    /** {@link #expect}, then the answer's JSON. */
    JsonNode expectJson(String method, URI url, Reply reply, int status) {
        expect(method, url, reply, status);
        return parse(method, url, reply);
    }

    /** Keycloak names what it created only in {@code Location: .../<id>}. */
    static String createdId(String method, URI url, Reply reply) {
        String location = reply.location().orElse("");
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (id.isEmpty()) {
            throw new KeycloakApiException(method, url.getRawPath(), reply.status(), "no Location header in the answer");
        }
        return id;
    }

    JsonNode parse(String method, URI url, Reply reply) {
        try {
            return Json.parse(reply.body());
        } catch (IOException e) {
            throw new KeycloakApiException(method, url.getRawPath(), reply.status(),
                    "the answer is not JSON; is " + base + " a Keycloak?");
        }
    }

    private String bearer() {
        if (token == null || !token.usableAt(clock.instant())) {
            token = fetchToken();
        }
        return token.value();
    }

    private AccessToken fetchToken() {
        URI url = openIdConnect("token");
        Map<String, String> form = clientAuthentication();
        if (credentials instanceof AdminCredentials.Password password) {
            form.put("grant_type", "password");
            form.put("username", password.username());
            form.put("password", password.password());
        } else {
            form.put("grant_type", "client_credentials");
        }
        Instant asked = clock.instant();
        Reply reply = postForm(url, form);
        if (AdminCredentialsRejectedException.rejects(reply.status(), KeycloakErrors.oauthError(reply.body()))) {
            throw new AdminCredentialsRejectedException(url.getRawPath(), reply.status(),
                    KeycloakErrors.from(reply.body()), credentials);
        }
        if (reply.status() != 200) {
            throw failure("POST", url, reply);
        }
        JsonNode answer = parse("POST", url, reply);
        String value = answer.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new KeycloakApiException("POST", url.getRawPath(), 200, "no access_token in the answer");
        }
        String refresh = answer.path("refresh_token").asText("");
        if (!refresh.isEmpty()) {
            sessions.add(refresh);
        }
        // Measured from before the request, so network time only makes the token look older.
        return new AccessToken(value, asked.plusSeconds(answer.path("expires_in").asLong(60)));
    }

    /** {@code <base>/realms/<admin realm>/protocol/openid-connect/<endpoint>}. */
    private URI openIdConnect(String endpoint) {
        return Urls.withSegments(base, "realms", adminRealm, "protocol", "openid-connect", endpoint);
    }

    /** Who asks, in the form the token and logout endpoints take: admin-cli, or the service account's client. */
    private Map<String, String> clientAuthentication() {
        Map<String, String> form = new LinkedHashMap<>();
        if (credentials instanceof AdminCredentials.ServiceAccount account) {
            form.put("client_id", account.clientId());
            form.put("client_secret", account.clientSecret());
        } else {
            form.put("client_id", "admin-cli");
        }
        return form;
    }

    private Reply postForm(URI url, Map<String, String> form) {
        return execute(http, new HttpRequest("POST", url,
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"), formBody(form)));
    }

    /**
     * Ends every session this hook's tokens opened (Keycloak's logout endpoint with the refresh
     * token), so that neither the session nor its refresh token lives longer than the hook. A
     * logout that fails does not fail the hook: the session ends at the realm's idle timeout, as
     * it did before. The warning goes to standard error, which Juju keeps in the unit's log (this
     * package has no other way to Juju), and names the status or failure, never the token.
     */
    private void endSessions() {
        URI url = openIdConnect("logout");
        for (String refresh : sessions) {
            Map<String, String> form = clientAuthentication();
            form.put("refresh_token", refresh);
            String outcome;
            try {
                Reply reply = postForm(url, form);
                if (reply.status() == 204 || reply.status() == 200) {
                    continue;
                }
                String why = KeycloakErrors.from(reply.body());
                outcome = "answered " + reply.status() + (why.isEmpty() ? "" : ": " + why);
            } catch (RuntimeException e) {
                outcome = "failed: " + e.getMessage();
            }
            System.err.println("keycloak-oidc: WARNING: ending the admin session (POST " + url.getRawPath() + ") " + outcome
                    + "; Keycloak ends it at the realm's SSO idle timeout");
        }
        sessions.clear();
    }

    private Reply send(HttpTransport client, String method, URI url, JsonNode body, String bearer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearer);
        headers.put("Accept", "application/json");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return execute(client, new HttpRequest(method, url, headers, body == null ? null : Json.writeBytes(body)));
    }

    private Reply execute(HttpTransport client, HttpRequest request) {
        requests++;
        try {
            HttpReply reply = client.send(request, MAX_BYTES);
            return new Reply(reply.status(), reply.text(), reply.header("Location"));
        } catch (IOException e) {
            throw HttpFailures.classify(client, request.url(), e);
        }
    }

    /** {@code application/x-www-form-urlencoded}, the token endpoint's only format. */
    private static byte[] formBody(Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Ends the admin sessions (see {@link #endSessions}). The connections need nothing: the JDK
     * closes kept-alive ones itself when they idle or the JVM ends.
     */
    @Override
    public void close() {
        endSessions();
    }
}
