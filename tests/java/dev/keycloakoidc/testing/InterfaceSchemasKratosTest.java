package dev.keycloakoidc.testing;

import static dev.keycloakoidc.testing.InterfaceSchemas.KRATOS_EXTERNAL_IDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.oidc.KratosClientSecret;
import dev.keycloakoidc.oidc.KratosProvider;
import dev.keycloakoidc.testing.InterfaceSchemas.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/interfaces/kratos-external-idp/schemas/ with what the charm writes, what the library's
 * models accept from other providers (the integrator charm's generic, github, microsoft and apple
 * bags), and what they refuse. Each refusal here is one the library makes in Kratos' hook
 * (checked against the library, LIBPATCH 0, with pydantic 2.13).
 */
class InterfaceSchemasKratosTest {

    static final String ISSUER = "https://keycloak.example.com/realms/kubeflow";

    private static Map<String, String> providers(String json) {
        return Map.of("providers", json);
    }

    /** One generic entry with {@code extra} JSON members added at its end. */
    private static Map<String, String> generic(String extra) {
        return providers("[{\"provider\":\"generic\",\"client_id\":\"kratos\",\"issuer_url\":\"" + ISSUER
                + "\",\"client_secret\":\"s\"" + extra + "}]");
    }

    @Test
    void whatTheCharmWrites_isValid() {
        KratosProvider provider = KratosProvider.forKeycloak("Sign in with Keycloak", "kratos", ISSUER,
                List.of("openid", "profile", "email", "groups"), KratosClientSecret.inRelationData("k9PqZr2VtLx8WmNa4Bc6Dy1Ef3Gh5Ij7"));
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, provider.toDatabag()));
    }

    @Test
    void whatOtherProvidersWrite_isValid() {
        // The integrator charm's bags (its unit tests' expectations), nulls and all.
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"client_id\":\"client_id\","
                + "\"provider\":\"generic\",\"label\":\"Some Provider\",\"client_secret\":\"client_secret\",\"issuer_url\":"
                + "\"http://example.com\",\"scope\":\"profile email address phone\",\"id\":\"generic_c1b858ba120b6a62d17865256fab2617b727ab27\","
                + "\"jsonnet_mapper\":null,\"mapper_url\":null}]")));
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"client_id\":\"c\",\"provider\":\"github\","
                + "\"client_secret\":\"s\",\"scope\":\"user:email\",\"id\":null,\"label\":\"github\"}]")));
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"client_id\":\"c\",\"provider\":\"microsoft\","
                + "\"client_secret\":\"s\",\"microsoft_tenant_id\":\"t\"}]")), "the alias microsoft_tenant_id");
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"client_id\":\"c\",\"provider\":\"apple\","
                + "\"apple_team_id\":\"t\",\"apple_private_key_id\":\"k\",\"apple_private_key\":\"p\"}]")), "apple has no client_secret");
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, generic(",\"scope\":null,\"provider_id\":\"kc\","
                + "\"relation_id\":\"7\",\"unknown\":[1]")), "defaults, the id alias, a numeric relation_id, unknown keys ignored");
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, Map.of()), "nothing written: Kratos reads no provider");
    }

    @Test
    void whatTheLibraryRefuses_isRefused_namingTheKey() {
        assertEquals(List.of("/providers (JSON text) /0: required property 'issuer_url' not found"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"provider\":\"generic\",\"client_id\":\"k\",\"client_secret\":\"s\"}]")));
        assertEquals(List.of("/providers (JSON text) /0: required property 'client_secret' not found"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"provider\":\"generic\",\"client_id\":\"k\",\"issuer_url\":\"i\"}]")));
        assertEquals(List.of("/providers (JSON text) /0/client_id: integer found, string expected"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"provider\":\"generic\",\"client_id\":5,\"issuer_url\":\"i\",\"client_secret\":\"s\"}]")));
        assertEquals(List.of("/providers (JSON text) /0/scope: array found, [string, null] expected"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, generic(",\"scope\":[\"openid\"]")));
        assertEquals(List.of("/providers (JSON text) /0/label: integer found, [string, null] expected"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, generic(",\"label\":3")));
        assertEquals(List.of("/providers (JSON text) /0/relation_id: does not match the regex pattern ^\\s*[-+]?[0-9]+\\s*$"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, generic(",\"relation_id\":\"x\"")));
        assertEquals(List.of("/providers (JSON text) : must have at least 1 items but found 0"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[]")), "kratos-operator reads providers[0]");
        assertEquals(List.of("/providers (JSON text) : object found, array expected"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("{}")));
        assertEquals(List.of(": required property 'providers' not found"),
                KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, Map.of("provider", "generic")));
        List<String> notJson = KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("["));
        assertEquals(1, notJson.size(), notJson.toString());
        assertTrue(notJson.get(0).startsWith("/providers: is not JSON ("), notJson.get(0));
    }

    @Test
    void yandex_isRefused_theLibrarySpellsItYander() {
        assertEquals(1, KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"provider\":\"yandex\",\"client_id\":\"c\","
                + "\"client_secret\":\"s\"}]")).size());
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.PROVIDER, providers("[{\"provider\":\"yander\",\"client_id\":\"c\","
                + "\"client_secret\":\"s\"}]")));
    }

    @Test
    void kratosAnswers_areValid_andBadOnesRefused() {
        String callback = "https://kratos.example.com/self-service/methods/oidc/callback/generic_3707dab39ad3214b229983617e9619ff069a6b95";
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.REQUIRER, providers(
                "[{\"provider_id\":\"generic_3707dab39ad3214b229983617e9619ff069a6b95\",\"redirect_uri\":\"" + callback + "\"}]")));
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.REQUIRER, providers("[]")), "the provider's library returns early");
        assertEquals(List.of(), KRATOS_EXTERNAL_IDP.problems(Side.REQUIRER, Map.of()), "no answer yet");
        assertEquals(List.of("/providers (JSON text) /0: required property 'redirect_uri' not found"),
                KRATOS_EXTERNAL_IDP.problems(Side.REQUIRER, providers("[{\"provider_id\":\"a\"}]")));
        assertEquals(List.of("/providers (JSON text) /0/provider_id: integer found, string expected"),
                KRATOS_EXTERNAL_IDP.problems(Side.REQUIRER, providers("[{\"provider_id\":1,\"redirect_uri\":\"u\"}]")));
    }
}
