package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.testing.SecretSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What "the charm has converged" means, checked on both sides: Keycloak holds exactly one managed
 * client per consumer, Juju exactly one application secret per managed client holding Keycloak's
 * secret, and every consumer's databag is complete and points at that secret.
 */
final class Converged {

    /** Every key the provider databag carries when no {@code ca-cert} is set: all or none. */
    static final Set<String> DATABAG_KEYS = Set.of("issuer_url", "authorization_endpoint", "token_endpoint",
            "userinfo_endpoint", "jwks_endpoint", "introspection_endpoint", "scope", "client_id", "client_secret_id",
            "redirect_uri", "dex_connector");

    private Converged() {}

    /**
     * The state one successful reconcile leaves for these oidc-provider relations, each consumer
     * application asking for one redirect URI; also what the realm the charm created must be like.
     */
    static void assertConverged(CharmScene scene, Map<String, String> redirectUriByRelation) {
        Map<String, String> clientByRelation = new TreeMap<>();
        redirectUriByRelation.keySet().forEach(rel -> clientByRelation.put(rel, scene.juju.remoteApp(rel)));

        assertTrue(scene.admin.get("/admin/realms").findValuesAsText("realm").contains(scene.realm),
                () -> "no realm " + scene.realm + "; status " + scene.unitStatus());
        List<JsonNode> managed = managedClients(scene);
        List<String> managedIds = managed.stream().map(c -> c.path("clientId").asText()).sorted().toList();
        assertEquals(clientByRelation.values().stream().sorted().toList(), managedIds,
                () -> "managed clients in Keycloak (one per consumer, no duplicates); status " + scene.unitStatus());
        for (JsonNode client : managed) {
            String clientId = client.path("clientId").asText();
            String rel = clientByRelation.entrySet().stream().filter(e -> e.getValue().equals(clientId))
                    .findFirst().orElseThrow().getKey();
            assertEquals(List.of(redirectUriByRelation.get(rel)), strings(client.path("redirectUris")), clientId);
            assertTrue(client.path("standardFlowEnabled").asBoolean(), clientId);
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(), clientId);
            assertFalse(client.path("implicitFlowEnabled").asBoolean(), clientId);
            assertFalse(client.path("publicClient").asBoolean(), clientId);
        }

        // Juju: one application-owned secret per managed client, found by label, and no other.
        List<SecretSnapshot> owned = scene.juju.secrets().stream()
                .filter(s -> s.ownerKind().equals("application") && s.owner().equals(scene.juju.app())).toList();
        Set<String> wantedLabels = managedIds.stream().map(id -> "client-secret-" + id)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> labels = owned.stream().map(s -> s.label().orElse("(no label) " + s.uri()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(wantedLabels, labels, "application secrets (orphans or missing ones)");
        assertEquals(managedIds.size(), owned.size(), "two secrets with one label");

        for (var entry : clientByRelation.entrySet()) {
            String rel = entry.getKey();
            String clientId = entry.getValue();
            Map<String, String> data = scene.juju.localAppData(rel);
            assertEquals(DATABAG_KEYS, data.keySet(), "databag of " + rel + " is not the full set");
            assertEquals(clientId, data.get("client_id"));
            assertEquals(redirectUriByRelation.get(rel), data.get("redirect_uri"));
            SecretSnapshot secret = scene.jujuSecret(data.get("client_secret_id"));
            assertEquals(java.util.Optional.of("client-secret-" + clientId), secret.label());
            String keycloakSecret = scene.keycloakSecret(clientId);
            scene.secrets.add(keycloakSecret);
            assertEquals(Map.of("secret", keycloakSecret), secret.content(),
                    "Juju's copy of " + clientId + "'s secret differs from Keycloak's");
            assertEquals(clientId, secret.relationGrants().get(rel.substring(rel.indexOf(':') + 1)),
                    "secret of " + clientId + " not granted to " + rel);
        }
        assertRealmAsCreated(scene);
        assertEquals("active: " + managedIds.size() + (managedIds.size() == 1 ? " client" : " clients")
                + " in realm " + scene.realm, scene.unitStatus());
    }

    /** A realm the charm made: names optional, no profile form waiting at a Dex login. */
    static void assertRealmAsCreated(CharmScene scene) {
        JsonNode profile = scene.admin.get("/admin/realms/" + scene.realm + "/users/profile");
        for (JsonNode attribute : profile.path("attributes")) {
            String name = attribute.path("name").asText();
            if (name.equals("firstName") || name.equals("lastName")) {
                assertFalse(attribute.hasNonNull("required"), "realm " + scene.realm + " requires " + name);
            }
        }
        JsonNode verifyProfile = scene.admin.get("/admin/realms/" + scene.realm
                + "/authentication/required-actions/VERIFY_PROFILE");
        assertFalse(verifyProfile.path("enabled").asBoolean(true), "VERIFY_PROFILE is on in " + scene.realm);
    }

    /** The realm's clients that carry this application's markers. */
    static List<JsonNode> managedClients(CharmScene scene) {
        JsonNode all = scene.admin.get("/admin/realms/" + scene.realm + "/clients");
        return StreamSupport.stream(all.spliterator(), false)
                .filter(c -> scene.juju.modelUuid().equals(c.path("attributes").path("juju.model-uuid").asText())
                        && scene.juju.app().equals(c.path("attributes").path("juju.application").asText()))
                .toList();
    }

    static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
