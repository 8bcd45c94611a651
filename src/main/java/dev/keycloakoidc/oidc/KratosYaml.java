package dev.keycloakoidc.oidc;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a value survives kratos-operator's rendering of Kratos' configuration. It writes each
 * key of a provider unquoted into YAML ({@code templates/kratos.yaml.j2}: {@code {{ key }}:
 * {{ value }}} for {@code id}, {@code label}, {@code client_id}, {@code client_secret},
 * {@code issuer_url}, {@code mapper_url}, ...), and Kratos reads that YAML with go-yaml v3. A value
 * that YAML reads as something else ({@code true}, {@code 1e5}, {@code a: b}, {@code x #y}, a
 * leading quote) breaks Kratos' configuration or changes the value, so the charm refuses to
 * publish it.
 *
 * <p>The check is a conservative reading of YAML's plain scalars, with no YAML parser: loading
 * SnakeYAML's parser cost a fresh JVM some tens of milliseconds, and every leader hook with a
 * Kratos relation would check its values. {@code KratosYamlTest} holds it to SnakeYAML: every value
 * accepted here reads back as itself.
 */
final class KratosYaml {

    /** Characters that mean something at the start of a plain scalar (YAML 1.2 c-indicator), or are reserved. */
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    /**
     * A superset of every number YAML 1.1 or 1.2 reads in a plain scalar, go-yaml v3's included
     * ({@code 1e5}, {@code 0x1F}, {@code 0O17}, {@code 1_000}, {@code .5}, {@code +12}, {@code 1:30}),
     * and of dates ({@code 2001-12-14}): a sign or nothing, a digit or a dot, then only digits,
     * letters that can be part of a number, and {@code . _ + - :}.
     */
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?[0-9.][0-9a-fA-FxXoObB_.eE+\\-:]*"
            + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*");

    /** Words YAML 1.1 or 1.2 reads as a boolean, null, merge key or value key, in any case. */
    private static final Set<String> WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "=");

    private KratosYaml() {}

    /**
     * Empty when {@code value}, written after {@code key: }, reads back as exactly that text;
     * otherwise why not. The reason never quotes the value, which may be the client secret.
     */
    static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("is empty");
        }
        if (value.codePoints().anyMatch(c -> !printable(c))) {
            return Optional.of("has a line break or control character");
        }
        if (!plainSafe(value)) {
            return Optional.of("would not read back as this text in Kratos' YAML configuration,"
                    + " where kratos-operator writes it unquoted");
        }
        return Optional.empty();
    }

    private static boolean plainSafe(String value) {
        char first = value.charAt(0);
        char last = value.charAt(value.length() - 1);
        return INDICATORS.indexOf(first) < 0 && first != ' ' && last != ' ' && last != ':'
                && !value.contains(": ") && !value.contains(" #")
                && !NUMBER_LIKE.matcher(value).matches()
                && !WORDS.contains(value.toLowerCase(Locale.ROOT));
    }

    /**
     * YAML's printable characters (c-printable) without any line break or tab: not a control
     * character, not NEL, LS or PS (line breaks to YAML 1.1), not a byte-order mark, surrogate or
     * non-character.
     */
    private static boolean printable(int c) {
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
            return false;
        }
        return c <= 0xD7FF || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
