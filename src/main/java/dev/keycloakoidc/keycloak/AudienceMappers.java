package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The mapper the charm makes for {@code audience}, marked with {@code markers}; no id yet. */
    static ProtocolMapper wanted(String audience, Map<String, String> markers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(CUSTOM_AUDIENCE, audience);
        config.put("access.token.claim", "true");
        config.put("introspection.token.claim", "true");
        config.put("id.token.claim", "false");
        config.putAll(markers);
        return new ProtocolMapper("", "audience " + audience, TYPE, config);
    }

    /** The mapper's representation for a POST, on its own or in a new client's {@code protocolMappers}. */
    static ObjectNode representation(String audience, Map<String, String> markers) {
        return MapperRepresentations.write(wanted(audience, markers));
    }

    /** Made by the charm: it carries every one of the (non-empty) {@code markers}. */
    static boolean owned(ProtocolMapper mapper, Map<String, String> markers) {
        return !markers.isEmpty() && markers.entrySet().stream()
                .allMatch(e -> e.getValue().equals(mapper.config().get(e.getKey())));
    }

    /**
     * How the charm's mappers among {@code actual} must change to be one per audience, each as
     * {@link #wanted} makes it (config keys Keycloak adds do not matter).
     */
    static Plan plan(List<ProtocolMapper> actual, List<String> audiences, Map<String, String> markers) {
        Set<String> matched = new LinkedHashSet<>();
        List<ProtocolMapper> stale = new ArrayList<>();
        for (ProtocolMapper mapper : actual) {
            if (!owned(mapper, markers)) {
                continue;
            }
            String audience = mapper.config().getOrDefault(CUSTOM_AUDIENCE, "");
            ProtocolMapper wanted = wanted(audience, markers);
            if (audiences.contains(audience) && !matched.contains(audience)
                    && wanted.name().equals(mapper.name()) && mapper.satisfies(wanted)) {
                matched.add(audience);
            } else {
                stale.add(mapper);
            }
        }
        return new Plan(stale, audiences.stream().filter(a -> !matched.contains(a)).toList());
    }
}
