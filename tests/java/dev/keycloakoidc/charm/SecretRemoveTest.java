package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretRemoveTest {

    private final FakeJuju juju = FakeJuju.forRepo();

    @Test
    void anUnusedRevisionOfAClientSecret_isRemoved_andTheCurrentOneKept() {
        String uri = juju.addAppSecret(Map.of("secret", "old-value"), ClientSecrets.label("dex-auth"));
        juju.updateSecret(uri, Map.of("secret", "new-value"));

        HookRun run = CharmHarness.run(juju, HookEvent.secret(juju.leader(), "secret-remove", uri, OptionalInt.of(1)));

        assertEquals(0, run.exitCode());
        assertEquals(Set.of(2), juju.secret(uri).orElseThrow().revisions().keySet());
        assertEquals(Map.of("secret", "new-value"), juju.secret(uri).orElseThrow().content());
    }
}
