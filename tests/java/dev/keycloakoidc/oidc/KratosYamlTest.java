package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@link KratosYaml} against a YAML parser (SnakeYAML, YAML 1.1): a value it accepts must read
 * back as itself where kratos-operator writes it, {@code - key: value} in a list of providers.
 * YAML 1.2's own readings (go-yaml v3 in Kratos) that 1.1 lacks are numbers ({@code 1e5},
 * {@code 0o17}), refused by name below.
 */
class KratosYamlTest {

    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));
    private static final String ALPHABET = "aZk9 0e1x.-_+:#?,[]{}&*!|>'\"%@`<=~/\u00e9";

    /** What kratos-operator's template makes of the value, read back: the value, or empty when YAML reads something else. */
    private static Optional<Object> asKratosReadsIt(String value) {
        try {
            Object read = YAML.load("- id: x\n  label: " + value + "\n");
            if (read instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Map<?, ?> map && map.size() == 2) {
                return Optional.ofNullable(map.get("label"));
            }
            return Optional.empty();
        } catch (YAMLException e) {
            return Optional.empty();
        }
    }

    @Test
    void everyAcceptedValue_readsBackAsItself() {
        Random random = new Random(21);
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(6);
            for (int j = 0; j < length; j++) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            candidates.add(value.toString());
        }
        int accepted = 0;
        for (String value : candidates) {
            if (KratosYaml.problem(value).isEmpty()) {
                accepted++;
                assertEquals(Optional.of(value), asKratosReadsIt(value), "accepted [" + value + "]");
            }
        }
        assertTrue(accepted > 1_500, "the check accepts ordinary text too: " + accepted);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"1e5", "0o17", "0O17", "0X1f", "+.5", "1_000", "2001-12-14t21:59:43.10-05:00", "TRUE", "Off", "~", "<<"})
    void yaml12AndGoYamlReadings_areRefused(String value) {
        assertEquals(Optional.of("would not read back as this text in Kratos' YAML configuration, where kratos-operator writes it unquoted"),
                KratosYaml.problem(value));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"https://keycloak.example.com/realms/kubeflow", "kratos", "generic_3707dab39ad3214b229983617e9619ff069a6b95",
        "9PqZr2VtLx8WmNa4Bc6Dy1Ef3Gh5Ij7k", "Sign in with Keycloak", "a:b", "x#y", "Keycloak (staff)", "\u30ad\u30fc\u30af\u30ed\u30fc\u30af"})
    void whatTheCharmWrites_isAccepted_andReadsBack(String value) {
        assertEquals(Optional.empty(), KratosYaml.problem(value));
        assertEquals(Optional.of(value), asKratosReadsIt(value));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"a\tb", "a\nb", "a\u0085b", "a\u2028b", "\uFEFFa", "a\uFFFE"})
    void lineBreaksAndControlCharacters_areRefused(String value) {
        assertEquals(Optional.of("has a line break or control character"), KratosYaml.problem(value));
    }
}
