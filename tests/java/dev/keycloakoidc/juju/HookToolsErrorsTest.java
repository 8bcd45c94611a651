package dev.keycloakoidc.juju;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a failing hook tool becomes an exception, and what that exception may and may not say. */
final class HookToolsErrorsTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                failure(List.of("relation-get", "--format=json", "-r", "oidc-provider:5", "-", "dex-auth/0"), 2,
                        "ERROR invalid value \"oidc-provider:5\" for option -r: relation not found\n",
                        t -> t.relationGet("oidc-provider:5", "dex-auth/0", false), RelationNotFoundException.class),
                failure(List.of("relation-list", "--format=json", "--app", "-r", "oidc-provider:5"), 2,
                        "ERROR invalid value \"oidc-provider:5\" for option -r: relation not found\n",
                        t -> t.relationRemoteApp("oidc-provider:5"), RelationNotFoundException.class),
                failure(List.of("secret-grant", "--relation", "oidc-provider:5", "secret:abc"), 2,
                        "ERROR invalid value \"oidc-provider:5\" for option --relation: relation not found\n",
                        t -> t.secretGrant("secret:abc", "oidc-provider:5"), RelationNotFoundException.class),
                failure(List.of("secret-get", "--format=json", "secret:abc"), 1,
                        "ERROR secret \"abc\" not found\n",
                        t -> t.secretGet("secret:abc", Optional.empty(), SecretRead.TRACKED),
                        SecretNotFoundException.class),
                failure(List.of("secret-info-get", "--format=json", "secret:abc"), 1,
                        "ERROR secret \"abc\" Not Found\n",
                        t -> t.secretInfoGet("secret:abc"), SecretNotFoundException.class),
                failure(List.of("secret-remove", "secret:abc"), 1, "ERROR secret \"abc\" not found\n",
                        t -> t.secretRemove("secret:abc", java.util.OptionalInt.empty()), SecretNotFoundException.class),
                // "not found" from a relation tool is not about a secret.
                failure(List.of("relation-get", "--format=json", "-r", "db:1", "-", "x/9"), 1,
                        "ERROR cannot read settings for unit \"x/9\" in relation \"db:1\": unit \"x/9\": settings not found\n",
                        t -> t.relationGet("db:1", "x/9", false), HookToolException.class),
                failure(List.of("relation-set", "-r", "db:1", "--app", "--file", "-"), 1,
                        "ERROR cannot write relation settings\n",
                        t -> t.relationSet("db:1", Map.of("k", "v"), true), PermissionDeniedException.class),
                failure(List.of("secret-set", "--owner", "application", "secret:abc", "secret#file=*"), 1,
                        "ERROR permission denied\n",
                        t -> t.secretSet("secret:abc", Map.of("secret", "v")), PermissionDeniedException.class),
                // Juju's ErrIsNotLeader, for a non-leader's write of an application-owned secret
                failure(List.of("secret-set", "--owner", "application", "secret:abc", "secret#file=*"), 1,
                        "ERROR this unit is not the leader\n",
                        t -> t.secretSet("secret:abc", Map.of("secret", "v")), PermissionDeniedException.class),
                // ... and of the application's status
                failure(List.of("status-set", "--application=True", "active", "--", "x"), 1,
                        "ERROR this unit is not the leader\n",
                        t -> t.statusSet("active", "x", true), PermissionDeniedException.class),
                failure(List.of("status-set", "--application=False", "happy", "--", "x"), 1,
                        "ERROR invalid status \"happy\", expected one of [maintenance blocked waiting active]\n",
                        t -> t.statusSet("happy", "x", false), HookToolException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void stderrChoosesTheException(String name, List<String> argv, int exitCode, String stderr,
                                   Consumer<HookTools> call, Class<? extends HookToolException> expected) {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on(argv.toArray(String[]::new)).fails(exitCode, stderr);

        HookToolException e = assertThrows(HookToolException.class, () -> call.accept(new HookTools(runner)));

        assertEquals(expected, e.getClass());
        assertEquals(exitCode, e.exitCode());
        assertEquals(stderr, e.stderr());
        assertEquals(runner.onlyCall().argv(), e.command());
    }

    @Test
    void aToolThatCannotStartIsExitCodeMinusOneWithTheReason() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("is-leader", "--format=json").cannotStart("Cannot run program \"is-leader\": error=2, No such file or directory");

        HookToolException e = assertThrows(HookToolException.class, () -> new HookTools(runner).isLeader());

        assertEquals(HookToolException.class, e.getClass());
        assertEquals(-1, e.exitCode());
        assertEquals("is-leader exited -1: could not start: Cannot run program \"is-leader\": error=2, No such file"
                + " or directory", e.getMessage());
    }

    @Test
    void messageNamesTheToolAndStderrButNotStdin() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("relation-set", "-r", "db:1", "--app", "--file", "-").fails(1, "ERROR cannot write relation settings\n");

        HookToolException e = assertThrows(HookToolException.class,
                () -> new HookTools(runner).relationSet("db:1", Map.of("client_id", "stdin-marker"), true));

        assertEquals("relation-set exited 1: ERROR cannot write relation settings", e.getMessage());
        assertFalse(e.toString().contains("stdin-marker"));
        assertFalse(e.command().toString().contains("stdin-marker"));
    }

    /** action-set values may be generated passwords: the exception carries the keys only. */
    @Test
    void actionSetFailureHidesValues() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("action-set", "password=Gen3rated!").fails(1, "ERROR action results too large\n");

        HookToolException e = assertThrows(HookToolException.class,
                () -> new HookTools(runner).actionSet(Map.of("password", "Gen3rated!")));

        assertEquals(List.of("action-set", "password=<hidden>"), e.command());
        assertFalse(e.getMessage().contains("Gen3rated!"));
    }

    /** secret-get prints secrets: unexpected output is reported without quoting it. */
    @Test
    void unexpectedOutputIsNotQuoted() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("secret-get", "--format=json", "secret:abc").prints("password: hunter2\n");

        HookToolException e = assertThrows(HookToolException.class,
                () -> new HookTools(runner).secretGet("secret:abc", Optional.empty(), SecretRead.TRACKED));

        assertEquals(0, e.exitCode());
        assertEquals(null, e.getCause());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void isLeaderThatPrintsNoBooleanIsAnError() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on("is-leader", "--format=json").prints("\"yes\"");

        HookToolException e = assertThrows(HookToolException.class, () -> new HookTools(runner).isLeader());

        assertEquals("is-leader exited 0: printed something other than true or false (output not shown: it may"
                + " hold secrets)", e.getMessage());
    }

    /** A policy Juju does not have would make every later diff guesswork: refused, not read as never. */
    @Test
    void secretInfoWithAnUnknownRotationPolicyIsAnError() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on("secret-info-get", "--format=json", "secret:x")
                .prints("{\"x\":{\"revision\":1,\"label\":\"\",\"owner\":\"application\",\"rotation\":\"fortnightly\"}}\n");

        HookToolException e = assertThrows(HookToolException.class, () -> new HookTools(runner).secretInfoGet("secret:x"));

        assertEquals("secret-info-get exited 0: printed something other than a rotation policy Juju knows (never, hourly,"
                + " ... yearly) (output not shown: it may hold secrets)", e.getMessage());
    }

    /** The fake itself: an argv nobody scripted fails the test instead of passing silently. */
    @Test
    void scriptedRunnerRejectsUnscriptedArgv() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on("is-leader", "--format=json").prints("true");

        assertThrows(AssertionError.class, () -> runner.run(List.of("is-leader"), new byte[0]));
    }

    private static Arguments failure(List<String> argv, int exitCode, String stderr, Consumer<HookTools> call,
                                     Class<? extends HookToolException> expected) {
        return Arguments.of(argv.get(0) + ": " + expected.getSimpleName(), argv, exitCode, stderr, call, expected);
    }
}
