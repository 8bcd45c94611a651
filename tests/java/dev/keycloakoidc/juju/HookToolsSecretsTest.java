package dev.keycloakoidc.juju;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

import static dev.keycloakoidc.juju.HookToolsArgvTest.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secret values reach secret-add / secret-set through 0600 files that are gone afterwards, never argv. */
final class HookToolsSecretsTest {

    private static final String VALUE = "s3cret $HOME\nwith newline, ünïcode and = sign";

    @Test
    void secretAddPassesValuesThroughOwnerOnlyFiles() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("secret-add", "--label", "client-dex-auth", "--owner", "application",
                        "client-id#file=*", "secret#file=*")
                .prints("secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0\n");

        String uri = new HookTools(runner).secretAdd(ordered("client-id", "dex-auth", "secret", VALUE),
                new SecretMetadata(Optional.of("client-dex-auth"), Optional.empty(), Optional.empty()));

        assertEquals("secret://6f1e0b7a-1111-4000-8000-00000000abcd/d0sq9e7mp25c76ok2ds0", uri);
        ScriptedProcessRunner.Call call = runner.onlyCall();
        assertFalse(String.join(" ", call.argv()).contains(VALUE));
        assertFalse(String.join(" ", call.argv()).contains("s3cret"));
        assertEquals("dex-auth", call.files().get("client-id").content());
        assertEquals(VALUE, call.files().get("secret").content());
        call.files().values().forEach(f -> {
            assertEquals("rw-------", f.permissions(), f.path().toString());
            assertFalse(Files.exists(f.path()), f.path() + " still exists");
        });
        assertEquals("", call.stdin());
    }

    @Test
    void secretSetPassesValuesThroughOwnerOnlyFiles() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("secret-set", "--owner", "application", "secret:abc", "secret#file=*").prints("");

        new HookTools(runner).secretSet("secret:abc", Map.of("secret", VALUE));

        ScriptedProcessRunner.Call call = runner.onlyCall();
        assertFalse(String.join(" ", call.argv()).contains("s3cret"));
        ScriptedProcessRunner.SecretFile file = call.files().get("secret");
        assertEquals(VALUE, file.content());
        assertEquals("rw-------", file.permissions());
        assertFalse(Files.exists(file.path()));
    }

    @Test
    void filesAreDeletedWhenTheToolFails() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("secret-set", "--owner", "application", "secret:abc", "secret#file=*").fails(1, "ERROR permission denied\n");

        HookToolException e = assertThrows(PermissionDeniedException.class,
                () -> new HookTools(runner).secretSet("secret:abc", Map.of("secret", VALUE)));

        assertFalse(Files.exists(runner.onlyCall().files().get("secret").path()));
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void filesAreDeletedWhenTheToolCannotStart() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("secret-add", "--owner", "application", "secret#file=*").cannotStart("No such file or directory");

        assertThrows(HookToolException.class,
                () -> new HookTools(runner).secretAdd(Map.of("secret", VALUE), new SecretMetadata(Optional.empty(), Optional.empty(), Optional.empty())));

        assertFalse(Files.exists(runner.onlyCall().files().get("secret").path()));
    }

    @Test
    void badContentKeysAreRefusedBeforeAnythingRuns() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner();
        HookTools tools = new HookTools(runner);

        for (String key : new String[] {"ab", "Secret", "client_secret", "1abc", "abc-", "a--bc", "-abc"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tools.secretSet("secret:abc", Map.of(key, VALUE)), key);
            assertTrue(e.getMessage().contains("\"" + key + "\""), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"));
        }
        assertThrows(IllegalArgumentException.class,
                () -> tools.secretAdd(Map.of(), new SecretMetadata(Optional.empty(), Optional.empty(), Optional.empty())));
        assertEquals(0, runner.calls().size());
    }

    @Test
    void validContentKeysPass() {
        ScriptedProcessRunner runner = new ScriptedProcessRunner()
                .on("secret-set", "--owner", "application", "secret:abc", "abc#file=*", "client-secret#file=*",
                        "a1-b2#file=*").prints("");

        new HookTools(runner).secretSet("secret:abc", ordered("abc", "1", "client-secret", "2", "a1-b2", "3"));

        assertEquals(3, runner.onlyCall().files().size());
    }
}
