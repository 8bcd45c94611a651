package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The provider bag against what the library writes. The expected JSON texts were made by the
 * library itself (charms.kratos_external_idp_integrator.v1.kratos_external_provider, LIBPATCH 0,
 * with pydantic 2.13): {@code Providers.model_validate([config]).model_dump_json()} on the same
 * values, without {@code id} (so the library derived it).
 */
class KratosProviderTest {

    static final String ISSUER = "https://keycloak.example.com/realms/kubeflow";
    static final String SECRET = "k9PqZr2VtLx8WmNa4Bc6Dy1Ef3Gh5Ij7";
    /** Quotes, a non-ASCII letter, an escaped tab and line breaks, to pin the JSON escaping. */
    static final String MAPPER = "local c = std.extVar('claims');\n{identity: {traits: {email: c.email, note: \"\u00e9\\t\"}}}\n";
    /** The library's id for client_id kratos and {@link #ISSUER}. */
    static final String LIBRARY_ID = "generic_3707dab39ad3214b229983617e9619ff069a6b95";

    static KratosProvider provider(String label, List<String> scopes) {
        return new KratosProvider(KratosProvider.libraryDefaultId("kratos", ISSUER), label, "kratos", ISSUER, scopes,
                MAPPER, KratosClientSecret.inRelationData(SECRET));
    }

    @Test
    void providers_isByteForByte_whatTheLibraryWrites() {
        String mapperFields = "\"jsonnet_mapper\":\"local c = std.extVar('claims');\\n{identity: {traits: {email: c.email, note: \\\"\u00e9\\\\t\\\"}}}\\n\","
                + "\"mapper_url\":\"base64://bG9jYWwgYyA9IHN0ZC5leHRWYXIoJ2NsYWltcycpOwp7aWRlbnRpdHk6IHt0cmFpdHM6IHtlbWFpbDogYy5lbWFpbCwgbm90ZTogIsOpXHQifX19Cg==\",";
        assertEquals(Map.of("providers", "[{\"provider\":\"generic\",\"client_id\":\"kratos\",\"scope\":\"openid profile email groups\","
                + "\"id\":\"" + LIBRARY_ID + "\",\"label\":\"Sign in with Keycloak\"," + mapperFields
                + "\"issuer_url\":\"" + ISSUER + "\",\"client_secret\":\"" + SECRET + "\"}]"),
                provider("Sign in with Keycloak", List.of("openid", "profile", "email", "groups")).toDatabag());
        assertEquals("[{\"provider\":\"generic\",\"client_id\":\"kratos\",\"scope\":\"openid profile email groups\","
                + "\"id\":\"" + LIBRARY_ID + "\",\"label\":\"Connexion \u00c9quipe \\\"Kubeflow\\\"\"," + mapperFields
                + "\"issuer_url\":\"" + ISSUER + "\",\"client_secret\":\"" + SECRET + "\"}]",
                provider("Connexion \u00c9quipe \"Kubeflow\"", List.of("openid", "profile", "email", "groups")).toDatabag().get("providers"));
    }

    @Test
    void theDefaultId_isTheLibrarys() {
        assertEquals(LIBRARY_ID, KratosProvider.libraryDefaultId("kratos", ISSUER));
        // kratos-external-idp-integrator's unit tests expect this one for client_id/http://example.com.
        assertEquals("generic_c1b858ba120b6a62d17865256fab2617b727ab27",
                KratosProvider.libraryDefaultId("client_id", "http://example.com"));
        assertNotEquals(LIBRARY_ID, KratosProvider.libraryDefaultId("kratos", ISSUER + "/"), "any change of the issuer makes a new id");
    }

    @Test
    void scope_putsOpenidFirstWhenMissing_andKeepsGroups() {
        assertEquals("openid profile email groups", provider("Keycloak", List.of("profile", "email", "groups")).scope());
        assertEquals("profile openid", provider("Keycloak", List.of("profile", "openid")).scope());
        assertEquals("openid", provider("Keycloak", List.of()).scope());
    }

    @Test
    void forKeycloak_theLibraryIdAndTheKeycloakMapper() {
        KratosProvider provider = KratosProvider.forKeycloak("Keycloak", "kratos", ISSUER, List.of("openid", "email"),
                KratosClientSecret.inRelationData(SECRET));
        assertEquals(LIBRARY_ID, provider.id());
        assertEquals(KratosClaimsMapper.JSONNET, provider.jsonnetMapper());
        String url = readProviders(provider).get(0).get("mapper_url").textValue();
        assertEquals(KratosClaimsMapper.JSONNET,
                new String(Base64.getDecoder().decode(url.substring("base64://".length())), StandardCharsets.UTF_8));
    }

    @Test
    void theSecret_isWrittenOnce_underClientSecret_andNeverPrinted() {
        KratosProvider provider = provider("Keycloak", List.of("openid"));
        String providers = provider.toDatabag().get("providers");
        assertEquals(providers.indexOf(SECRET), providers.lastIndexOf(SECRET));
        assertEquals(SECRET, readProviders(provider).get(0).get("client_secret").textValue());
        assertFalse(provider.toString().contains(SECRET), provider.toString());
        assertFalse(provider.clientSecret().toString().contains(SECRET));
        assertEquals("KratosProvider[id=" + LIBRARY_ID + ", label=Keycloak, clientId=kratos, issuerUrl=" + ISSUER
                + ", scopes=[openid], jsonnetMapper=(" + MAPPER.length() + " characters),"
                + " clientSecret=client_secret in relation data (hidden)]", provider.toString());
        assertEquals(provider, provider("Keycloak", List.of("openid")));
        assertEquals(provider.hashCode(), provider("Keycloak", List.of("openid")).hashCode());
        assertNotEquals(provider, provider("Keycloak", List.of("openid", "email")));
        assertEquals(KratosClientSecret.inRelationData(SECRET), provider.clientSecret());
        assertNotEquals(KratosClientSecret.inRelationData(SECRET + "x"), provider.clientSecret(),
                "a rotated secret is a different provider, to be written again");
        assertNotEquals(provider, new KratosProvider(provider.id(), provider.label(), provider.clientId(), provider.issuerUrl(),
                provider.scopes(), provider.jsonnetMapper(), KratosClientSecret.inRelationData("other0secret")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"12345", "1e5", "0x1F", "0o17", "true", "a: b", "a #b", " lead", "trail ", "'quoted'", "*alias", "[a]", "line\nbreak"})
    void aSecretYamlWouldMisread_isRefused_withoutShowingIt(String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KratosClientSecret.inRelationData(secret));
        assertTrue(e.getMessage().startsWith("client_secret "), e.getMessage());
        assertFalse(e.getMessage().contains(secret.strip()), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9PqZr2VtLx8WmNa4Bc6Dy1Ef3Gh5Ij7k", "k9PqZr2VtLx8WmNa4Bc6Dy1Ef3Gh5Ij7", "AbCdEfGhIjKlMnOpQrStUvWxYz012345"})
    void keycloakGeneratedSecrets_areAccepted(String secret) {
        assertEquals(KratosClientSecret.inRelationData(secret), KratosClientSecret.inRelationData(secret));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                      | is empty",
        "'1Keycloak'             | must begin with a letter",
        "'-Keycloak'             | must begin with a letter",
        "'Keycloak: staff'       | 'must not contain : or #'",
        "'Keycloak #1'           | 'must not contain : or #'",
        "'yes'                   | must not be yes, which YAML reads as a boolean or null",
        "'Null'                  | must not be Null, which YAML reads as a boolean or null",
        "'Keycloak '             | would not read back as this text in Kratos' YAML configuration, where kratos-operator writes it unquoted",
        "'Keycloak\tstaff'       | has a line break or control character",
        "'Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | is longer than 64 characters",
    })
    void labels_thatCannotBeAButton_areRefused(String label, String problem) {
        assertEquals(Optional.of(problem), KratosProvider.labelProblem(label));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> provider(label, List.of("openid")));
        assertEquals("label " + problem, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Keycloak", "Sign in with Keycloak", "Connexion \u00c9quipe", "\u30ad\u30fc\u30af\u30ed\u30fc\u30af",
        "Keycloak (staff) - Kubeflow's", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void buttonLabels_areAccepted(String label) {
        assertEquals(Optional.empty(), KratosProvider.labelProblem(label));
        assertEquals(label, readProviders(provider(label, List.of("openid"))).get(0).get("label").textValue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "generic 1   | id must be a letter, then up to 99 letters, digits, _ or -",
        "1generic    | id must be a letter, then up to 99 letters, digits, _ or -",
        "generic/x   | id must be a letter, then up to 99 letters, digits, _ or -",
    })
    void ids_thatCannotBeAPathSegment_areRefused(String id, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KratosProvider(id, "Keycloak",
                "kratos", ISSUER, List.of("openid"), MAPPER, KratosClientSecret.inRelationData(SECRET)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void valuesYamlWouldMisread_andScopesThatAreNotOne_areRefused() {
        assertEquals("client_id would not read back as this text in Kratos' YAML configuration, where kratos-operator writes it unquoted",
                assertThrows(IllegalArgumentException.class, () -> new KratosProvider(LIBRARY_ID, "Keycloak", "null", ISSUER,
                        List.of("openid"), MAPPER, KratosClientSecret.inRelationData(SECRET))).getMessage());
        assertEquals("issuer_url is empty", assertThrows(IllegalArgumentException.class, () -> new KratosProvider(LIBRARY_ID,
                "Keycloak", "kratos", "", List.of("openid"), MAPPER, KratosClientSecret.inRelationData(SECRET))).getMessage());
        assertEquals("scopes has an entry that is not one OAuth scope", assertThrows(IllegalArgumentException.class,
                () -> provider("Keycloak", List.of("openid email"))).getMessage());
        assertEquals("jsonnet_mapper is empty", assertThrows(IllegalArgumentException.class, () -> new KratosProvider(LIBRARY_ID,
                "Keycloak", "kratos", ISSUER, List.of("openid"), " ", KratosClientSecret.inRelationData(SECRET))).getMessage());
    }

    private static com.fasterxml.jackson.databind.JsonNode readProviders(KratosProvider provider) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(provider.toDatabag().get("providers"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
