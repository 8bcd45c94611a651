package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.InterfaceSchemas.OAUTH;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycloakoidc.testing.InterfaceSchemas.Side;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/interfaces/oauth/schemas/ with the databags real charms write (grafana-k8s, kafka-k8s,
 * oauth2-proxy-k8s, request-authentication-configurator writing nothing) and the values the
 * requirer library's {@code json.loads}-then-validate refuses.
 */
class InterfaceSchemasOauthTest {

    private static final String ISSUER = "https://keycloak.example.com/realms/kubeflow";
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n";

    /** What keycloak-oidc should publish for a served consumer, every optional key included. */
    private static Map<String, String> keycloakProvider() {
        Map<String, String> bag = new HashMap<>();
        bag.put("issuer_url", ISSUER);
        bag.put("authorization_endpoint", ISSUER + "/protocol/openid-connect/auth");
        bag.put("token_endpoint", ISSUER + "/protocol/openid-connect/token");
        bag.put("introspection_endpoint", ISSUER + "/protocol/openid-connect/token/introspect");
        bag.put("userinfo_endpoint", ISSUER + "/protocol/openid-connect/userinfo");
        bag.put("jwks_endpoint", ISSUER + "/protocol/openid-connect/certs");
        bag.put("scope", "openid profile email offline_access");
        bag.put("client_id", "grafana");
        bag.put("client_secret_id", "secret:cu2ls6ffnqnc73a1j2hg");
        bag.put("groups", "groups");
        bag.put("ca_chain", "[\"" + PEM.replace("\n", "\\n") + "\"]");
        bag.put("jwt_access_token", "True");
        return bag;
    }

    private static Map<String, String> with(Map<String, String> bag, String key, String value) {
        Map<String, String> changed = new HashMap<>(bag);
        if (value == null) {
            changed.remove(key);
        } else {
            changed.put(key, value);
        }
        return changed;
    }

    private static Map<String, String> grafana() {
        return Map.of("redirect_uri", "https://grafana.example.com/login/generic_oauth",
                "scope", "openid email offline_access",
                "grant_types", "[\"authorization_code\", \"refresh_token\"]",
                "audience", "[]",
                "token_endpoint_auth_method", "client_secret_basic");
    }

    @Test
    void providerInfo_withOrWithoutAClient_isValid() {
        assertEquals(List.of(), OAUTH.problems(Side.PROVIDER, keycloakProvider()));
        Map<String, String> beforeAnyClient = with(with(with(with(keycloakProvider(), "client_id", null),
                "client_secret_id", null), "ca_chain", null), "groups", null);
        assertEquals(List.of(), OAUTH.problems(Side.PROVIDER, beforeAnyClient));
        assertEquals(List.of(), OAUTH.problems(Side.PROVIDER, Map.of()), "nothing written yet");
    }

    @Test
    void valuesThatJsonLoadsTurnsIntoNonStrings_areRefused() {
        assertEquals(List.of("/client_id: integer found, string expected"),
                OAUTH.problems(Side.PROVIDER, with(keycloakProvider(), "client_id", "12345")));
        assertEquals(List.of("/jwt_access_token: boolean found, string expected"),
                OAUTH.problems(Side.PROVIDER, with(keycloakProvider(), "jwt_access_token", "true")));
        assertEquals(List.of("/ca_chain: string found, array expected"),
                OAUTH.problems(Side.PROVIDER, with(keycloakProvider(), "ca_chain", PEM)));
        assertEquals(List.of("/groups: null found, string expected"),
                OAUTH.problems(Side.PROVIDER, with(keycloakProvider(), "groups", "null")));
        assertEquals(List.of("/scope: number found, string expected"),
                OAUTH.problems(Side.PROVIDER, with(keycloakProvider(), "scope", " NaN ")));
        assertEquals(List.of(": required property 'introspection_endpoint' not found"),
                OAUTH.problems(Side.PROVIDER, with(keycloakProvider(), "introspection_endpoint", null)));
    }

    @Test
    void whatRealRequirersWrite_isValid() {
        assertEquals(List.of(), OAUTH.problems(Side.REQUIRER, grafana()));
        assertEquals(List.of(), OAUTH.problems(Side.REQUIRER, Map.of("redirect_uri", "https://kafka.local",
                "scope", "openid email", "grant_types", "[\"client_credentials\"]", "audience", "[]",
                "token_endpoint_auth_method", "client_secret_basic")), "kafka-k8s");
        assertEquals(List.of(), OAUTH.problems(Side.REQUIRER, Map.of(
                "redirect_uri", "http://oauth2-proxy-k8s.kubeflow.svc.cluster.local:4180/oauth2/callback",
                "scope", "openid email profile offline_access", "grant_types", "[\"authorization_code\", \"refresh_token\"]",
                "audience", "[]", "token_endpoint_auth_method", "client_secret_basic")), "oauth2-proxy-k8s");
        assertEquals(List.of(), OAUTH.problems(Side.REQUIRER, Map.of("scope", "openid",
                "grant_types", "[\"client_credentials\"]", "audience", "[\"kafka\"]",
                "token_endpoint_auth_method", "client_secret_post")), "client credentials without a redirect (LIBPATCH 12)");
        assertEquals(List.of(), OAUTH.problems(Side.REQUIRER, Map.of()), "request-authentication-configurator writes nothing");
    }

    @Test
    void badRequests_areRefused_naming_theKey() {
        assertEquals(List.of(": required property 'redirect_uri' not found"),
                OAUTH.problems(Side.REQUIRER, with(grafana(), "redirect_uri", null)));
        assertEquals(List.of("/grant_types/0: does not have a value in the enumeration [\"authorization_code\", \"refresh_token\","
                        + " \"client_credentials\", \"urn:ietf:params:oauth:grant-type:device_code\"]"),
                OAUTH.problems(Side.REQUIRER, with(grafana(), "grant_types", "[\"implicit\"]")));
        assertEquals(List.of("/audience: string found, array expected"),
                OAUTH.problems(Side.REQUIRER, with(grafana(), "audience", "kafka")));
        assertEquals(List.of("/audience/0: integer found, string expected"),
                OAUTH.problems(Side.REQUIRER, with(grafana(), "audience", "[1]")));
        assertEquals(List.of("/token_endpoint_auth_method: does not have a value in the enumeration"
                        + " [\"client_secret_basic\", \"client_secret_post\"]"),
                OAUTH.problems(Side.REQUIRER, with(grafana(), "token_endpoint_auth_method", "private_key_jwt")));
        assertEquals(List.of(": required property 'audience' not found"),
                OAUTH.problems(Side.REQUIRER, with(grafana(), "audience", null)));
        assertEquals(List.of("/scope: boolean found, string expected"),
                OAUTH.problems(Side.REQUIRER, with(grafana(), "scope", "false")));
    }
}
