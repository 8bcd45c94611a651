package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeycloakClientTest {

    private static final Map<String, String> MARKERS = Map.of("managed-by", "m/app");
    private static final ClientSpec SPEC = new ClientSpec("dex-auth", "Dex",
            List.of("https://a.example.com/cb", "https://b.example.com/cb"), ClientFlows.LOGIN, List.of(), MARKERS);
    /** What a Kafka client asks for over oauth: client credentials and an audience, no browser. */
    private static final ClientSpec SERVICE = new ClientSpec("kafka-client", "Kafka client", List.of(),
            new ClientFlows(false, false, true, false), List.of("kafka"), MARKERS);

    private static KeycloakClient client(List<String> redirectUris, Map<String, String> attributes,
                                         boolean directAccessGrants, String authenticator) {
        return new KeycloakClient("id-1", "dex-auth", redirectUris, Optional.of("s3cret"), attributes,
                true, false, true, false, directAccessGrants, false, authenticator, Set.of("profile", "email"), List.of());
    }

    /** A client as Keycloak lists it after the charm created {@code spec} (mappers with the ids Keycloak gave). */
    private static KeycloakClient asKeycloakHasIt(ClientSpec spec) {
        var rep = ClientRepresentations.created(spec).put("id", "id-2").put("enabled", true);
        int n = 0;
        for (var mapper : rep.path("protocolMappers")) {
            ((ObjectNode) mapper).put("id", "m-" + n++);
            // Keycloak adds a key of its own to every audience mapper it stores.
            ((ObjectNode) mapper.path("config")).put("userinfo.token.claim", "false");
        }
        return ClientRepresentations.read(rep);
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
                false, false, true, false, false, false, "client-secret", Set.of(), List.of()).satisfies(SPEC), "disabled");
        assertFalse(new KeycloakClient("id-1", "dex-auth", uris, Optional.empty(), attributes,
                true, true, true, false, false, false, "client-secret", Set.of(), List.of()).satisfies(SPEC), "public");
        assertFalse(new KeycloakClient("id-1", "dex-auth", uris, Optional.empty(), attributes,
                true, false, true, false, false, true, "client-secret", Set.of(), List.of()).satisfies(SPEC), "service account");
    }

    @Test
    void flows_readKeycloaksDefaults_refreshTokensOnAndDeviceGrantOff_whenTheAttributesAreAbsent() {
        // A client made before the charm set these attributes needs no write for them.
        assertEquals(ClientFlows.LOGIN, asCreated().flows());
        var off = new HashMap<>(MARKERS);
        off.put(KeycloakClient.USE_REFRESH_TOKENS, "false");
        off.put(KeycloakClient.DEVICE_GRANT, "true");
        assertEquals(new ClientFlows(true, false, false, true), client(SPEC.redirectUris(), off, false, "client-secret").flows());
        assertFalse(client(SPEC.redirectUris(), off, false, "client-secret").satisfies(SPEC));
    }

    @Test
    void aCreatedClient_satisfiesItsSpec_flowsAndAudienceMappersIncluded() {
        KeycloakClient created = asKeycloakHasIt(SERVICE);
        assertEquals(new ClientFlows(false, false, true, false), created.flows());
        assertEquals(1, created.protocolMappers().size());
        assertEquals("kafka", created.protocolMappers().get(0).config().get("included.custom.audience"));
        assertTrue(created.satisfies(SERVICE));
        assertFalse(created.satisfies(SPEC), "a login client is not a service account");
    }

    @Test
    void audienceMappers_theCharmsMustBeOnePerAudience_othersAreLeftAlone() {
        KeycloakClient created = asKeycloakHasIt(SERVICE);
        ProtocolMapper ours = created.protocolMappers().get(0);
        ProtocolMapper foreign = new ProtocolMapper("m-9", "admin's audience", "oidc-audience-mapper",
                Map.of("included.custom.audience", "other"));
        Map<String, String> notInAccessTokens = new HashMap<>(ours.config());
        notInAccessTokens.put("access.token.claim", "false");
        ProtocolMapper altered = new ProtocolMapper("m-8", ours.name(), ours.type(), notInAccessTokens);

        assertEquals(new AudienceMappers.Plan(List.of(), List.of()),
                AudienceMappers.plan(List.of(ours, foreign), List.of("kafka"), MARKERS), "a foreign mapper is not ours to judge");
        assertEquals(new AudienceMappers.Plan(List.of(ours), List.of("kafka-2")),
                AudienceMappers.plan(List.of(ours, foreign), List.of("kafka-2"), MARKERS), "another audience replaces it");
        assertEquals(new AudienceMappers.Plan(List.of(altered), List.of()),
                AudienceMappers.plan(List.of(ours, altered), List.of("kafka"), MARKERS), "an altered or second copy goes");
        assertEquals(new AudienceMappers.Plan(List.of(altered), List.of("kafka")),
                AudienceMappers.plan(List.of(altered), List.of("kafka"), MARKERS), "an altered one is made anew");
        assertEquals(new AudienceMappers.Plan(List.of(), List.of()),
                AudienceMappers.plan(List.of(foreign), List.of(), Map.of()), "without markers nothing is ours");
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
        current.putArray("protocolMappers").addObject().put("name", "an administrator's");
        current.putObject("attributes").put("post.logout.redirect.uris", "+").put("managed-by", "old");

        var desired = ClientRepresentations.desired(SPEC, current);

        assertFalse(desired.has("secret"));
        // A PUT with protocolMappers replaces the client's mappers by that list (Keycloak 26.5): leave them out.
        assertFalse(desired.has("protocolMappers"));
        assertTrue(desired.path("fullScopeAllowed").asBoolean());
        assertFalse(desired.path("directAccessGrantsEnabled").asBoolean());
        assertEquals("m/app", desired.path("attributes").path("managed-by").asText());
        assertEquals("+", desired.path("attributes").path("post.logout.redirect.uris").asText());
        assertEquals(0, desired.path("webOrigins").size());
        assertEquals("true", desired.path("attributes").path("use.refresh.tokens").asText());
        assertEquals("false", desired.path("attributes").path("oauth2.device.authorization.grant.enabled").asText());
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
