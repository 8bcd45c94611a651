package dev.keycloakoidc.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The authorization-code flow a Dex instance runs against Keycloak, played by a test with a
 * browser's cookie jar: discovery, the login form, the redirect back with {@code code} and
 * {@code state}, and the code exchange with {@code client_secret_basic} as Go's oauth2 sends it.
 * Returns the ID token's claims. Every way a login goes wrong is a {@link Failure} saying which
 * step failed and the likely cause.
 */
public final class OidcLogin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT_ERROR = Pattern.compile(
            "id=\"input-error-[^\"]*\"[^>]*>\\s*(?:<[^>]*>\\s*)*([^<\\s][^<]*?)\\s*<", Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE = Pattern.compile(
            "id=\"kc-page-title\"[^>]*>\\s*([^<\\s][^<]*?)\\s*<", Pattern.CASE_INSENSITIVE);

    /** A login that did not end with an ID token; the message names the step. */
    public static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /**
     * What the token endpoint answered at the end of a login.
     *
     * @param idClaims     the ID token's claims
     * @param refreshToken absent when the client may not refresh
     */
    public record Tokens(Map<String, Object> idClaims, String accessToken, Optional<String> refreshToken) {}

    private OidcLogin() {}

    /**
     * Logs {@code username} in to {@code clientId} at {@code issuer} and returns the ID token's
     * claims (e.g. {@code preferred_username}, {@code email}).
     */
    public static Map<String, Object> login(String issuer, String clientId, String clientSecret, String redirectUri,
                                            List<String> scopes, String username, String password) {
        JsonNode discovery;
        try {
            discovery = getJson(http(), issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        } catch (IOException e) {
            throw new Failure("login to " + issuer + " failed: " + e);
        }
        return login(discovery.path("authorization_endpoint").asText(), discovery.path("token_endpoint").asText(),
                clientId, clientSecret, redirectUri, scopes, username, password).idClaims();
    }

    /**
     * The same login with the endpoints given rather than discovered, as a requirer of the
     * {@code oauth} interface runs it (grafana reads both from the relation); returns every token.
     */
    public static Tokens login(String authorizationEndpoint, String tokenEndpoint, String clientId, String clientSecret,
                               String redirectUri, List<String> scopes, String username, String password) {
        return login(http(), authorizationEndpoint, tokenEndpoint, clientId, clientSecret, redirectUri, scopes,
                username, password);
    }

    /**
     * The login of {@link #login(String, String, String, String, String, List, String, String)}
     * (discovery first) by a consumer that trusts these CAs and nothing else (not the JDK's), as
     * one given {@code ca_chain} over a relation does; returns the ID token's claims.
     */
    public static Map<String, Object> loginTrustingOnly(List<String> caPems, String issuer, String clientId,
                                                        String clientSecret, String redirectUri, List<String> scopes,
                                                        String username, String password) {
        OkHttpClient http = trustingOnly(caPems);
        JsonNode discovery;
        try {
            discovery = getJson(http, issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        } catch (IOException e) {
            throw new Failure("login to " + issuer + " failed: " + e);
        }
        return login(http, discovery.path("authorization_endpoint").asText(), discovery.path("token_endpoint").asText(),
                clientId, clientSecret, redirectUri, scopes, username, password).idClaims();
    }

    /** An HTTP client whose TLS trusts exactly {@code caPems} (PEM texts, one or more certificates each). */
    public static OkHttpClient trustingOnly(List<String> caPems) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            java.security.cert.CertificateFactory x509 = java.security.cert.CertificateFactory.getInstance("X.509");
            int n = 0;
            for (String pem : caPems) {
                for (java.security.cert.Certificate c : x509.generateCertificates(
                        new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                    store.setCertificateEntry("ca-" + n++, c);
                }
            }
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            javax.net.ssl.X509TrustManager trust = (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[] {trust}, null);
            return http().newBuilder().sslSocketFactory(tls.getSocketFactory(), trust).build();
        } catch (java.security.GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot trust these CAs: " + e, e);
        }
    }

    private static Tokens login(OkHttpClient http, String authorizationEndpoint, String tokenEndpoint, String clientId,
                                String clientSecret, String redirectUri, List<String> scopes, String username,
                                String password) {
        OkHttpClient browser = http.newBuilder().cookieJar(new MemoryCookieJar()).build();
        try {
            String state = UUID.randomUUID().toString();
            String nonce = UUID.randomUUID().toString();
            HttpUrl authorize = HttpUrl.get(authorizationEndpoint).newBuilder()
                    .addQueryParameter("client_id", clientId)
                    .addQueryParameter("redirect_uri", redirectUri)
                    .addQueryParameter("response_type", "code")
                    .addQueryParameter("scope", String.join(" ", scopes))
                    .addQueryParameter("state", state)
                    .addQueryParameter("nonce", nonce)
                    .build();
            String loginPage;
            try (Response page = browser.newCall(new Request.Builder().url(authorize).build()).execute()) {
                loginPage = page.body().string();
                if (page.code() != 200) {
                    throw new Failure("authorization endpoint answered " + page.code() + " instead of a login form: "
                            + pageError(loginPage));
                }
            }
            String location;
            try (Response answer = browser.newCall(new Request.Builder()
                    .url(formAction(authorize, loginPage))
                    .post(new FormBody.Builder()
                            .add("username", username)
                            .add("password", password)
                            .add("credentialId", "")
                            .build())
                    .build()).execute()) {
                String body = answer.body().string();
                if (answer.code() == 200) {
                    if (body.contains("name=\"password\"") && body.contains("name=\"username\"")) {
                        throw new Failure("login form shown again (wrong username or password?): " + pageError(body));
                    }
                    throw new Failure("Keycloak showed a page instead of redirecting back (a required action?): "
                            + pageError(body));
                }
                if (answer.code() != 302 || answer.header("Location") == null) {
                    throw new Failure("login answered " + answer.code() + ": " + pageError(body));
                }
                location = answer.header("Location");
            }
            if (!location.startsWith(redirectUri)) {
                throw new Failure("redirected to " + location + ", not to " + redirectUri);
            }
            HttpUrl back = HttpUrl.get(location);
            if (back.queryParameter("error") != null) {
                throw new Failure("redirected back with error=" + back.queryParameter("error") + ": "
                        + back.queryParameter("error_description"));
            }
            if (!state.equals(back.queryParameter("state"))) {
                throw new Failure("redirected back with state " + back.queryParameter("state") + ", sent " + state);
            }
            String code = back.queryParameter("code");
            if (code == null) {
                throw new Failure("redirected back without a code: " + location);
            }
            Tokens tokens = exchange(browser, tokenEndpoint, clientId, clientSecret, new FormBody.Builder()
                    .add("grant_type", "authorization_code")
                    .add("code", code)
                    .add("redirect_uri", redirectUri));
            if (!nonce.equals(tokens.idClaims().get("nonce"))) {
                throw new Failure("ID token nonce " + tokens.idClaims().get("nonce") + " is not the one sent");
            }
            return tokens;
        } catch (IOException e) {
            throw new Failure("login at " + authorizationEndpoint + " failed: " + e);
        } finally {
            browser.dispatcher().executorService().shutdown();
            browser.connectionPool().evictAll();
        }
    }

    /**
     * The refresh a requirer such as grafana makes when its access token expires; returns the new
     * tokens (Keycloak sends a new ID token with them).
     */
    public static Tokens refresh(String tokenEndpoint, String clientId, String clientSecret, String refreshToken) {
        try {
            return exchange(http(), tokenEndpoint, clientId, clientSecret, new FormBody.Builder()
                    .add("grant_type", "refresh_token")
                    .add("refresh_token", refreshToken));
        } catch (IOException e) {
            throw new Failure("refresh at " + tokenEndpoint + " failed: " + e);
        }
    }

    /** A JWT's claims, unverified: the tests read what Keycloak put in, the signature is Keycloak's business. */
    public static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new Failure("not a JWT: " + parts.length + " parts");
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new Failure("JWT payload is not JSON: " + e);
        }
    }

    /**
     * Posts {@code form} to the token endpoint as a confidential client. Go's oauth2 (Dex) and
     * Python's requests-oauthlib URL-encode id and secret before Basic-encoding them (RFC 6749 2.3.1).
     */
    static Tokens exchange(OkHttpClient http, String tokenEndpoint, String clientId, String clientSecret,
                           FormBody.Builder form) throws IOException {
        JsonNode body = postToTokenEndpoint(http, tokenEndpoint, clientId, clientSecret, form);
        String idToken = body.path("id_token").asText("");
        if (idToken.split("\\.").length != 3) {
            throw new Failure("token endpoint returned no ID token (is 'openid' in the scopes?)");
        }
        String refresh = body.path("refresh_token").asText("");
        return new Tokens(claims(idToken), body.path("access_token").asText(),
                refresh.isEmpty() ? Optional.empty() : Optional.of(refresh));
    }

    /** The token endpoint's JSON answer to {@code form}, sent with {@code client_secret_basic}; fails on anything but 200. */
    static JsonNode postToTokenEndpoint(OkHttpClient http, String tokenEndpoint, String clientId, String clientSecret,
                                        FormBody.Builder form) throws IOException {
        String basic = Base64.getEncoder().encodeToString(
                (formEncode(clientId) + ":" + formEncode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        try (Response answer = http.newCall(new Request.Builder()
                .url(tokenEndpoint)
                .header("Authorization", "Basic " + basic)
                .post(form.build())
                .build()).execute()) {
            JsonNode body = JSON.readTree(answer.body().string());
            if (answer.code() != 200) {
                String error = body.path("error").asText("");
                throw new Failure("token endpoint answered " + answer.code() + " " + error + ": "
                        + body.path("error_description").asText("")
                        // Keycloak 26.5 says unauthorized_client for a wrong secret; the RFC says invalid_client.
                        + (answer.code() == 401 ? " (wrong client secret?)" : ""));
            }
            return body;
        }
    }

    static OkHttpClient http() {
        return new OkHttpClient.Builder().followRedirects(false).callTimeout(Duration.ofSeconds(20)).build();
    }

    static JsonNode getJson(OkHttpClient http, String url) throws IOException {
        try (Response answer = http.newCall(new Request.Builder().url(url).build()).execute()) {
            if (answer.code() != 200) {
                throw new Failure("GET " + url + " answered " + answer.code());
            }
            return JSON.readTree(answer.body().string());
        }
    }

    private static HttpUrl formAction(HttpUrl page, String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new Failure("no login form on the authorization page: " + pageError(html));
        }
        HttpUrl action = page.resolve(unescape(form.group(1)));
        if (action == null) {
            throw new Failure("login form action is not a URL: " + form.group(1));
        }
        return action;
    }

    /** The error or title Keycloak shows, so a failure says what the user would have seen. */
    private static String pageError(String html) {
        for (Pattern pattern : List.of(INPUT_ERROR, TITLE)) {
            Matcher m = pattern.matcher(html);
            if (m.find()) {
                return unescape(m.group(1));
            }
        }
        Matcher title = Pattern.compile("<title>\\s*([^<]*?)\\s*</title>", Pattern.CASE_INSENSITIVE).matcher(html);
        return title.find() ? unescape(title.group(1)) : "(no message on the page)";
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#61;", "=").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }

    private static String formEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Keeps cookies like a browser does for one login; no expiry handling is needed for that.
     * Keycloak marks its login cookies {@code Secure} even over http; browsers still send them to
     * 127.0.0.1 and localhost (a loopback origin counts as secure), OkHttp would not.
     */
    private static final class MemoryCookieJar implements CookieJar {
        private final List<Cookie> cookies = new ArrayList<>();

        @Override
        public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
            for (Cookie cookie : received) {
                cookies.removeIf(old -> old.name().equals(cookie.name()) && old.domain().equals(cookie.domain())
                        && old.path().equals(cookie.path()));
                cookies.add(cookie);
            }
        }

        @Override
        public synchronized List<Cookie> loadForRequest(HttpUrl url) {
            HttpUrl asSecure = isLoopback(url.host()) ? url.newBuilder().scheme("https").build() : url;
            return cookies.stream().filter(cookie -> cookie.matches(url) || cookie.matches(asSecure)).toList();
        }

        private static boolean isLoopback(String host) {
            return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
        }
    }
}
