package dev.keycloakoidc.oidc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Space-separated OAuth scopes, as the {@code scopes} option and a requirer's {@code scope} hold
 * them. Each must be an RFC 6749 §3.3 scope-token: printable ASCII without space, {@code "} or
 * {@code \}; Keycloak would refuse anything else at login time, long after the charm said active.
 */
public final class Scopes {

    public static final String OPENID = "openid";

    /**
     * The one scope the charm makes in Keycloak itself: asking for it puts the user's groups, by
     * name, in the claim {@link #GROUPS_CLAIM}. Groups are on for a client whose scopes hold it.
     */
    public static final String GROUPS = "groups";

    /** The claim that carries the user's groups, as provider databags name it ({@code groups}). */
    public static final String GROUPS_CLAIM = "groups";

    /** Longest scope a message echoes: a consumer may send a megabyte. */
    private static final int SHOWN = 40;

    private Scopes() {}

    /** The outcome of parsing: the scopes or why there are none. */
    public sealed interface Parsed permits Valid, Invalid {}

    /** Distinct scopes in the order given. */
    public record Valid(List<String> scopes) implements Parsed {
        public Valid {
            scopes = List.copyOf(scopes);
        }
    }

    /** A status-ready reason such as {@code scopes must contain openid}. */
    public record Invalid(String problem) implements Parsed {}

    /**
     * Parses the {@code scopes} option, which must contain {@code openid}: without it Keycloak
     * answers as a plain OAuth server, with no ID token for Dex.
     */
    public static Parsed parse(String text) {
        Parsed parsed = parseExtra(text);
        if (parsed instanceof Valid valid && !valid.scopes().contains(OPENID)) {
            // A comma is allowed in a scope, so "openid,profile" is one scope, not openid.
            return new Invalid("scopes must contain " + OPENID
                    + (text.contains(",") ? " (separate scopes with spaces, not commas)" : ""));
        }
        return parsed;
    }

    /** Parses scopes asked for on top of the configured ones (a requirer's {@code scope}); may be empty. */
    public static Parsed parseExtra(String text) {
        Set<String> scopes = new LinkedHashSet<>();
        String stripped = text == null ? "" : text.strip();
        if (!stripped.isEmpty()) {
            for (String token : stripped.split("\\s+")) {
                Optional<Character> bad = badCharacter(token);
                if (bad.isPresent()) {
                    return new Invalid("scope " + shown(token) + " has a character OAuth does not allow ("
                            + describe(bad.get()) + ")");
                }
                scopes.add(token);
            }
        }
        return new Valid(new ArrayList<>(scopes));
    }

    /** {@code base} then what {@code extra} adds, without repeats; {@code openid} first when {@code base} lacks it. */
    public static List<String> merge(List<String> base, List<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        if (!base.contains(OPENID)) {
            all.add(OPENID);
        }
        all.addAll(base);
        all.addAll(extra);
        return List.copyOf(all);
    }

    /** scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) */
    private static Optional<Character> badCharacter(String token) {
        for (char c : token.toCharArray()) {
            boolean allowed = c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
            if (!allowed) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A scope as a one-line status shows it: control characters as {@code ?}, cut short. */
    private static String shown(String token) {
        String printable = token.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= SHOWN ? printable : printable.substring(0, SHOWN - 3) + "...";
    }

    private static String describe(char c) {
        return c >= 0x21 && c <= 0x7E ? String.valueOf(c) : String.format("U+%04X", (int) c);
    }
}
