package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kratos' answer read as the library's provider side reads it, then held to the charm's rules. */
class KratosAnswerTest {

    static final String ID = KratosProviderTest.LIBRARY_ID;
    static final String CALLBACK = "https://kratos.example.com/self-service/methods/oidc/callback/" + ID;

    private static Map<String, String> answer(String providers) {
        return Map.of("providers", providers);
    }

    private static String entry(String id, String uri) {
        return "{\"provider_id\":\"" + id + "\",\"redirect_uri\":\"" + uri + "\"}";
    }

    @Test
    void kratosOperatorsAnswer_givesTheRedirectUri() {
        assertEquals(new KratosAnswer.Registered(CALLBACK, List.of()),
                KratosAnswer.parse(answer("[" + entry(ID, CALLBACK) + "]"), ID));
    }

    @Test
    void noAnswerYet_isNothing() {
        assertEquals(new KratosAnswer.Nothing(), KratosAnswer.parse(Map.of(), ID));
        assertEquals(new KratosAnswer.Nothing(), KratosAnswer.parse(Map.of("other", "x"), ID), "the library reads providers only");
        assertEquals(new KratosAnswer.Nothing(), KratosAnswer.parse(answer(""), ID));
        assertEquals(new KratosAnswer.Nothing(), KratosAnswer.parse(answer("[]"), ID));
    }

    @Test
    void anAnswerForAnotherId_isNamed_andRegistersNothing() {
        String old = KratosProvider.libraryDefaultId("kratos", "https://old.example.com/realms/kubeflow");
        KratosAnswer.Parsed parsed = KratosAnswer.parse(answer("[" + entry(old, "https://kratos.example.com/cb/" + old) + "]"), ID);
        assertEquals(new KratosAnswer.OnlyOthers(List.of(old)), parsed);
        assertEquals("Kratos answered for provider id " + old.substring(0, 37) + "..., not for " + ID,
                ((KratosAnswer.OnlyOthers) parsed).problem(ID));
    }

    @Test
    void othersBesideOurs_areNamed_andTheirRedirectsNotChecked() {
        assertEquals(new KratosAnswer.Registered(CALLBACK, List.of("github_1", "google_2")),
                KratosAnswer.parse(answer("[" + entry("github_1", "not a url") + "," + entry(ID, CALLBACK) + ","
                        + entry("google_2", "https://x/cb") + "," + entry("github_1", "https://x/cb") + "]"), ID));
    }

    @Test
    void extraKeys_areIgnored_asByTheModel() {
        assertEquals(new KratosAnswer.Registered(CALLBACK, List.of()), KratosAnswer.parse(answer(
                "[{\"provider_id\":\"" + ID + "\",\"redirect_uri\":\"" + CALLBACK + "\",\"note\":1}]"), ID));
    }

    @Test
    void theSameIdTwice_isFineWithOneUri_andInvalidWithTwo() {
        assertEquals(new KratosAnswer.Registered(CALLBACK, List.of()),
                KratosAnswer.parse(answer("[" + entry(ID, CALLBACK) + "," + entry(ID, CALLBACK) + "]"), ID));
        assertEquals(new KratosAnswer.Invalid("providers answers " + ID + " twice, with two redirect URIs"),
                KratosAnswer.parse(answer("[" + entry(ID, CALLBACK) + "," + entry(ID, CALLBACK + "x") + "]"), ID));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'[{'                                         | providers is not JSON",
        "'   '                                        | providers is not JSON (blank)",
        "'{\"provider_id\":\"x\"}'                    | providers must be a JSON list, not a JSON object ({\"provider_id\":\"x\"})",
        "'null'                                       | providers must be a JSON list, not JSON null",
        "'[\"x\"]'                                    | providers[0] must be a JSON object, not text (x)",
        "'[{\"redirect_uri\":\"https://k/cb\"}]'      | providers[0].provider_id is missing",
        "'[{\"provider_id\":\"a\"}]'                  | providers[0].redirect_uri is missing",
        "'[{\"provider_id\":7,\"redirect_uri\":\"https://k/cb\"}]' | providers[0].provider_id must be text, not a JSON number (7)",
        "'[{\"provider_id\":\"a\",\"redirect_uri\":null}]'         | providers[0].redirect_uri must be text, not JSON null",
        "'[{\"provider_id\":\"a\",\"redirect_uri\":[\"https://k/cb\"]}]' | providers[0].redirect_uri must be text, not a JSON list ([\"https://k/cb\"])",
    })
    void malformedAnswers_areNamedPrecisely(String providers, String problem) {
        assertEquals(new KratosAnswer.Invalid(problem), KratosAnswer.parse(answer(providers), ID));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/self-service/methods/oidc/callback/x          | providers[1].redirect_uri is not an absolute URL",
        "https://kratos.example.com/cb#frag             | providers[1].redirect_uri has a fragment",
        "https://kratos.example.com/*                   | providers[1].redirect_uri has a wildcard (*)",
        "ftp://kratos.example.com/cb                    | providers[1].redirect_uri must be http or https, not ftp",
    })
    void ourRedirectUri_followsTheRulesOfEveryRedirect(String uri, String problem) {
        assertEquals(new KratosAnswer.Invalid(problem),
                KratosAnswer.parse(answer("[" + entry("other", "https://x/cb") + "," + entry(ID, uri) + "]"), ID));
    }

    @Test
    void anEntryOfTheWrongShape_invalidatesTheList_evenForAnotherId() {
        // RequirerProviders.model_validate validates the whole list before the library reads [0].
        assertEquals(new KratosAnswer.Invalid("providers[1].redirect_uri is missing"),
                KratosAnswer.parse(answer("[" + entry(ID, CALLBACK) + ",{\"provider_id\":\"other\"}]"), ID));
    }
}
