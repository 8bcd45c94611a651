package dev.keycloakoidc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two of charmcraft's checks, as read in its source (charmcraft 3.5.3 and 4.4.0), for the tests to
 * run on this charm without charmcraft.
 */
final class Charmcraft {

    private Charmcraft() {}

    /**
     * Whether charmcraft prints "IMPORTANT: The behaviour of the 'prime' keyword has changed in
     * Charmcraft 3" on pack: a part whose name or plugin is charm or reactive (3.5.3 also bundle)
     * and that has a {@code prime} key ({@code Charmcraft._check_deprecated},
     * charmcraft/application/main.py).
     */
    static boolean warnsAboutPrime(Map<String, Map<String, Object>> parts) {
        Set<String> changed = Set.of("charm", "reactive", "bundle");
        return parts.entrySet().stream().anyMatch(part -> (changed.contains(part.getKey())
                || changed.contains(String.valueOf(part.getValue().get("plugin")))) && part.getValue().containsKey("prime"));
    }

    /**
     * The path, relative to the charm, that charmcraft's entrypoint linter checks
     * ({@code get_entrypoint_from_dispatch}, charmcraft/linters.py): the last word of dispatch's
     * last non-empty line, split as Python's {@code shlex.split} does.
     */
    static String entrypointFromDispatch(String dispatch) {
        String last = null;
        for (String line : dispatch.split("\n", -1)) {
            if (!line.isBlank()) {
                last = line;
            }
        }
        if (last == null) {
            throw new AssertionError("dispatch has no non-empty line");
        }
        List<String> words = shlexSplit(last);
        if (words.isEmpty()) {
            throw new AssertionError("no word in dispatch's last line: " + last);
        }
        return words.get(words.size() - 1);
    }

    /**
     * Python's {@code shlex.split(line)} (POSIX mode, {@code #} not a comment): words split on
     * blanks, quotes and backslashes as in sh. An unclosed quote raises in Python, and the linter
     * does not catch it: so does this.
     */
    static List<String> shlexSplit(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\\\"".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new AssertionError("No closing quotation: shlex.split raises on " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
