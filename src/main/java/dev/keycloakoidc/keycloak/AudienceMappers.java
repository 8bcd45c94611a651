package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The audience mappers the charm puts on a client, one per requested audience: Keycloak's
 * {@code oidc-audience-mapper} with a custom audience, added to the {@code aud} of access tokens
 * and of their introspection (the ID token's audience stays the client). Each carries the
 * client's ownership markers in its config: mappers without them were added by someone else and
 * are left alone.
 */
final class AudienceMappers {

    static final String TYPE = "oidc-audience-mapper";
    static final String PROTOCOL = "openid-connect";
    static final String CUSTOM_AUDIENCE = "included.custom.audience";

    /** What to change on a client: the charm's mappers to delete (no longer asked for, or altered) and audiences to add. */
    record Plan(List<ProtocolMapper> stale, List<String> missing) {

        Plan {
            stale = List.copyOf(stale);
            missing = List.copyOf(missing);
        }

        boolean isEmpty() {
            return stale.isEmpty() && missing.isEmpty();
        }
    }

    private AudienceMappers() {}

    static String name(String audience) {
        return "audience " + audience;
    }

    static Map<String, String> config(String audience, Map<String, String> markers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(CUSTOM_AUDIENCE, audience);
        config.put("access.token.claim", "true");
        config.put("introspection.token.claim", "true");
        config.put("id.token.claim", "false");
        config.putAll(markers);
        return config;
    }

    /** The mapper's representation for a POST, on its own or in a new client's {@code protocolMappers}. */
    static ObjectNode representation(String audience, Map<String, String> markers) {
        ObjectNode rep = Json.object()
                .put("name", name(audience))
                .put("protocol", PROTOCOL)
                .put("protocolMapper", TYPE);
        ObjectNode config = rep.putObject("config");
        config(audience, markers).forEach(config::put);
        return rep;
    }

    /** Made by the charm: it carries every one of the (non-empty) {@code markers}. */
    static boolean owned(ProtocolMapper mapper, Map<String, String> markers) {
        return !markers.isEmpty() && markers.entrySet().stream()
                .allMatch(e -> e.getValue().equals(mapper.config().get(e.getKey())));
    }

    /** How the charm's mappers among {@code actual} must change to be one per audience, each as {@link #config} makes it. */
    static Plan plan(List<ProtocolMapper> actual, List<String> audiences, Map<String, String> markers) {
        Set<String> matched = new LinkedHashSet<>();
        List<ProtocolMapper> stale = new ArrayList<>();
        for (ProtocolMapper mapper : actual) {
            if (!owned(mapper, markers)) {
                continue;
            }
            String audience = mapper.config().getOrDefault(CUSTOM_AUDIENCE, "");
            if (audiences.contains(audience) && !matched.contains(audience) && isAsMade(mapper, audience, markers)) {
                matched.add(audience);
            } else {
                stale.add(mapper);
            }
        }
        return new Plan(stale, audiences.stream().filter(a -> !matched.contains(a)).toList());
    }

    /** Keycloak may add config keys of its own; those the charm set must be as it set them. */
    private static boolean isAsMade(ProtocolMapper mapper, String audience, Map<String, String> markers) {
        return TYPE.equals(mapper.protocolMapper()) && PROTOCOL.equals(mapper.protocol())
                && name(audience).equals(mapper.name())
                && config(audience, markers).entrySet().stream()
                        .allMatch(e -> e.getValue().equals(mapper.config().get(e.getKey())));
    }
}
