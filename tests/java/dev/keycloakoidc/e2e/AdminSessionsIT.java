package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.FaultProxy;
import dev.keycloakoidc.testing.HookRun;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A hook that signs in with a password opens a Keycloak user session; the charm ends it when the
 * hook ends, so none piles up until the realm's idle timeout. The charm signs in here as an admin
 * user of its own, whose sessions only the charm opens.
 */
class AdminSessionsIT {

    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";

    @Test
    void passwordSignInHooks_andAnAction_leaveNoAdminSessionBehind() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String userId = signInAsAdminOfItsOwn(scene);

            scene.hook("install");
            scene.hook("config-changed"); // creates the realm: two sign-ins
            scene.relationChanged(scene.relateProvider("dex-auth", CALLBACK));
            for (int i = 0; i < 3; i++) {
                scene.hook("update-status");
            }
            HookRun action = scene.driver.action(scene.leader(), "get-connector", Map.of("client", "dex-auth"));
            assertEquals(0, action.exitCode(), action.stderr());
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());

            assertEquals(0, scene.admin.userSessions("master", userId).size(), "sessions the hooks left");
            scene.assertHygiene();
        }
    }

    @Test
    void aLogoutThatFails_failsNoHook_andSaysSoWithoutTheToken() throws Exception {
        try (CharmScene scene = CharmScene.configured();
             FaultProxy proxy = FaultProxy.inFrontOf(scene.keycloak.baseUrl())) {
            String userId = signInAsAdminOfItsOwn(scene);
            scene.hook("config-changed");
            assertEquals(0, scene.admin.userSessions("master", userId).size());
            scene.adminThrough(proxy);
            proxy.fail(503, request -> request.endsWith("/protocol/openid-connect/logout"));

            HookRun run = scene.hook("update-status");

            assertEquals(List.of("POST /realms/master/protocol/openid-connect/logout -> 503"), proxy.failedRequests());
            assertEquals("active: 0 clients in realm " + scene.realm, scene.unitStatus());
            assertTrue(run.stderr().contains("keycloak-oidc: WARNING: ending the admin session "
                    + "(POST /realms/master/protocol/openid-connect/logout) answered 503"), run.stderr());
            assertFalse(run.stderr().contains("eyJ"), "a token (a JWT) in the hook's output");
            assertEquals(1, scene.admin.userSessions("master", userId).size(), "the session the failed logout left");
            scene.assertHygiene();
        }
    }

    /** An admin user in master that only this test's charm signs in as: its sessions are the charm's. */
    private static String signInAsAdminOfItsOwn(CharmScene scene) {
        String username = "charm-admin-" + scene.realm;
        String password = "pw-" + UUID.randomUUID();
        String userId = scene.admin.masterAdmin(username, password);
        String secret = scene.juju.addUserSecret(Map.of("username", username, "password", password));
        scene.juju.grantSecret(secret, scene.juju.app());
        scene.juju.setConfig("admin-credentials", secret);
        scene.secrets.add(password);
        assertEquals(0, scene.admin.userSessions("master", userId).size());
        return userId;
    }
}
