package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.BadDatabags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bad-databag corpus against a real Keycloak, through ./dispatch: with dex-auth served, each
 * bad consumer in turn is refused by name, gets no client and no data (on oauth: the provider's
 * settings only), Keycloak records no admin write, and dex-auth's client and databag stay exactly
 * as they were.
 */
class BadDatabagIT {

    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";

    @Test
    void everyBadConsumer_isRefusedByName_whileTheGoodOneKeepsBeingServed() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String good = scene.relateProvider("dex-auth", CALLBACK);
            scene.relationChanged(good);
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            JsonNode goodClient = scene.client("dex-auth");
            Map<String, String> goodData = scene.juju.localAppData(good);
            assertNotNull(goodData.get("client_secret_id"));

            scene.admin.enableAdminEvents(scene.realm);
            List<String> wrong = new ArrayList<>();
            int tried = 0;
            for (BadDatabags.Row row : BadDatabags.rows()) {
                if (!row.overTheWire()) {
                    continue;
                }
                tried++;
                String bad = scene.juju.relate(row.endpoint(), "bad-app", "bad-app/0");
                scene.juju.setRemoteAppData(bad, row.appBag());
                scene.juju.setRemoteUnitData(bad, "bad-app/0", row.unitBag());
                int writes = scene.admin.adminEvents(scene.realm).size();
                scene.relationChanged(bad);
                check(wrong, row, "Keycloak writes", writes, scene.admin.adminEvents(scene.realm).size());
                String expected = "blocked: consumer bad-app (" + bad + ")" + row.reason().replace("{realm}", scene.realm);
                check(wrong, row, "status", expected, scene.unitStatus());
                check(wrong, row, "bad-app client", null, scene.client("bad-app"));
                // On oauth a requirer is told the provider's settings whatever it wrote, but gets no client.
                Map<String, String> published = scene.juju.localAppData(bad);
                if (row.endpoint().equals(BadDatabags.OAUTH)) {
                    check(wrong, row, "bad-app provider info", true, published.containsKey("issuer_url"));
                    check(wrong, row, "bad-app client", false,
                            published.containsKey("client_id") || published.containsKey("client_secret_id"));
                } else {
                    check(wrong, row, "bad-app data", Map.of(), published);
                }
                check(wrong, row, "dex-auth client", goodClient, scene.client("dex-auth"));
                check(wrong, row, "dex-auth data", goodData, scene.juju.localAppData(good));
                // The consumer goes away again; it never had a client, so nothing is left to clean.
                scene.juju.removeRelation(bad);
            }
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " problem(s):\n  " + String.join("\n  ", wrong));
            assertTrue(tried >= 15, "corpus too small: " + tried);
            assertTrue(scene.juju.secrets().stream().noneMatch(s -> s.label().orElse("").equals("client-secret-bad-app")));
            scene.hook("update-status");
            assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
            scene.assertHygiene();
        }
    }

    private static void check(List<String> wrong, BadDatabags.Row row, String what, Object expected, Object actual) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            String shown = String.valueOf(actual);
            wrong.add(row.label() + ": " + what + " was " + (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown));
        }
    }
}
