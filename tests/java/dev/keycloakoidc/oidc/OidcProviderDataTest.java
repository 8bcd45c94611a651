package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OidcProviderDataTest {

    static final String ISSUER = "https://keycloak.example.com/realms/kubeflow";
    /** A Keycloak realm's discovery document, every endpoint in it. */
    static final DiscoveryDocument FULL = new DiscoveryDocument(ISSUER, ISSUER + "/protocol/openid-connect/auth",
            ISSUER + "/protocol/openid-connect/token", Optional.of(ISSUER + "/protocol/openid-connect/userinfo"),
            ISSUER + "/protocol/openid-connect/certs", Optional.of(ISSUER + "/protocol/openid-connect/token/introspect"));
    private static final DexConnector CONNECTOR = new DexConnector("keycloak", "Keycloak", ISSUER, "dex-auth",
            Optional.of("s3cr3t"), "https://kubeflow.example.com/dex/callback", List.of("openid", "profile", "email"),
            "preferred_username");
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void databag_hasEveryKeyOfTheDesign() throws Exception {
        Map<String, String> bag = new OidcProviderData(FULL, List.of("openid", "profile", "email"), "dex-auth",
                "secret:cu2ls6ffnqnc73a1j2hg", "https://kubeflow.example.com/dex/callback", CONNECTOR,
                Optional.of(List.of(PEM))).toDatabag();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("issuer_url", ISSUER);
        expected.put("authorization_endpoint", ISSUER + "/protocol/openid-connect/auth");
        expected.put("token_endpoint", ISSUER + "/protocol/openid-connect/token");
        expected.put("userinfo_endpoint", ISSUER + "/protocol/openid-connect/userinfo");
        expected.put("jwks_endpoint", ISSUER + "/protocol/openid-connect/certs");
        expected.put("introspection_endpoint", ISSUER + "/protocol/openid-connect/token/introspect");
        expected.put("scope", "openid profile email");
        expected.put("client_id", "dex-auth");
        expected.put("client_secret_id", "secret:cu2ls6ffnqnc73a1j2hg");
        expected.put("redirect_uri", "https://kubeflow.example.com/dex/callback");
        expected.put("dex_connector", CONNECTOR.toPublicJson());
        expected.put("ca_chain", "[\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"]");
        assertEquals(expected, bag);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(bag.keySet()));
        assertEquals(List.of(PEM), new ObjectMapper().readValue(bag.get("ca_chain"), List.class));
        assertFalse(bag.values().stream().anyMatch(v -> v.contains("s3cr3t")));
    }

    @Test
    void withGroups_theDatabagNamesTheGroupsClaim() {
        Map<String, String> bag = new OidcProviderData(FULL, List.of("openid", "groups"), "dex-auth", "secret:x",
                "https://kubeflow.example.com/dex/callback", CONNECTOR, Optional.empty()).toDatabag();
        assertEquals("groups", bag.get("groups"));
        assertEquals("openid groups", bag.get("scope"));

        Map<String, String> without = new OidcProviderData(FULL, List.of("openid", "profile"), "dex-auth", "secret:x",
                "https://kubeflow.example.com/dex/callback", CONNECTOR, Optional.empty()).toDatabag();
        assertFalse(without.containsKey("groups"));
    }

    @Test
    void absentOptionalEndpointsAndCaChain_areLeftOut() {
        DiscoveryDocument minimal = new DiscoveryDocument(ISSUER, "a", "t", Optional.empty(), "j", Optional.empty());

        Map<String, String> bag = new OidcProviderData(minimal, List.of("openid"), "dex-auth", "secret:x",
                "https://kubeflow.example.com/dex/callback", CONNECTOR, Optional.empty()).toDatabag();

        assertEquals(List.of("issuer_url", "authorization_endpoint", "token_endpoint", "jwks_endpoint", "scope",
                "client_id", "client_secret_id", "redirect_uri", "dex_connector"), List.copyOf(bag.keySet()));
    }

    @Test
    void emptyCaChain_isLeftOut() {
        Map<String, String> bag = new OidcProviderData(FULL, List.of("openid"), "dex-auth", "secret:x",
                "https://kubeflow.example.com/dex/callback", CONNECTOR, Optional.of(List.of())).toDatabag();

        assertFalse(bag.containsKey("ca_chain"));
    }

    @Test
    void scope_alwaysContainsOpenid() {
        Map<String, String> bag = new OidcProviderData(FULL, List.of("profile", "email"), "dex-auth", "secret:x",
                "https://kubeflow.example.com/dex/callback", CONNECTOR, Optional.empty()).toDatabag();

        assertEquals("openid profile email", bag.get("scope"));
    }
}
