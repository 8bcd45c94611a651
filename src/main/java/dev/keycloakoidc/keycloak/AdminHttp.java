package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.http.HttpClients;
import dev.keycloakoidc.http.HttpFailures;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The transport under {@link KeycloakAdmin}: one OkHttp client, the admin token and its renewal,
 * and the request counter. Knows nothing about realms or clients.
 */
final class AdminHttp implements AutoCloseable {


    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** A response reduced to what callers use; the body is only ever parsed, never logged. */
    record Reply(int status, String body, Optional<String> location) {}

    /**
     * Realm creation writes a few hundred rows (roles, clients, scopes, flows): measured at
     * 3-13 s on a dev-mem Keycloak on two cores, more than the 10 s an ordinary read may take.
     */
    static final Duration SLOW = Duration.ofSeconds(60);

    private final OkHttpClient http;
    private final OkHttpClient slow;
    private final HttpUrl base;
    private final String adminRealm;
    private final AdminCredentials credentials;
    private final Clock clock;
    private final AtomicInteger requests = new AtomicInteger();
    private AccessToken token;

    AdminHttp(KeycloakConnection connection, Clock clock) {
        this.base = connection.baseUrl();
        this.adminRealm = connection.adminRealm();
        this.credentials = connection.credentials();
        this.clock = clock;
        this.http = HttpClients.forUrl(base.toString(), connection.caPem()).newBuilder()
                .addInterceptor(chain -> {
                    requests.incrementAndGet();
                    return chain.proceed(chain.request());
                })
                .build();
        this.slow = http.newBuilder().readTimeout(SLOW).callTimeout(SLOW.plusSeconds(5)).build();
    }

    /** {@code <base>/admin/<segments...>}, each segment escaped (realm names may hold anything). */
    HttpUrl.Builder admin(String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegment("admin");
        for (String segment : segments) {
            url.addPathSegment(segment);
        }
        return url;
    }

    Reply get(HttpUrl url) {
        return call("GET", url, null);
    }

    Reply delete(HttpUrl url) {
        return call("DELETE", url, null);
    }

    Reply post(HttpUrl url, JsonNode body) {
        return call("POST", url, body);
    }

    Reply put(HttpUrl url, JsonNode body) {
        return call("PUT", url, body);
    }

    /**
     * Sends an authenticated admin request. A 401 with a token that was not fetched for this very
     * request is retried once with a new token: Keycloak may have ended the session early (a
     * restart of a dev-mem Keycloak, a logout), which the expiry time cannot tell.
     */
    Reply call(String method, HttpUrl url, JsonNode body) {
        return call(http, method, url, body);
    }

    /** A POST that may take up to {@link #SLOW}. */
    Reply slowPost(HttpUrl url, JsonNode body) {
        return call(slow, "POST", url, body);
    }

    private Reply call(OkHttpClient client, String method, HttpUrl url, JsonNode body) {
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
        return requests.get();
    }

    KeycloakApiException failure(String method, HttpUrl url, Reply reply) {
        return new KeycloakApiException(method, url.encodedPath(), reply.status(),
                KeycloakErrors.from(reply.body()));
    }

    JsonNode parse(String method, HttpUrl url, Reply reply) {
        try {
            return Json.parse(reply.body());
        } catch (IOException e) {
            throw new KeycloakApiException(method, url.encodedPath(), reply.status(),
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
        HttpUrl url = base.newBuilder()
                .addPathSegment("realms").addPathSegment(adminRealm)
                .addPathSegments("protocol/openid-connect/token")
                .build();
        FormBody.Builder form = new FormBody.Builder();
        if (credentials instanceof AdminCredentials.Password password) {
            form.add("grant_type", "password")
                    .add("client_id", "admin-cli")
                    .add("username", password.username())
                    .add("password", password.password());
        } else if (credentials instanceof AdminCredentials.ServiceAccount account) {
            form.add("grant_type", "client_credentials")
                    .add("client_id", account.clientId())
                    .add("client_secret", account.clientSecret());
        }
        Instant asked = clock.instant();
        Reply reply = execute(http, new Request.Builder().url(url).post(form.build()).build());
        if (reply.status() == 401) {
            String why = KeycloakErrors.from(reply.body());
            throw new KeycloakApiException("POST", url.encodedPath(), 401,
                    "Keycloak rejected the admin credentials" + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        if (reply.status() != 200) {
            throw failure("POST", url, reply);
        }
        JsonNode answer = parse("POST", url, reply);
        String value = answer.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new KeycloakApiException("POST", url.encodedPath(), 200, "no access_token in the answer");
        }
        // Measured from before the request, so network time only makes the token look older.
        return new AccessToken(value, asked.plusSeconds(answer.path("expires_in").asLong(60)));
    }

    private Reply send(OkHttpClient client, String method, HttpUrl url, JsonNode body, String bearer) {
        RequestBody requestBody = null;
        if (body != null) {
            requestBody = RequestBody.create(Json.writeBytes(body), JSON_TYPE);
        } else if (method.equals("POST") || method.equals("PUT")) {
            requestBody = RequestBody.create(new byte[0], null);
        }
        return execute(client, new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json")
                .method(method, requestBody)
                .build());
    }

    private Reply execute(OkHttpClient client, Request request) {
        try (Response response = client.newCall(request).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            return new Reply(response.code(), text, Optional.ofNullable(response.header("Location")));
        } catch (IOException e) {
            throw HttpFailures.classify(request.url(), e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
