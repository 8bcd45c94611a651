package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The realm's client profiles and client policies documents ({@code {"profiles":[...]}} and
 * {@code {"policies":[...]}}) as the charm edits them: Keycloak has no endpoint for one entry, so
 * the whole document is read, the charm's entry set or removed by name, and the whole document
 * written back, keeping everyone else's entries as they were.
 */
final class ClientPolicies {

    static final String PROFILES = "profiles";
    static final String POLICIES = "policies";

    static final String EXECUTOR = "secret-rotation";
    static final String CONDITION = "client-attributes";

    private static final String PREFIX = "juju-keycloak-oidc-secret-rotation-";

    private ClientPolicies() {}

    /**
     * The name of the charm's profile and of its policy (Keycloak keeps them apart): one per set of
     * marker attributes, so that two applications sharing a realm do not overwrite each other's.
     */
    static String name(Map<String, String> clientAttributes) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(clientAttributes).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * A profile with only the {@code secret-rotation} executor. Values are strings, as the admin
     * console sends them (serverinfo types them {@code String}); Keycloak echoes them as sent, so
     * the profile read back equals this one.
     */
    static ObjectNode profile(String name, Map<String, String> clientAttributes, SecretRotation settings) {
        ObjectNode profile = Json.object()
                .put("name", name)
                .put("description", "Grace period for rotated client secrets; managed by the Juju charm "
                        + "keycloak-oidc for clients with " + describe(clientAttributes));
        ObjectNode executor = profile.putArray("executors").addObject().put("executor", EXECUTOR);
        executor.putObject("configuration")
                .put("expiration-period", seconds(settings.secretLifetime()))
                .put("rotated-expiration-period", seconds(settings.gracePeriod()))
                .put("remaining-rotation-period", seconds(settings.remainingRotationPeriod()));
        return profile;
    }

    /**
     * A policy applying the profile to exactly the clients that carry every one of
     * {@code clientAttributes} with its value ({@code client-attributes} condition; its
     * {@code attributes} setting is a JSON text of {@code [{"key":...,"value":...}]}, which Keycloak
     * calls a {@code Map} property).
     */
    static ObjectNode policy(String name, Map<String, String> clientAttributes) {
        ObjectNode policy = Json.object()
                .put("name", name)
                .put("description", "Secret rotation grace period for clients of the Juju charm keycloak-oidc with "
                        + describe(clientAttributes))
                .put("enabled", true);
        ArrayNode pairs = Json.array();
        new TreeMap<>(clientAttributes).forEach((k, v) -> pairs.addObject().put("key", k).put("value", v));
        policy.putArray("conditions").addObject()
                .put("condition", CONDITION)
                .putObject("configuration").put("attributes", pairs.toString());
        policy.putArray("profiles").add(name);
        return policy;
    }

    /** {@code document} with {@code entry} in place of the entry of the same name (or added), unless already equal. */
    static Optional<ObjectNode> withEntry(JsonNode document, String field, ObjectNode entry) {
        ObjectNode updated = document.isObject() ? ((ObjectNode) document).deepCopy() : Json.object();
        ArrayNode entries = updated.path(field).isArray() ? (ArrayNode) updated.get(field) : updated.putArray(field);
        String name = entry.path("name").asText();
        for (int i = 0; i < entries.size(); i++) {
            if (name.equals(entries.get(i).path("name").asText())) {
                if (entries.get(i).equals(entry)) {
                    return Optional.empty();
                }
                entries.set(i, entry);
                return Optional.of(updated);
            }
        }
        entries.add(entry);
        return Optional.of(updated);
    }

    private static String seconds(Duration duration) {
        return Long.toString(duration.toSeconds());
    }

    private static String describe(Map<String, String> clientAttributes) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(clientAttributes).forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ")
                .append(k).append('=').append(v));
        return text.toString();
    }
}
