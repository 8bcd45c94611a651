package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeycloakClientTest {

    private static final ClientSpec SPEC = new ClientSpec("dex-auth", "Dex",
            List.of("https://a.example.com/cb", "https://b.example.com/cb"), Map.of("managed-by", "m/app"));

    private static KeycloakClient client(List<String> redirectUris, Map<String, String> attributes,
                                         boolean directAccessGrants, String authenticator) {
        return new KeycloakClient("id-1", "dex-auth", redirectUris, Optional.of("s3cret"), attributes,
                true, false, true, false, directAccessGrants, false, authenticator, Set.of("profile", "email"));
    }

    private static KeycloakClient asCreated() {
        return client(List.of("https://b.example.com/cb", "https://a.example.com/cb"),
                Map.of("managed-by", "m/app", "client.secret.creation.time", "1795923596"), false, "client-secret");
    }

    @Test
    void satisfies_ignoresRedirectUriOrder_andAttributesKeycloakAdded() {
        assertTrue(asCreated().satisfies(SPEC));
    }

    @Test
    void satisfies_not_whenARedirectUriDiffers() {
        assertFalse(client(List.of("https://a.example.com/cb"), Map.of("managed-by", "m/app"), false, "client-secret")
                .satisfies(SPEC));
    }

    @Test
    void satisfies_not_whenASpecAttributeIsMissingOrDifferent() {
        List<String> uris = SPEC.redirectUris();
        assertFalse(client(uris, Map.of(), false, "client-secret").satisfies(SPEC));
        assertFalse(client(uris, Map.of("managed-by", "other/app"), false, "client-secret").satisfies(SPEC));
    }

    @Test
    void satisfies_not_whenAFlagOrTheAuthenticatorDiffers() {
        List<String> uris = SPEC.redirectUris();
        Map<String, String> attributes = SPEC.attributes();
        assertFalse(client(uris, attributes, true, "client-secret").satisfies(SPEC));
        assertFalse(client(uris, attributes, false, "client-jwt").satisfies(SPEC));
        assertFalse(new KeycloakClient("id-1", "dex-auth", uris, Optional.empty(), attributes,
                false, false, true, false, false, false, "client-secret", Set.of()).satisfies(SPEC), "disabled");
        assertFalse(new KeycloakClient("id-1", "dex-auth", uris, Optional.empty(), attributes,
                true, true, true, false, false, false, "client-secret", Set.of()).satisfies(SPEC), "public");
    }

    @Test
    void toString_hidesTheSecret() {
        assertFalse(asCreated().toString().contains("s3cret"));
    }

    @Test
    void desiredRepresentation_keepsWhatKeycloakAdded_dropsTheSecret_andSetsTheSpec() {
        var current = Json.object()
                .put("id", "id-1").put("clientId", "dex-auth").put("secret", "s3cret")
                .put("directAccessGrantsEnabled", true).put("fullScopeAllowed", true);
        current.putObject("attributes").put("post.logout.redirect.uris", "+").put("managed-by", "old");

        var desired = ClientRepresentations.desired(SPEC, current);

        assertFalse(desired.has("secret"));
        assertTrue(desired.path("fullScopeAllowed").asBoolean());
        assertFalse(desired.path("directAccessGrantsEnabled").asBoolean());
        assertEquals("m/app", desired.path("attributes").path("managed-by").asText());
        assertEquals("+", desired.path("attributes").path("post.logout.redirect.uris").asText());
        assertEquals(0, desired.path("webOrigins").size());
        assertTrue(ClientRepresentations.read(desired.put("enabled", true)).satisfies(SPEC));
        assertEquals("s3cret", current.path("secret").asText(), "the input is not modified");
    }

    @Test
    void read_takesTheDefaultAndOptionalClientScopes_asTheScopesKeycloakGrants() {
        var rep = Json.object().put("id", "id-1").put("clientId", "dex-auth");
        rep.putArray("defaultClientScopes").add("profile").add("email");
        rep.putArray("optionalClientScopes").add("offline_access").add("groups");

        assertEquals(Set.of("profile", "email", "offline_access", "groups"), ClientRepresentations.read(rep).clientScopes());
        assertEquals(Set.of(), ClientRepresentations.read(Json.object().put("id", "id-2")).clientScopes());
    }
}
