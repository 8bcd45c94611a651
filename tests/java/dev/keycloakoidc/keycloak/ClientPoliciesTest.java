package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SecretRotation}'s limits and the document edits of {@link ClientPolicies}, without a Keycloak. */
class ClientPoliciesTest {

    private static final Map<String, String> MARKERS = Map.of("juju.model-uuid", "m-1", "juju.application", "app");

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    @Test
    void charmSettings_areADayOfGrace_andTheLargestLifetimeKeycloakParses() {
        assertEquals(Duration.ofSeconds(86400), SecretRotation.CHARM.gracePeriod());
        assertEquals(Duration.ofSeconds(2147483647L), SecretRotation.CHARM.secretLifetime());
        assertEquals(Duration.ZERO, SecretRotation.CHARM.remainingRotationPeriod());
    }

    @Test
    void settings_thatKeycloakWouldRefuse_areRefusedHere() {
        Duration day = Duration.ofDays(1);
        assertThrows(IllegalArgumentException.class, () -> new SecretRotation(day, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new SecretRotation(day.plusSeconds(1), day, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new SecretRotation(day, day, day.plusSeconds(1)));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> new SecretRotation(day, Duration.ofDays(365 * 100), Duration.ZERO));
        assertEquals("secretLifetime must be whole seconds from 0 to 2147483647, was PT876000H", tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SecretRotation(Duration.ofMillis(1500), day, Duration.ZERO));
    }

    @Test
    void name_isStablePerMarkerSet_andDiffersBetweenApplications() {
        String name = ClientPolicies.name(MARKERS);
        assertTrue(name.matches("juju-keycloak-oidc-secret-rotation-[0-9a-f]{12}"), name);
        assertEquals(name, ClientPolicies.name(Map.of("juju.application", "app", "juju.model-uuid", "m-1")));
        assertNotEquals(name, ClientPolicies.name(Map.of("juju.model-uuid", "m-1", "juju.application", "app-b")));
    }

    @Test
    void profile_carriesTheExecutorKeysAsStrings() {
        ObjectNode profile = ClientPolicies.profile("p", MARKERS, SecretRotation.CHARM);
        JsonNode config = profile.path("executors").get(0).path("configuration");
        assertEquals("secret-rotation", profile.path("executors").get(0).path("executor").asText());
        assertEquals("2147483647", config.path("expiration-period").textValue());
        assertEquals("86400", config.path("rotated-expiration-period").textValue());
        assertEquals("0", config.path("remaining-rotation-period").textValue());
    }

    @Test
    void policy_matchesEveryMarker_inKeycloaksKeyValueText() {
        ObjectNode policy = ClientPolicies.policy("p", MARKERS);
        JsonNode condition = policy.path("conditions").get(0);
        assertEquals("client-attributes", condition.path("condition").asText());
        assertEquals("[{\"key\":\"juju.application\",\"value\":\"app\"},{\"key\":\"juju.model-uuid\",\"value\":\"m-1\"}]",
                condition.path("configuration").path("attributes").asText());
        assertEquals("[\"p\"]", policy.path("profiles").toString());
        assertTrue(policy.path("enabled").asBoolean());
    }

    @Test
    void withEntry_addsReplacesOrLeavesAlone_keepingOthers() throws Exception {
        ObjectNode ours = ClientPolicies.profile("ours", MARKERS, SecretRotation.CHARM);
        JsonNode empty = json("{\"profiles\":[]}");
        JsonNode added = ClientPolicies.withEntry(empty, "profiles", ours).orElseThrow();
        assertEquals(1, added.path("profiles").size());
        assertEquals(Optional.empty(), ClientPolicies.withEntry(added, "profiles", ours));

        JsonNode mixed = json("{\"profiles\":[{\"name\":\"theirs\",\"executors\":[]},{\"name\":\"ours\",\"executors\":[]}]}");
        JsonNode replaced = ClientPolicies.withEntry(mixed, "profiles", ours).orElseThrow();
        assertEquals("theirs", replaced.path("profiles").get(0).path("name").asText());
        assertEquals(ours, replaced.path("profiles").get(1));
        assertEquals(2, mixed.path("profiles").size(), "the input is not changed");
    }
}
