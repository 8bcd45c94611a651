package dev.keycloakoidc.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The parameter rules of every action, one by one, at their edges: what each accepts (and returns
 * as given), and the exact message of what it refuses. ActionValidationTest runs the same rules
 * through the actions themselves.
 */
class ActionParametersTest {

    private static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put((String) keyValues[i], keyValues[i + 1]);
        }
        return params;
    }

    private static String refusal(Runnable rule) {
        return assertThrows(ActionFailure.class, rule::run).getMessage();
    }

    @Test
    void string_isTrimmed_andEmptyWhenAbsent() {
        assertEquals("alice", ActionParameters.string(params("username", "  alice\t"), "username"));
        assertEquals("", ActionParameters.string(params(), "username"));
        assertEquals("42", ActionParameters.string(params("n", 42), "n"));
    }

    @Test
    void username_isTakenAsGiven_caseIncluded_upToKeycloaksColumn() {
        assertEquals("Alice.Smith@corp", ActionParameters.username(params("username", "Alice.Smith@corp")));
        String longest = "a".repeat(ActionParameters.MAX_LENGTH);
        assertEquals(longest, ActionParameters.username(params("username", longest)));
        assertEquals("élodie", ActionParameters.username(params("username", "élodie")));
    }

    @Test
    void username_emptyOrAbsent_saysWhatToPass() {
        assertEquals(ActionParameters.USERNAME_EMPTY, refusal(() -> ActionParameters.username(params())));
        assertEquals(ActionParameters.USERNAME_EMPTY, refusal(() -> ActionParameters.username(params("username", ""))));
        assertEquals(ActionParameters.USERNAME_EMPTY, refusal(() -> ActionParameters.username(params("username", " \n "))));
        assertEquals("username is empty: pass username=<login name>", ActionParameters.USERNAME_EMPTY);
    }

    /** One rule and one message, whichever action asks: al\nice once had two. */
    @ParameterizedTest
    @ValueSource(strings = {"al ice", " alice", "alice ", "al\nice", "al\tice", "al\u0000ice", "al\u007Fice",
            "al\u2003ice", "al\u0085ice"})
    void username_withSpacesOrControlCharacters_isRefused(String username) {
        assertEquals(ActionParameters.USERNAME_INVALID, refusal(() -> ActionParameters.username(params("username", username))));
    }

    @Test
    void username_longerThanKeycloaksColumn_isRefused() {
        String tooLong = "a".repeat(ActionParameters.MAX_LENGTH + 1);
        assertEquals(ActionParameters.USERNAME_INVALID, refusal(() -> ActionParameters.username(params("username", tooLong))));
        assertEquals("username must be at most 255 characters, with no spaces, line breaks or other control characters",
                ActionParameters.USERNAME_INVALID);
    }

    @Test
    void email_needsOneAtAndADottedDomain() {
        assertEquals("alice@example.com", ActionParameters.email(params("email", " alice@example.com ")));
        assertEquals("a.b+c@mail.example.co.uk", ActionParameters.email(params("email", "a.b+c@mail.example.co.uk")));
        for (String bad : List.of("alice", "alice@", "@example.com", "alice@localhost", "alice@example.", "alice@.com",
                "a b@example.com", "a@@example.com", "a@b@example.com", "alice@example..com")) {
            assertEquals("email must be an e-mail address such as alice@example.com; got '" + bad + "'",
                    refusal(() -> ActionParameters.email(params("email", bad))), bad);
        }
        assertEquals("email must be an e-mail address such as alice@example.com; got ''",
                refusal(() -> ActionParameters.email(params())));
    }

    @Test
    void email_upToKeycloaksColumn() {
        String domain = "@example.com";
        String longest = "a".repeat(ActionParameters.MAX_LENGTH - domain.length()) + domain;
        assertEquals(longest, ActionParameters.email(params("email", longest)));
        String tooLong = "a" + longest;
        assertEquals("email must be an e-mail address such as alice@example.com; got '" + "a".repeat(57) + "...'",
                refusal(() -> ActionParameters.email(params("email", tooLong))));
    }

    @Test
    void abbreviate_keepsSixtyCharacters_onOneLine() {
        String sixty = "b".repeat(60);
        assertEquals(sixty, ActionParameters.abbreviate(sixty));
        assertEquals("b".repeat(57) + "...", ActionParameters.abbreviate(sixty + "b"));
        assertEquals("a b c", ActionParameters.abbreviate("a \n\t b\r\nc"));
    }

    @Test
    void personName_isOptional_oneLine_upToKeycloaksColumn() {
        assertEquals(Optional.empty(), ActionParameters.personName(params(), "first-name"));
        assertEquals(Optional.empty(), ActionParameters.personName(params("first-name", "  "), "first-name"));
        assertEquals(Optional.of("Mary Ann"), ActionParameters.personName(params("first-name", " Mary Ann "), "first-name"));
        String longest = "n".repeat(ActionParameters.MAX_LENGTH);
        assertEquals(Optional.of(longest), ActionParameters.personName(params("last-name", longest), "last-name"));
        assertEquals("last-name must be at most 255 characters on one line",
                refusal(() -> ActionParameters.personName(params("last-name", longest + "n"), "last-name")));
        assertEquals("first-name must be at most 255 characters on one line",
                refusal(() -> ActionParameters.personName(params("first-name", "Al\nice"), "first-name")));
    }

    @Test
    void password_isTakenExactly_orEmptyForAGeneratedOne() {
        assertEquals("", ActionParameters.password(params()));
        assertEquals("", ActionParameters.password(params("password", "")));
        assertEquals("pa ss-word", ActionParameters.password(params("password", "pa ss-word")));
        String longest = "p".repeat(ActionParameters.MAX_PASSWORD);
        assertEquals(longest, ActionParameters.password(params("password", longest)));
        assertEquals("password is longer than 1024 characters",
                refusal(() -> ActionParameters.password(params("password", longest + "p"))));
        assertEquals("password must not start or end with spaces",
                refusal(() -> ActionParameters.password(params("password", " secret-pw"))));
        assertEquals("password must not start or end with spaces",
                refusal(() -> ActionParameters.password(params("password", "secret-pw\n"))));
    }

    @Test
    void flag_isTrueOnlyForABooleanTrue() {
        assertTrue(ActionParameters.flag(params("temporary-password", true), "temporary-password"));
        assertFalse(ActionParameters.flag(params("temporary-password", false), "temporary-password"));
        assertFalse(ActionParameters.flag(params(), "temporary-password"));
        assertFalse(ActionParameters.flag(params("temporary-password", "true"), "temporary-password"));
    }

    @Test
    void groups_areNamesInOrder_andRequiredOnlyWhereAsked() {
        assertEquals(List.of("ml-team", "admins"), ActionParameters.groups(params("groups", "ml-team, admins"), true));
        assertEquals(List.of(), ActionParameters.groups(params(), false));
        assertEquals(ActionParameters.GROUPS_EMPTY, refusal(() -> ActionParameters.groups(params(), true)));
        assertEquals(ActionParameters.GROUPS_EMPTY, refusal(() -> ActionParameters.groups(params("groups", " "), true)));
        assertEquals("groups is empty: pass groups=<name>[,<name>...]", ActionParameters.GROUPS_EMPTY);
        assertEquals("group 'a/b' contains '/', which Keycloak reads as a path to a subgroup: pass names of top-level groups",
                refusal(() -> ActionParameters.groups(params("groups", "a/b"), false)));
    }

    @Test
    void client_isAClientId_orNoneForEveryClient() {
        assertEquals(Optional.empty(), ActionParameters.client(params()));
        assertEquals(Optional.empty(), ActionParameters.client(params("client", "  ")));
        assertEquals(Optional.of("dex-auth"), ActionParameters.client(params("client", " dex-auth ")));
    }
}
