package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.HookRun;
import dev.keycloakoidc.testing.ToolCall;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A leader and two other units, through ./dispatch against a real Keycloak (issue 5, part 4):
 * only the leader writes; leadership moving carries on with the same client, Juju secret and
 * databag; a unit being removed, the leader included, deletes nothing its peers still serve.
 */
class SeveralUnitsIT {

    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";
    /** Tools that change what other applications or Keycloak's consumers see. */
    private static final Set<String> LEADER_ONLY = Set.of("relation-set", "secret-add", "secret-set", "secret-grant",
            "secret-revoke", "secret-remove", "application-version-set");

    @Test
    void onlyTheLeaderWrites_leadershipMovesWithoutDuplicates_andDepartingUnitsDeleteNothing() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String first = scene.leader();
            String second = scene.juju.addUnit();
            String third = scene.juju.addUnit();
            String rel = scene.relateProvider("dex-auth", CALLBACK);
            scene.hook("install");
            scene.relationChanged(rel);
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            String clientUuid = scene.client("dex-auth").path("id").asText();
            Map<String, String> data = scene.juju.localAppData(rel);
            String secretId = data.get("client_secret_id");
            assertNotNull(secretId);
            scene.admin.enableAdminEvents(scene.realm);
            int events = scene.admin.adminEvents(scene.realm).size();

            // The other units run every kind of hook and write nothing.
            int callsBefore = scene.juju.calls().size();
            for (String unit : List.of(second, third)) {
                for (String hook : List.of("install", "config-changed", "start", "update-status")) {
                    ok(scene.driver.hook(unit, hook));
                }
                ok(scene.driver.relationHook(unit, "relation-joined", rel, "dex-auth/0"));
                ok(scene.driver.relationHook(unit, "relation-changed", rel, "dex-auth/0"));
                assertEquals("active", scene.juju.unitStatus(unit).status());
                assertEquals("standby: the leader manages Keycloak", scene.juju.unitStatus(unit).message());
            }
            assertNoLeaderWrites(scene.juju.calls().subList(callsBefore, scene.juju.calls().size()));
            assertEquals(events, scene.admin.adminEvents(scene.realm).size(), "a non-leader wrote to Keycloak");

            // Leadership moves to the second unit: same client, same Juju secret, same databag.
            scene.juju.setLeader(second);
            callsBefore = scene.juju.calls().size();
            ok(scene.driver.hook(second, "leader-elected"));
            ok(scene.driver.hook(first, "leader-settings-changed"));
            ok(scene.driver.relationHook(second, "relation-changed", rel, "dex-auth/0"));
            assertEquals("active: 1 client in realm " + scene.realm, status(scene, second));
            assertEquals("active: standby: the leader manages Keycloak", status(scene, first));
            assertEquals(clientUuid, scene.client("dex-auth").path("id").asText());
            assertEquals(1, clients(scene, "dex-auth"), "duplicate client");
            assertEquals(data, scene.juju.localAppData(rel), "databag changed on a leadership move");
            List<ToolCall> moved = scene.juju.calls().subList(callsBefore, scene.juju.calls().size());
            assertTrue(moved.stream().noneMatch(c -> Set.of("secret-add", "secret-set", "relation-set").contains(c.tool())),
                    () -> "the new leader rewrote what was in place: " + tools(moved));
            assertEquals(1, scene.juju.secrets().stream().filter(s -> s.label().equals(java.util.Optional.of("client-secret-dex-auth"))).count());
            assertEquals(events, scene.admin.adminEvents(scene.realm).size(), "the new leader wrote to Keycloak");

            // The third unit (not the leader) is removed.
            removeUnit(scene, third, rel);
            // Then the leader itself is removed, and leadership falls back to the first unit.
            removeUnit(scene, second, rel);
            assertEquals(clientUuid, scene.client("dex-auth").path("id").asText(), "a departing unit deleted the client");
            assertEquals(data, scene.juju.localAppData(rel));
            assertTrue(scene.juju.secret(secretId).isPresent(), "a departing unit removed the client secret");
            scene.juju.setLeader(first);
            ok(scene.driver.hook(first, "leader-elected"));
            assertEquals("active: 1 client in realm " + scene.realm, status(scene, first));
            assertEquals(clientUuid, scene.client("dex-auth").path("id").asText());
            assertEquals(data, scene.juju.localAppData(rel));
            assertEquals(events, scene.admin.adminEvents(scene.realm).size(), "Keycloak was written to");
            scene.assertHygiene();
        }
    }

    /** What Juju runs on a unit being removed: departed (naming itself), broken, stop, remove. */
    private static void removeUnit(CharmScene scene, String unit, String rel) {
        int before = scene.juju.calls().size();
        ok(scene.driver.relationHook(unit, "relation-departed", rel, unit));
        ok(scene.driver.relationHook(unit, "relation-broken", rel, null));
        ok(scene.driver.hook(unit, "stop"));
        ok(scene.driver.hook(unit, "remove"));
        List<ToolCall> calls = scene.juju.calls().subList(before, scene.juju.calls().size());
        assertTrue(calls.stream().noneMatch(c -> Set.of("secret-remove", "secret-revoke").contains(c.tool())),
                () -> unit + " removed secrets while going away: " + tools(calls));
    }

    private static void assertNoLeaderWrites(List<ToolCall> calls) {
        for (ToolCall c : calls) {
            boolean appStatus = c.tool().equals("status-set") && c.argv().stream().anyMatch(a -> a.equals("--application") || a.equalsIgnoreCase("--application=true"));
            boolean appData = c.tool().equals("relation-set") && c.argv().contains("--app");
            assertTrue(!LEADER_ONLY.contains(c.tool()) && !appStatus && !appData,
                    () -> "a non-leader ran " + c.argv());
        }
    }

    private static void ok(HookRun run) {
        assertEquals(0, run.exitCode(), () -> run.event().dispatchPath() + " on " + run.event().unit() + ":\n" + run.stderr());
    }

    private static String status(CharmScene scene, String unit) {
        var s = scene.juju.unitStatus(unit);
        return s.status() + ": " + s.message();
    }

    private static int clients(CharmScene scene, String clientId) {
        JsonNode found = scene.admin.get("/admin/realms/" + scene.realm + "/clients?clientId=" + clientId);
        return found.size();
    }

    private static List<String> tools(List<ToolCall> calls) {
        return calls.stream().map(ToolCall::tool).toList();
    }
}
