package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.testing.FakeJuju;
import dev.keycloakoidc.testing.HookEvent;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.StatusEntry;
import dev.keycloakoidc.testing.ToolCall;
import dev.keycloakoidc.testing.ToolResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadershipAndTeardownTest {

    private final FakeJuju juju = FakeJuju.forRepo();

    @Test
    void nonLeader_reportsStandby_andTouchesNothingElse() {
        String other = juju.addUnit();
        HookRun run = CharmHarness.run(juju, HookEvent.hook(other, "update-status"));
        assertEquals(0, run.exitCode());
        assertEquals(new StatusEntry("active", "standby: the leader manages Keycloak"), juju.unitStatus(other));
        // relation-ids send-ca-cert: with no requirer there, a standby unit writes no bag of its own.
        assertEquals(java.util.List.of("is-leader", "relation-ids", "status-set"),
                juju.calls().stream().map(c -> c.argv().get(0)).toList());
    }

    @Test
    void stopAndRemove_setNoStatus_andCallNoKeycloak() {
        for (String hook : new String[] {"stop", "remove"}) {
            HookRun run = CharmHarness.hook(juju, hook);
            assertEquals(0, run.exitCode());
        }
        assertTrue(juju.calls().stream().noneMatch(c -> c.argv().get(0).equals("status-set")));
        assertTrue(juju.calls().stream().noneMatch(c -> c.argv().get(0).equals("config-get")));
    }

    @Test
    void aDepartingLeader_remembersIt_andSkipsTheReconcileOnRelationBroken() {
        String rel = juju.relate("oidc-provider", "dex-auth", "dex-auth/0");
        juju.setRemoteAppData(rel, Map.of("redirect_uri", "https://kubeflow.example.com/dex/callback"));
        // In -departed Juju names the departing unit; when it is this very unit, this unit is leaving.
        HookEvent departed = HookEvent.relation(juju.leader(), "relation-departed", rel, juju.leader());
        CharmHarness.run(juju, departed);
        assertEquals("true", juju.unitState(juju.leader()).get(Charm.DYING));

        int before = juju.calls().size();
        HookRun broken = CharmHarness.run(juju, HookEvent.relation(juju.leader(), "relation-broken", rel, null));
        assertEquals(0, broken.exitCode());
        assertFalse(juju.calls().subList(before, juju.calls().size()).stream()
                .anyMatch(c -> c.argv().get(0).equals("config-get")), "a dying unit must not reconcile");
    }

    /**
     * The lease runs out mid-hook: Juju answers the leader-only call that follows with its
     * ErrIsNotLeader, which the charm takes as a refused write (PermissionDeniedException): the
     * hook exits 1, so that Juju drops its changes; the retry on that unit is a standby's.
     */
    @Test
    void leadershipLostMidHook_failsTheHook_andTheRetryIsStandby() {
        String first = juju.leader();
        String other = juju.addUnit();
        juju.moveLeadershipDuringNextHook(other, argv -> argv.get(0).equals("status-set") && argv.contains("--application=True"));
        HookRun run = CharmHarness.hook(juju, "config-changed");
        assertEquals(1, run.exitCode());
        ToolCall refused = juju.calls().get(juju.calls().size() - 1);
        assertEquals(java.util.List.of("status-set", "--application=True"), refused.argv().subList(0, 2));
        assertEquals(new ToolResult(1, "", "ERROR this unit is not the leader\n"), refused.result());

        HookRun retry = CharmHarness.run(juju, HookEvent.hook(first, "config-changed"));
        assertEquals(0, retry.exitCode());
        assertEquals(new StatusEntry("active", "standby: the leader manages Keycloak"), juju.unitStatus(first));
    }
}
