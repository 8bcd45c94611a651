package dev.keycloakoidc.juju;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.keycloakoidc.juju.HookToolsArgvTest.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** action-set keys are checked against Juju's rule before the tool runs. */
final class ActionSetKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"User", "user_id", "-x", "x-", "a..b", ".a", "a.", "", "a b", "a=b", "ü",
            "stdout", "stderr", "stdout-encoding", "a.stderr-encoding"})
    void refusesKeysJujuWouldRefuse(String key) {
        ScriptedProcessRunner runner = new ScriptedProcessRunner();

        assertThrows(IllegalArgumentException.class, () -> new HookTools(runner).actionSet(Map.of(key, "v")));

        assertEquals(List.of(), runner.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"user-id", "password", "0.client", "rotated", "a.b-c.d9", "x", "1"})
    void acceptsKeysJujuAccepts(String key) {
        ScriptedProcessRunner runner = new ScriptedProcessRunner().on("action-set", key + "=v").prints("");

        new HookTools(runner).actionSet(Map.of(key, "v"));

        assertEquals(1, runner.calls().size());
    }

    @Test
    void messageNamesTheKeyNotTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HookTools(new ScriptedProcessRunner()).actionSet(Map.of("user_id", "Secret!")));

        assertEquals("action result key \"user_id\": each dot-separated part must be lowercase letters, digits"
                + " and '-', starting and ending with a letter or digit", e.getMessage());
    }

    /** "a" and "a.b" together: Juju would overwrite one with the other. */
    @Test
    void refusesAKeyThatIsAlsoAParent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HookTools(new ScriptedProcessRunner()).actionSet(ordered("0", "dex", "0.client", "dex")));

        assertEquals("action result keys \"0\" and \"0.client\": a key cannot hold a value and nested keys at once",
                e.getMessage());
    }
}
