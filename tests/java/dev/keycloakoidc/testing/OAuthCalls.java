package dev.keycloakoidc.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The calls an {@code oauth} requirer makes besides a browser login ({@link OidcLogin}): a
 * client-credentials token (what a Kafka client does) and userinfo (what grafana reads after a
 * login), each with nothing but the published endpoints and the client's secret.
 */
public final class OAuthCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OAuthCalls() {}

    /** The claims of the access token the client-credentials grant gives {@code clientId}. */
    public static Map<String, Object> clientCredentials(String tokenEndpoint, String clientId, String clientSecret,
                                                        List<String> scopes) {
        try {
            JsonNode body = OidcLogin.postToTokenEndpoint(OidcLogin.http(), tokenEndpoint, clientId, clientSecret,
                    new FormBody.Builder().add("grant_type", "client_credentials").add("scope", String.join(" ", scopes)));
            return OidcLogin.claims(body.path("access_token").asText());
        } catch (IOException e) {
            throw new OidcLogin.Failure("client credentials at " + tokenEndpoint + " failed: " + e);
        }
    }

    /** What the userinfo endpoint says of the user {@code accessToken} was issued for. */
    public static Map<String, Object> userinfo(String userinfoEndpoint, String accessToken) {
        try (Response answer = OidcLogin.http().newCall(new Request.Builder().url(userinfoEndpoint)
                .header("Authorization", "Bearer " + accessToken).build()).execute()) {
            String body = answer.body().string();
            if (answer.code() != 200) {
                throw new OidcLogin.Failure("userinfo answered " + answer.code() + ": " + body);
            }
            return JSON.readValue(body, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new OidcLogin.Failure("userinfo at " + userinfoEndpoint + " failed: " + e);
        }
    }
}
