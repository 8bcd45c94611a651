package dev.keycloakoidc.actions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code groups} parameter of the user actions: comma-separated names of top-level groups,
 * each trimmed. Refuses, before anything is asked of Keycloak, the names it would refuse or read
 * otherwise than meant: empty, with {@code /} (a subgroup path), with control or invisible
 * characters, over {@value #MAX_LENGTH} characters (Keycloak's column), and two names that differ
 * only in case (Keycloak would make two groups). A name given twice counts once.
 */
final class GroupNames {

    static final int MAX_LENGTH = 255;
    private static final int SHOWN = 40;

    /** The names, or why there are none. */
    sealed interface Parsed permits Valid, Invalid {}

    /** Distinct names in the order given; empty for an empty parameter. */
    record Valid(List<String> names) implements Parsed {
        Valid {
            names = List.copyOf(names);
        }
    }

    /** A one-line reason naming the group and what to pass instead. */
    record Invalid(String problem) implements Parsed {}

    private GroupNames() {}

    static Parsed parse(String text) {
        if (text.isBlank()) {
            return new Valid(List.of());
        }
        List<String> names = new ArrayList<>();
        Map<String, String> byLowerCase = new HashMap<>();
        for (String part : text.split(",", -1)) {
            String name = part.strip();
            Optional<String> problem = problem(name);
            if (problem.isPresent()) {
                return new Invalid(problem.get());
            }
            String other = byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (other == null) {
                names.add(name);
            } else if (!other.equals(name)) {
                return new Invalid("groups " + shown(other) + " and " + shown(name) + " differ only in case, and "
                        + "Keycloak would make two groups of them: pass one");
            }
        }
        return new Valid(names);
    }

    private static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("groups has an empty name: pass comma-separated names such as groups=ml-team,admins");
        }
        if (name.contains("/")) {
            return Optional.of("group " + shown(name) + " contains '/', which Keycloak reads as a path to a subgroup: "
                    + "pass names of top-level groups");
        }
        Optional<Integer> hidden = name.codePoints().filter(GroupNames::unseen).boxed().findFirst();
        if (hidden.isPresent()) {
            return Optional.of("group " + shown(name) + " contains a control or invisible character ("
                    + String.format("U+%04X", hidden.get()) + ")");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("group " + shown(name) + " is longer than " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** Characters a reader of the name could not see: controls, and format characters such as U+200B. */
    private static boolean unseen(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
    }

    /** A name as a one-line message shows it: quoted, unseen characters as {@code ?}, cut short. */
    private static String shown(String name) {
        String visible = name.codePoints().map(c -> unseen(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (visible.length() <= SHOWN ? visible : visible.substring(0, SHOWN - 3) + "...") + "'";
    }
}
