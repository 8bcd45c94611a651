package dev.keycloakoidc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.oidc.KratosAnswer;
import dev.keycloakoidc.oidc.KratosClaimsMapper;
import dev.keycloakoidc.oidc.KratosClientSecret;
import dev.keycloakoidc.oidc.KratosProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Kratos stand-in. Each expected model was made by the library itself (LIBPATCH 0, pydantic
 * 2.13): {@code Providers.model_validate_json} on the same JSON, then the fields of the first
 * entry.
 */
class KratosRequirerTest {

    static final String ISSUER = "https://keycloak.example.com/realms/kubeflow";
    static final String LIBRARY_ID = "generic_3707dab39ad3214b229983617e9619ff069a6b95";
    static final String SECRET = "k9PqZr2VtLx8WmNa4Bc6Dy1Ef3Gh5Ij7";
    static final String KRATOS = "https://kratos.example.com";

    private static Map<String, String> generic(String extra) {
        return Map.of("providers", "[{\"provider\":\"generic\",\"client_id\":\"kratos\",\"issuer_url\":\"" + ISSUER
                + "\",\"client_secret\":\"" + SECRET + "\"" + extra + "}]");
    }

    @Test
    void theCharmsBag_readsBackAsWritten() {
        KratosProvider sent = KratosProvider.forKeycloak("Sign in with Keycloak", "kratos", ISSUER,
                List.of("profile", "email", "groups"), KratosClientSecret.inRelationData(SECRET));
        KratosRequirer.Provider read = KratosRequirer.first(sent.toDatabag(), "test").orElseThrow();
        assertEquals(new KratosRequirer.Provider("generic", "kratos", List.of("openid", "profile", "email", "groups"), LIBRARY_ID,
                "Sign in with Keycloak", Optional.of(KratosClaimsMapper.JSONNET),
                Optional.of(KratosClaimsMapper.mapperUrl(KratosClaimsMapper.JSONNET)), ISSUER, SECRET), read);
        assertEquals(List.of("openid", "profile", "email", "groups"), read.requestedScopes());
    }

    @Test
    void theModelsDefaults_areFilledIn() {
        KratosRequirer.Provider bare = KratosRequirer.first(generic(""), "test").orElseThrow();
        assertEquals(List.of("profile", "email", "address", "phone"), bare.scope());
        assertEquals(LIBRARY_ID, bare.id());
        assertEquals("generic", bare.label());
        assertEquals(Optional.empty(), bare.jsonnetMapper());
        assertEquals(Optional.empty(), bare.mapperUrl());
        assertEquals(List.of("profile", "email", "address", "phone", "openid"), bare.requestedScopes(), "Kratos appends openid");

        assertEquals(List.of("profile", "email", "address", "phone"), KratosRequirer.first(generic(",\"scope\":\"\""), "t").orElseThrow().scope());
        assertEquals(List.of("profile", "email", "address", "phone"), KratosRequirer.first(generic(",\"scope\":null"), "t").orElseThrow().scope());
        assertEquals("kc", KratosRequirer.first(generic(",\"provider_id\":\"kc\""), "t").orElseThrow().id(), "the alias");
        assertEquals(LIBRARY_ID, KratosRequirer.first(generic(",\"id\":null,\"provider_id\":\"kc\""), "t").orElseThrow().id(),
                "id present (null) wins over the alias, then the default");
        assertEquals(LIBRARY_ID, KratosRequirer.first(generic(",\"id\":\"\""), "t").orElseThrow().id());
        assertEquals("generic", KratosRequirer.first(generic(",\"label\":\"\""), "t").orElseThrow().label());
        assertEquals(Optional.of(""), KratosRequirer.first(generic(",\"jsonnet_mapper\":\"{}\",\"mapper_url\":\"\""), "t")
                .orElseThrow().mapperUrl(), "an empty mapper_url is kept (the model tests for None)");
        assertEquals(Optional.of("base64://e30="), KratosRequirer.first(generic(",\"jsonnet_mapper\":\"{}\""), "t").orElseThrow().mapperUrl());
        assertEquals("auth0_3707dab39ad3214b229983617e9619ff069a6b95", KratosRequirer.first(Map.of("providers",
                "[{\"provider\":\"auth0\",\"client_id\":\"kratos\",\"issuer_url\":\"" + ISSUER + "\",\"client_secret\":\"s\"}]"), "t")
                .orElseThrow().id());
    }

    @Test
    void scope_isSplitAsPythonsStrSplit() {
        // " openid\u00a0email\u2003groups\u001c x\u200by ".split() == ['openid', 'email', 'groups', 'x\u200by']
        assertEquals(List.of("openid", "email", "groups", "x\u200by"),
                KratosRequirer.pythonSplit(" openid\u00a0email\u2003groups\u001c x\u200by "));
        // " a\u00a0b\u2007c\u202fd\u0085e\u180ef".split() == ['a', 'b', 'c', 'd', 'e\u180ef']
        assertEquals(List.of("a", "b", "c", "d", "e\u180ef"), KratosRequirer.pythonSplit(" a\u00a0b\u2007c\u202fd\u0085e\u180ef"));
    }

    @Test
    void noProviders_isNoProvider() {
        assertEquals(List.of(), KratosRequirer.read(Map.of(), "t"));
        assertEquals(List.of(), KratosRequirer.read(Map.of("providers", ""), "t"));
    }

    @Test
    void aBagTheLibraryRefuses_failsLikeKratosHook() {
        AssertionError e = assertThrows(AssertionError.class, () -> KratosRequirer.read(
                Map.of("providers", "[{\"provider\":\"generic\",\"client_id\":\"kratos\",\"client_secret\":\"s\"}]"), "on kratos-external-idp:4"));
        assertTrue(e.getMessage().startsWith("kratos-external-idp provider databag on kratos-external-idp:4 breaks"
                + " docs/interfaces/kratos-external-idp/schemas/provider.json:\n  /providers (JSON text) /0: required property 'issuer_url' not found"),
                e.getMessage());
    }

    @Test
    void itsAnswer_isKratosOperators_andTheCharmReadsIt() {
        KratosProvider sent = KratosProvider.forKeycloak("Keycloak", "kratos", ISSUER, List.of("openid", "email"),
                KratosClientSecret.inRelationData(SECRET));
        List<KratosRequirer.Provider> read = KratosRequirer.read(sent.toDatabag(), "test");
        Map<String, String> answer = KratosRequirer.answer(KRATOS, read);
        String callback = KRATOS + "/self-service/methods/oidc/callback/" + LIBRARY_ID;
        // RequirerProviders.model_validate([...]).model_dump_json(): compact, provider_id first.
        assertEquals(Map.of("providers", "[{\"provider_id\":\"" + LIBRARY_ID + "\",\"redirect_uri\":\"" + callback + "\"}]"), answer);
        assertEquals(new KratosAnswer.Registered(callback, List.of()), KratosAnswer.parse(answer, sent.id()));
        assertEquals(answer, KratosRequirer.answer(KRATOS + "/", read), "os.path.join adds no second slash");
    }

    @Test
    void pathJoin_isPosixpathJoin() {
        assertEquals("https://k/x", KratosRequirer.pathJoin("https://k", "x"));
        assertEquals("https://k/x", KratosRequirer.pathJoin("https://k/", "x"));
        assertEquals("https://k/base/x", KratosRequirer.pathJoin("https://k/base", "x"));
        assertEquals("x", KratosRequirer.pathJoin("", "x"));
    }

    @Test
    void theModel_neverPrintsTheSecret() {
        KratosRequirer.Provider read = KratosRequirer.first(generic(""), "t").orElseThrow();
        assertEquals(SECRET, read.clientSecret());
        assertFalse(read.toString().contains(SECRET), read.toString());
    }

    @Test
    void otherProviderTypes_areNotModelled() {
        AssertionError e = assertThrows(AssertionError.class, () -> KratosRequirer.read(Map.of("providers",
                "[{\"provider\":\"github\",\"client_id\":\"c\",\"client_secret\":\"s\"}]"), "on kratos-external-idp:4"));
        assertEquals("the Kratos stand-in models generic and auth0 providers only, not github on kratos-external-idp:4", e.getMessage());
    }
}
