package dev.keycloakoidc.oidc;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Whether a value survives kratos-operator's rendering of Kratos' configuration. It writes each
 * key of a provider unquoted into YAML ({@code templates/kratos.yaml.j2}: {@code {{ key }}:
 * {{ value }}} for {@code id}, {@code label}, {@code client_id}, {@code client_secret},
 * {@code issuer_url}, {@code mapper_url}, ...), and Kratos reads that YAML with go-yaml v3. A value
 * that YAML reads as something else ({@code true}, {@code 1e5}, {@code a: b}, {@code x #y}, a
 * leading quote) breaks Kratos' configuration or changes the value, so the charm refuses to
 * publish it.
 */
final class KratosYaml {

    /**
     * Plain scalars go-yaml v3 (YAML 1.2) reads as numbers and SnakeYAML (YAML 1.1) does not:
     * floats without a dot ({@code 1e5}) and {@code 0o} octals. Everything else YAML 1.2 reads as
     * a non-string, YAML 1.1 reads so too.
     */
    private static final Pattern YAML12_NUMBER = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+");

    private KratosYaml() {}

    /**
     * Empty when {@code value}, written after {@code key: }, reads back as exactly that text;
     * otherwise why not. The reason never quotes the value, which may be the client secret.
     */
    static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("is empty");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            return Optional.of("has a line break or control character");
        }
        if (YAML12_NUMBER.matcher(value).matches() || !readsBack(value)) {
            return Optional.of("would not read back as this text in Kratos' YAML configuration,"
                    + " where kratos-operator writes it unquoted");
        }
        return Optional.empty();
    }

    private static boolean readsBack(String value) {
        try {
            Object read = new Yaml(new SafeConstructor(new LoaderOptions())).load("k: " + value);
            return read instanceof Map<?, ?> map && map.size() == 1 && value.equals(map.get("k"));
        } catch (YAMLException notYaml) {
            return false;
        }
    }
}
