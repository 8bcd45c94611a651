package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Requirer databags, exactly as the real requirers' libraries write them, and broken ones. */
class OAuthRequestTest {

    /** grafana-k8s (library LIBPATCH 11). */
    static final Map<String, String> GRAFANA = Map.of(
            "redirect_uri", "https://grafana.example.com/login/generic_oauth",
            "scope", "openid email offline_access",
            "grant_types", "[\"authorization_code\", \"refresh_token\"]",
            "audience", "[]",
            "token_endpoint_auth_method", "client_secret_basic");

    /** kafka-k8s and kafka (LIBPATCH 9): a placeholder redirect its schema made it send. */
    static final Map<String, String> KAFKA = Map.of(
            "redirect_uri", "https://kafka.local",
            "scope", "openid email",
            "grant_types", "[\"client_credentials\"]",
            "audience", "[]",
            "token_endpoint_auth_method", "client_secret_basic");

    @Test
    void nothingWritten_asksForNoClient() {
        assertEquals(new OAuthRequest.Nothing(), OAuthRequest.parse(Map.of()));
    }

    @Test
    void grafana_logsUsersInWithRefreshTokens_atItsCallback() {
        assertEquals(new OAuthRequest.Valid(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN),
                Optional.of("https://grafana.example.com/login/generic_oauth"), List.of("openid", "email", "offline_access"),
                List.of()), OAuthRequest.parse(GRAFANA));
    }

    @Test
    void kafka_getsClientCredentials_andItsPlaceholderRedirectIsNotRegistered() {
        assertEquals(new OAuthRequest.Valid(Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(),
                List.of("openid", "email"), List.of()), OAuthRequest.parse(KAFKA));
    }

    @Test
    void aKafkaClient_withAnAudience_andNoRedirect_asLibpatch12AllowsIt() {
        Map<String, String> bag = Map.of("scope", "openid", "grant_types", "[\"client_credentials\"]",
                "audience", "[\"kafka\", \"kafka\", \"other\"]", "token_endpoint_auth_method", "client_secret_post");
        assertEquals(new OAuthRequest.Valid(Set.of(GrantType.CLIENT_CREDENTIALS), Optional.empty(), List.of("openid"),
                List.of("kafka", "other")), OAuthRequest.parse(bag));
    }

    @Test
    void theDeviceGrant_andAScopeWrittenAsAJsonString_readAsTheLibraryReadsThem() {
        Map<String, String> bag = with(GRAFANA, "grant_types", "[\"urn:ietf:params:oauth:grant-type:device_code\"]");
        bag.put("scope", "\"openid\"");
        assertEquals(new OAuthRequest.Valid(Set.of(GrantType.DEVICE_CODE), Optional.empty(), List.of("openid"), List.of()),
                OAuthRequest.parse(bag));
    }

    static Stream<Arguments> broken() {
        String all = "authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code";
        String issuing = "authorization_code, client_credentials, urn:ietf:params:oauth:grant-type:device_code";
        return Stream.of(
                Arguments.of(with(GRAFANA, "grant_types", "authorization_code"),
                        "grant_types must be a JSON list, not text (authorization_code)"),
                Arguments.of(with(GRAFANA, "grant_types", "[\"implicit\"]"), "grant_types has implicit, not one of " + all),
                Arguments.of(with(GRAFANA, "grant_types", "[\"Authorization_Code\"]"),
                        "grant_types has Authorization_Code, not one of " + all),
                Arguments.of(with(GRAFANA, "grant_types", "[1]"), "grant_types has a JSON number (1), not one of " + all),
                Arguments.of(with(GRAFANA, "grant_types", "[]"), "grant_types asks for no grant that issues tokens (" + issuing + ")"),
                Arguments.of(with(GRAFANA, "grant_types", "[\"refresh_token\"]"),
                        "grant_types asks for no grant that issues tokens (" + issuing + ")"),
                Arguments.of(without(GRAFANA, "redirect_uri"), "redirect_uri is missing, and grant_types has authorization_code"),
                Arguments.of(with(GRAFANA, "redirect_uri", "https://grafana.example.com/cb#x"), "redirect_uri has a fragment"),
                Arguments.of(with(GRAFANA, "redirect_uri", "https://*.example.com/cb"), "redirect_uri has a wildcard (*)"),
                Arguments.of(with(GRAFANA, "redirect_uri", "12345"), "redirect_uri must be text, not a JSON number (12345)"),
                Arguments.of(with(GRAFANA, "audience", "kafka"), "audience must be a JSON list of strings, not text (kafka)"),
                Arguments.of(with(GRAFANA, "audience", "[1]"), "audience must be a JSON list of strings, not a JSON list ([1])"),
                Arguments.of(with(GRAFANA, "audience", "{\"a\":\"b\"}"),
                        "audience must be a JSON list of strings, not a JSON object ({\"a\":\"b\"})"),
                Arguments.of(with(GRAFANA, "audience", "[\"\"]"), "audience has an empty entry"),
                Arguments.of(with(GRAFANA, "audience", "[\"a\\u0007b\"]"), "audience a?b contains control characters"),
                Arguments.of(with(GRAFANA, "audience", "[\"" + "a".repeat(201) + "\"]"),
                        "audience " + "a".repeat(37) + "... is longer than 200 characters"),
                Arguments.of(with(GRAFANA, "scope", "true"), "scope must be text, not a JSON boolean (true)"),
                Arguments.of(with(GRAFANA, "scope", "null"), "scope must be text, not JSON null"),
                Arguments.of(with(GRAFANA, "scope", "NaN"), "scope must be text, not a JSON number (NaN)"),
                Arguments.of(with(GRAFANA, "scope", "openid \"groups\""),
                        "scope \"groups\" has a character OAuth does not allow (\")"),
                Arguments.of(without(GRAFANA, "scope"), "scope is missing (the oauth library always sends it)"),
                Arguments.of(without(GRAFANA, "audience"), "audience is missing (the oauth library always sends it)"),
                Arguments.of(with(GRAFANA, "token_endpoint_auth_method", "private_key_jwt"),
                        "token_endpoint_auth_method must be client_secret_basic or client_secret_post, not text (private_key_jwt)"),
                Arguments.of(Map.of("redirect_uri", "https://grafana.example.com/cb"),
                        "audience is missing (the oauth library always sends it)"));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void brokenData_isRefused_namingTheField(Map<String, String> bag, String problem) {
        assertEquals(new OAuthRequest.Invalid(problem), OAuthRequest.parse(bag));
        assertTrue(problem.length() < 170, "a status is one short line");
    }

    static Map<String, String> with(Map<String, String> bag, String key, String value) {
        Map<String, String> copy = new HashMap<>(bag);
        copy.put(key, value);
        return copy;
    }

    static Map<String, String> without(Map<String, String> bag, String key) {
        Map<String, String> copy = new HashMap<>(bag);
        copy.remove(key);
        return copy;
    }
}
