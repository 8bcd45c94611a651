package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * From {@code GET /admin/serverinfo}: the version and the enabled features (lower-case ids).
 *
 * @param version Keycloak's version; empty where Keycloak does not tell these credentials. From
 *        26.7 on it leaves {@code systemInfo} out for an account that cannot manage its own
 *        (admin) realm, such as docs/least-privilege.md's service account; up to 26.6 every
 *        account of {@code master} got it. The features are there for all (measured on 26.4.0,
 *        26.5.6, 26.7.3).
 */
public record ServerInfo(Optional<String> version, Set<String> enabledFeatures) {

    public boolean secretRotationEnabled() {
        return enabledFeatures.contains("client-secret-rotation") || enabledFeatures.contains("client_secret_rotation");
    }

    /** {@code GET /admin/serverinfo}; feature ids as {@code --features} spells them ({@code client-secret-rotation}). */
    static ServerInfo read(AdminHttp http) {
        URI url = http.admin("serverinfo");
        JsonNode info = http.expectJson("GET", url, http.get(url), 200);
        Set<String> enabled = new LinkedHashSet<>();
        for (JsonNode feature : info.path("features")) {
            if (feature.path("enabled").asBoolean(false)) {
                enabled.add(featureId(feature.path("name").asText()));
            }
        }
        String version = info.path("systemInfo").path("version").asText("");
        return new ServerInfo(version.isBlank() ? Optional.empty() : Optional.of(version), Set.copyOf(enabled));
    }

    /** Keycloak's serverinfo says {@code CLIENT_SECRET_ROTATION}; operators type {@code client-secret-rotation}. */
    static String featureId(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
