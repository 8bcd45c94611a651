package dev.keycloakoidc.juju;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JujuContext.fromEnv against environments shaped like the ones Juju builds. */
final class JujuContextTest {

    /** What Juju sets for every hook; relation, action and secret variables are added per test. */
    private static Map<String, String> base(String dispatchPath) {
        Map<String, String> env = new HashMap<>();
        env.put("JUJU_DISPATCH_PATH", dispatchPath);
        env.put("JUJU_UNIT_NAME", "keycloak-oidc/0");
        env.put("JUJU_MODEL_NAME", "kubeflow");
        env.put("JUJU_MODEL_UUID", "5c0ffee0-0000-4000-8000-000000000001");
        env.put("JUJU_CHARM_DIR", "/var/lib/juju/agents/unit-keycloak-oidc-0/charm");
        env.put("JUJU_HOOK_NAME", "");
        env.put("JUJU_VERSION", "3.6.4");
        return env;
    }

    @Test
    void leadershipAskedByDispatch_isTakenOnlyWhenItIsAPlainAnswer() {
        Map<String, String> env = base("hooks/update-status");
        assertEquals(Optional.empty(), JujuContext.fromEnv(env).leaderAtStart());
        env.put("CHARM_IS_LEADER", "true");
        assertEquals(Optional.of(true), JujuContext.fromEnv(env).leaderAtStart());
        env.put("CHARM_IS_LEADER", "false");
        assertEquals(Optional.of(false), JujuContext.fromEnv(env).leaderAtStart());
        env.put("CHARM_IS_LEADER", "yes");
        assertEquals(Optional.empty(), JujuContext.fromEnv(env).leaderAtStart());
    }

    @Test
    void plainHook() {
        JujuContext ctx = JujuContext.fromEnv(base("hooks/config-changed"));

        assertEquals(Optional.of("config-changed"), ctx.hookName());
        assertFalse(ctx.isAction());
        assertEquals("keycloak-oidc/0", ctx.unitName());
        assertEquals("keycloak-oidc", ctx.appName());
        assertEquals("kubeflow", ctx.modelName());
        assertEquals("5c0ffee0-0000-4000-8000-000000000001", ctx.modelUuid());
        assertEquals(Path.of("/var/lib/juju/agents/unit-keycloak-oidc-0/charm"), ctx.charmDir());
        assertEquals(Optional.empty(), ctx.relationId());
        assertEquals(Optional.empty(), ctx.actionName());
        assertEquals(Optional.empty(), ctx.secretId());
    }

    @Test
    void relationHook() {
        Map<String, String> env = base("hooks/oidc-provider-relation-departed");
        env.put("JUJU_RELATION", "oidc-provider");
        env.put("JUJU_RELATION_ID", "oidc-provider:3");
        env.put("JUJU_REMOTE_APP", "dex-auth");
        env.put("JUJU_REMOTE_UNIT", "dex-auth/1");
        env.put("JUJU_DEPARTING_UNIT", "dex-auth/1");

        JujuContext ctx = JujuContext.fromEnv(env);

        assertEquals(Optional.of("oidc-provider-relation-departed"), ctx.hookName());
        assertEquals(Optional.of("oidc-provider"), ctx.relationEndpoint());
        assertEquals(Optional.of("oidc-provider:3"), ctx.relationId());
        assertEquals(Optional.of("dex-auth"), ctx.remoteApp());
        assertEquals(Optional.of("dex-auth/1"), ctx.remoteUnit());
        assertEquals(Optional.of("dex-auth/1"), ctx.departingUnit());
    }

    /** In -created and -broken Juju sets JUJU_REMOTE_UNIT to "": that is no unit. */
    @Test
    void emptyRemoteUnitIsAbsent() {
        Map<String, String> env = base("hooks/oidc-provider-relation-broken");
        env.put("JUJU_RELATION", "oidc-provider");
        env.put("JUJU_RELATION_ID", "oidc-provider:3");
        env.put("JUJU_REMOTE_APP", "dex-auth");
        env.put("JUJU_REMOTE_UNIT", "");

        assertEquals(Optional.empty(), JujuContext.fromEnv(env).remoteUnit());
    }

    @Test
    void action() {
        Map<String, String> env = base("actions/create-user");
        env.put("JUJU_ACTION_NAME", "create-user");
        env.put("JUJU_ACTION_UUID", "1");

        JujuContext ctx = JujuContext.fromEnv(env);

        assertTrue(ctx.isAction());
        assertEquals(Optional.empty(), ctx.hookName());
        assertEquals(Optional.of("create-user"), ctx.actionName());
    }

    @Test
    void actionNameFallsBackToTheDispatchPath() {
        assertEquals(Optional.of("rotate-secret"), JujuContext.fromEnv(base("actions/rotate-secret")).actionName());
    }

    @Test
    void secretHook() {
        Map<String, String> env = base("hooks/secret-changed");
        env.put("JUJU_SECRET_ID", "secret:d0sq9e7mp25c76ok2ds0");
        env.put("JUJU_SECRET_LABEL", "");
        env.put("JUJU_SECRET_REVISION", "4");

        JujuContext ctx = JujuContext.fromEnv(env);

        assertEquals(Optional.of("secret-changed"), ctx.hookName());
        assertEquals(Optional.of("secret:d0sq9e7mp25c76ok2ds0"), ctx.secretId());
        assertEquals(Optional.empty(), ctx.secretLabel());
        assertEquals(Optional.of(4), ctx.secretRevision());
    }

    @Test
    void charmDirFallsBackToCharmDirThenWorkingDir() {
        Map<String, String> env = base("hooks/install");
        env.remove("JUJU_CHARM_DIR");
        env.put("CHARM_DIR", "/charm");
        assertEquals(Path.of("/charm"), JujuContext.fromEnv(env).charmDir());

        env.remove("CHARM_DIR");
        assertEquals(Path.of("."), JujuContext.fromEnv(env).charmDir());
    }

    @Test
    void missingDispatchPathNamesTheVariable() {
        Map<String, String> env = base("hooks/install");
        env.remove("JUJU_DISPATCH_PATH");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JujuContext.fromEnv(env));

        assertEquals("JUJU_DISPATCH_PATH is not set: run this through the charm's dispatch, as Juju does",
                e.getMessage());
    }

    @Test
    void missingUnitNameNamesTheVariable() {
        Map<String, String> env = base("hooks/install");
        env.put("JUJU_UNIT_NAME", "");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JujuContext.fromEnv(env));

        assertEquals("JUJU_UNIT_NAME is not set: run this through the charm's dispatch, as Juju does", e.getMessage());
    }
}
