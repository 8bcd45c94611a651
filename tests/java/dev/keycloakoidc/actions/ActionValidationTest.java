package dev.keycloakoidc.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.charm.CharmHarness;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.SecretsHygiene;
import dev.keycloakoidc.testing.ToolCall;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Bad action parameters fail the action with a message saying what to change, before Keycloak is
 * asked anything (the model here has no Keycloak at all: any call to it would show as another
 * failure), and the hook still exits 0.
 */
class ActionValidationTest {

    /** The one message of every user action for a username it refuses (an empty one has its own). */
    private static final String BAD_USERNAME =
            "username must be at most 255 characters, with no spaces, line breaks or other control characters";

    private final FakeJuju juju = FakeJuju.forRepo();

    static Stream<Arguments> badCreateUserParams() {
        String longName = "a".repeat(256);
        return Stream.of(
                Arguments.of(Map.of("username", "", "email", "a@example.com"), "username is empty: pass username=<login name>"),
                Arguments.of(Map.of("username", "   ", "email", "a@example.com"), "username is empty: pass username=<login name>"),
                Arguments.of(Map.of("username", "al ice", "email", "a@example.com"), BAD_USERNAME),
                Arguments.of(Map.of("username", " alice", "email", "a@example.com"), BAD_USERNAME),
                Arguments.of(Map.of("username", "al\nice", "email", "a@example.com"), BAD_USERNAME),
                Arguments.of(Map.of("username", longName, "email", "a@example.com"), BAD_USERNAME),
                Arguments.of(Map.of("username", "alice", "email", ""), "email must be an e-mail address such as alice@example.com; got ''"),
                Arguments.of(Map.of("username", "alice", "email", "alice"), "email must be an e-mail address such as alice@example.com; got 'alice'"),
                Arguments.of(Map.of("username", "alice", "email", "alice@"), "email must be an e-mail address such as alice@example.com; got 'alice@'"),
                Arguments.of(Map.of("username", "alice", "email", "alice@localhost"), "email must be an e-mail address such as alice@example.com; got 'alice@localhost'"),
                Arguments.of(Map.of("username", "alice", "email", "a b@example.com"), "email must be an e-mail address such as alice@example.com; got 'a b@example.com'"),
                Arguments.of(Map.of("username", "alice", "email", "a@@example.com"), "email must be an e-mail address such as alice@example.com; got 'a@@example.com'"),
                Arguments.of(Map.of("username", "alice", "email", "a@example.com", "first-name", longName), "first-name must be at most 255 characters on one line"),
                Arguments.of(Map.of("username", "alice", "email", "a@example.com", "last-name", "x\ny"), "last-name must be at most 255 characters on one line"),
                Arguments.of(Map.of("username", "alice", "email", "a@example.com", "password", " padded "), "password must not start or end with spaces"),
                Arguments.of(Map.of("username", "alice", "email", "a@example.com", "password", "p".repeat(1025)), "password is longer than 1024 characters"),
                Arguments.of(Map.of("username", "al\tice", "email", "a@example.com"), BAD_USERNAME),
                Arguments.of(Map.of("username", "al\u0000ice", "email", "a@example.com"), BAD_USERNAME),
                // regression: the line break went into the one-line action-fail message
                Arguments.of(Map.of("username", "alice", "email", "a@example.com\nb@example.com"),
                        "email must be an e-mail address such as alice@example.com; got 'a@example.com b@example.com'"),
                Arguments.of(Map.of("username", "alice", "email", "a".repeat(250) + "@example.com"),
                        "email must be an e-mail address such as alice@example.com; got '" + "a".repeat(57) + "...'"),
                Arguments.of(Map.of("username", "alice", "email", "a@example.com", "first-name", "Al\u0007ice"), "first-name must be at most 255 characters on one line"),
                Arguments.of(Map.of("username", "alice", "email", "a@example.com", "last-name", longName), "last-name must be at most 255 characters on one line"),
                Arguments.of(Map.of("username", "alice", "email", "a@example.com", "password", "\tsecret-pw"), "password must not start or end with spaces"));
    }

    @ParameterizedTest
    @MethodSource("badCreateUserParams")
    void createUser_withBadParams_failsSayingWhatToChange(Map<String, Object> params, String message) {
        ActionRun action = runAction("create-user", params);
        assertEquals(message, action.failure().orElse("<not failed>"));
        assertTrue(action.results().isEmpty(), "results set by a failed action: " + action.results());
        // Refused before anything else is read or written: not even config or the admin secret.
        assertEquals(Set.of("action-get", "juju-log", "action-fail"),
                juju.calls().stream().map(ToolCall::tool).collect(Collectors.toSet()));
        if (params.containsKey("password")) {
            SecretsHygiene.of(juju).assertNoneLeaked(Set.of());
        }
    }

    /** The group names every user action refuses, with the exact message; each is tried on all three. */
    static Stream<Arguments> badGroups() {
        String empty = "groups has an empty name: pass comma-separated names such as groups=ml-team,admins";
        String slash = "contains '/', which Keycloak reads as a path to a subgroup: pass names of top-level groups";
        List<Arguments> rows = List.of(
                Arguments.of("ml-team,,admins", empty),
                Arguments.of("ml-team,", empty),
                Arguments.of(",ml-team", empty),
                Arguments.of("ml-team, ,admins", empty),
                Arguments.of("team/sub", "group 'team/sub' " + slash),
                Arguments.of("/ml-team", "group '/ml-team' " + slash),
                Arguments.of("ml-team,parent/child", "group 'parent/child' " + slash),
                Arguments.of("ml\u0007team", "group 'ml?team' contains a control or invisible character (U+0007)"),
                Arguments.of("ml\nteam", "group 'ml?team' contains a control or invisible character (U+000A)"),
                Arguments.of("ml\u200Bteam", "group 'ml?team' contains a control or invisible character (U+200B)"),
                Arguments.of("g".repeat(256), "group '" + "g".repeat(37) + "...' is longer than 255 characters"),
                Arguments.of("admins,Admins", "groups 'admins' and 'Admins' differ only in case, and Keycloak would "
                        + "make two groups of them: pass one"),
                Arguments.of("ML-Team,ops,ml-team", "groups 'ML-Team' and 'ml-team' differ only in case, and Keycloak "
                        + "would make two groups of them: pass one"));
        return Stream.of("create-user", "add-user-to-groups", "remove-user-from-groups")
                .flatMap(action -> rows.stream().map(row -> Arguments.of(action, row.get()[0], row.get()[1])));
    }

    @ParameterizedTest(name = "{0} groups={1}")
    @MethodSource("badGroups")
    void badGroupNames_failTheAction_beforeAnythingIsRead(String action, String groups, String message) {
        Map<String, Object> params = action.equals("create-user")
                ? Map.of("username", "alice", "email", "a@example.com", "groups", groups)
                : Map.of("username", "alice", "groups", groups);
        ActionRun run = runAction(action, params);
        assertEquals(message, run.failure().orElse("<not failed>"));
        assertTrue(run.results().isEmpty(), "results set by a failed action: " + run.results());
        assertEquals(Set.of("action-get", "juju-log", "action-fail"),
                juju.calls().stream().map(ToolCall::tool).collect(Collectors.toSet()));
    }

    static Stream<Arguments> badMembershipParams() {
        return Stream.of("add-user-to-groups", "remove-user-from-groups").flatMap(action -> Stream.of(
                Arguments.of(action, Map.of("username", "", "groups", "ml-team"), "username is empty: pass username=<login name>"),
                // regression: add-user-to-groups and remove-user-from-groups answered this one otherwise than create-user
                Arguments.of(action, Map.of("username", "al\nice", "groups", "ml-team"), BAD_USERNAME),
                Arguments.of(action, Map.of("username", "al ice", "groups", "ml-team"), BAD_USERNAME),
                Arguments.of(action, Map.of("username", "a".repeat(256), "groups", "ml-team"), BAD_USERNAME),
                Arguments.of(action, Map.of("username", "alice", "groups", ""), "groups is empty: pass groups=<name>[,<name>...]"),
                Arguments.of(action, Map.of("username", "alice", "groups", "  "), "groups is empty: pass groups=<name>[,<name>...]")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badMembershipParams")
    void membershipActions_withBadParams_failSayingWhatToChange(String action, Map<String, Object> params, String message) {
        ActionRun run = runAction(action, params);
        assertEquals(message, run.failure().orElse("<not failed>"));
        assertEquals(Set.of("action-get", "juju-log", "action-fail"),
                juju.calls().stream().map(ToolCall::tool).collect(Collectors.toSet()));
    }

    /** Parameters {@code juju run} refuses by actions.yaml before the charm runs: types, unknown names, required. */
    static Stream<Arguments> refusedByJuju() {
        return Stream.of(
                Arguments.of("create-user", Map.of("email", "a@example.com")),
                Arguments.of("create-user", Map.of("username", "alice")),
                Arguments.of("create-user", Map.of()),
                Arguments.of("create-user", Map.of("user", "alice", "username", "alice", "email", "a@example.com")),
                Arguments.of("create-user", Map.of("username", 42, "email", "a@example.com")),
                Arguments.of("create-user", Map.of("username", "alice", "email", List.of("a@example.com"))),
                Arguments.of("create-user", Map.of("username", "alice", "email", "a@example.com", "temporary-password", "yes")),
                Arguments.of("create-user", Map.of("username", "alice", "email", "a@example.com", "password", 123456)),
                Arguments.of("rotate-secret", Map.of("client", 7)),
                Arguments.of("rotate-secret", Map.of("all", true)),
                Arguments.of("get-connector", Map.of("client", true)),
                Arguments.of("get-connector", Map.of("format", "json")),
                Arguments.of("create-user", Map.of("username", "alice", "email", "a@example.com", "groups", List.of("a"))),
                Arguments.of("add-user-to-groups", Map.of("username", "alice")),
                Arguments.of("add-user-to-groups", Map.of("groups", "ml-team")),
                Arguments.of("add-user-to-groups", Map.of("username", "alice", "groups", "ml-team", "create", true)),
                Arguments.of("remove-user-from-groups", Map.of("username", "alice")),
                Arguments.of("remove-user-from-groups", Map.of("username", "alice", "groups", 7)),
                Arguments.of("delete-everything", Map.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusedByJuju")
    void parametersTheSchemaRefuses_neverReachTheCharm(String action, Map<String, Object> params) {
        assertThrows(IllegalArgumentException.class,
                () -> CharmHarness.run(juju, HookEvent.action(juju.leader(), action, params)));
        assertTrue(juju.calls().isEmpty(), "the charm ran");
    }

    @Test
    void createUser_withoutConfig_failsNamingTheOptionToSet() {
        ActionRun action = runAction("create-user", Map.of("username", "alice", "email", "alice@example.com"));
        assertEquals("set keycloak-url", action.failure().orElse("<not failed>"));
    }

    @Test
    void rotateSecret_onANonLeader_failsNamingTheLeader() {
        String other = juju.addUnit();
        HookRun run = CharmHarness.run(juju, HookEvent.action(other, "rotate-secret", Map.of()));
        assertEquals(0, run.exitCode());
        assertEquals("the leader owns the client secrets: run juju run keycloak-oidc/leader rotate-secret",
                run.action().orElseThrow().failure().orElse("<not failed>"));
    }

    @Test
    void getConnector_withoutConfig_failsNamingTheOptionToSet() {
        ActionRun action = runAction("get-connector", Map.of());
        assertEquals("set keycloak-url", action.failure().orElse("<not failed>"));
    }

    private ActionRun runAction(String name, Map<String, Object> params) {
        HookRun run = CharmHarness.run(juju, HookEvent.action(juju.leader(), name, params));
        assertEquals(0, run.exitCode(), run.stderr());
        return run.action().orElseThrow();
    }
}
