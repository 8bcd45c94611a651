package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OAuthProviderDataTest {

    private static final String ISSUER = OidcProviderDataTest.ISSUER;
    private static final DiscoveryDocument KEYCLOAK = OidcProviderDataTest.FULL;
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void beforeAnyRequest_theProvidersSettings() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("issuer_url", ISSUER);
        expected.put("authorization_endpoint", ISSUER + "/protocol/openid-connect/auth");
        expected.put("token_endpoint", ISSUER + "/protocol/openid-connect/token");
        expected.put("introspection_endpoint", ISSUER + "/protocol/openid-connect/token/introspect");
        expected.put("userinfo_endpoint", ISSUER + "/protocol/openid-connect/userinfo");
        expected.put("jwks_endpoint", ISSUER + "/protocol/openid-connect/certs");
        expected.put("scope", "openid profile email");
        expected.put("jwt_access_token", "True");
        Map<String, String> bag = new OAuthProviderData(KEYCLOAK, List.of("profile", "email"), Optional.empty(),
                Optional.empty()).toDatabag();
        assertEquals(expected, bag);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(bag.keySet()));
    }

    @Test
    void served_withTheClient_theGroupsClaimWhenGroupsAreAsked_andTheCaChainAsAJsonArray() {
        Map<String, String> bag = new OAuthProviderData(KEYCLOAK, List.of("openid", "groups"),
                Optional.of(new OAuthProviderData.Client("grafana", "secret:d1b2c3e4f5a6b7c8d9e0")),
                Optional.of(List.of(PEM, PEM))).toDatabag();
        assertEquals("grafana", bag.get("client_id"));
        assertEquals("secret:d1b2c3e4f5a6b7c8d9e0", bag.get("client_secret_id"));
        assertEquals("groups", bag.get("groups"));
        assertEquals("openid groups", bag.get("scope"));
        assertEquals(OAuthValues.encode(List.of(PEM, PEM)), bag.get("ca_chain"));
        assertEquals(PEM, OAuthValues.decode(bag.get("ca_chain")).get(1).textValue());
    }

    /** {@code true}, {@code false} and {@code null} are valid Juju application names, so valid clientIds. */
    @Test
    void aClientIdThatReadsAsJson_isWrittenAsAJsonString_soTheLibraryReadsTheClientIdBack() {
        for (String app : List.of("true", "false", "null")) {
            Map<String, String> bag = new OAuthProviderData(KEYCLOAK, List.of("openid"),
                    Optional.of(new OAuthProviderData.Client(app, "secret:x")), Optional.empty()).toDatabag();
            assertEquals("\"" + app + "\"", bag.get("client_id"));
            assertEquals(app, OAuthValues.decode(bag.get("client_id")).textValue());
        }
    }

    @Test
    void aDiscoveryDocumentWithoutTheEndpointsTheInterfaceRequires_cannotBePublished() {
        DiscoveryDocument bare = new DiscoveryDocument(ISSUER, ISSUER + "/auth", ISSUER + "/token", Optional.empty(),
                ISSUER + "/certs", Optional.empty());
        assertEquals(List.of("introspection_endpoint", "userinfo_endpoint"), OAuthProviderData.missingEndpoints(bare));
        assertThrows(IllegalArgumentException.class, () -> new OAuthProviderData(bare, List.of("openid"), Optional.empty(),
                Optional.empty()));
        assertEquals(List.of(), OAuthProviderData.missingEndpoints(KEYCLOAK));
    }
}
