package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keycloakoidc.juju.RotatePolicy;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** keycloak-url as Keycloak will name itself in the issuer the charm publishes by default; secret-rotation. */
class CharmConfigTest {

    @ParameterizedTest
    @CsvSource({
        "https://Keycloak.Example.COM:443/,  https://keycloak.example.com",
        "http://keycloak.keycloak.svc:80,    http://keycloak.keycloak.svc",
        "http://keycloak.keycloak.svc:8080,  http://keycloak.keycloak.svc:8080",
        "https://kc.example.com:8443/auth//, https://kc.example.com:8443/auth",
        "https://[::1]:8443,                 https://[::1]:8443",
        // RFC 3986: the scheme is case-insensitive
        "HTTPS://Keycloak.Example.com,       https://keycloak.example.com",
        "Http://KC.example.com:80/auth/,     http://kc.example.com/auth",
    })
    void keycloakUrl_isCanonical_andTheDefaultIssuerFollowsIt(String configured, String canonical) {
        CharmConfig config = valid(CharmConfig.parse(config(configured)));

        assertEquals(URI.create(canonical), config.keycloakUrl());
        assertEquals(canonical + "/realms/kubeflow", config.issuer());
    }

    @Test
    void anIssuerWithAnUpperCaseScheme_isTakenAsGiven() {
        Map<String, Object> raw = config("https://keycloak.example.com");
        raw.put("issuer", "HTTPS://Keycloak.Example.com/realms/kubeflow");

        assertEquals("HTTPS://Keycloak.Example.com/realms/kubeflow", valid(CharmConfig.parse(raw)).issuer());
    }

    @ParameterizedTest
    @CsvSource({"never, NEVER", "hourly, HOURLY", "daily, DAILY", "weekly, WEEKLY", "monthly, MONTHLY",
        "quarterly, QUARTERLY", "yearly, YEARLY", "' monthly\n', MONTHLY"})
    void secretRotation_takesJujusPolicies(String configured, RotatePolicy policy) {
        Map<String, Object> raw = config("https://keycloak.example.com");
        raw.put("secret-rotation", configured);

        assertEquals(policy, valid(CharmConfig.parse(raw)).secretRotation());
    }

    /** Juju always passes it with its default; a config without it (one from before the option) never rotates. */
    @Test
    void secretRotation_absent_isNever() {
        Map<String, Object> raw = config("https://keycloak.example.com");
        raw.remove("secret-rotation");

        assertEquals(RotatePolicy.NEVER, valid(CharmConfig.parse(raw)).secretRotation());
    }

    /** Juju's names only, exactly: secret-add --rotate would refuse anything else. */
    @ParameterizedTest
    @ValueSource(strings = {"", "Daily", "DAILY", "24h", "biweekly", "1d", "never daily"})
    void secretRotation_otherValues_areOneProblemNamingThePolicies(String configured) {
        Map<String, Object> raw = config("https://keycloak.example.com");
        raw.put("secret-rotation", configured);

        CharmConfig.Parsed parsed = CharmConfig.parse(raw);

        assertEquals(new CharmConfig.Invalid(List.of("secret-rotation must be one of never, hourly, daily, weekly, "
                + "monthly, quarterly, yearly; got '" + configured + "'")), parsed);
    }

    private static CharmConfig valid(CharmConfig.Parsed parsed) {
        if (parsed instanceof CharmConfig.Invalid invalid) {
            fail("refused: " + invalid.problems());
        }
        return ((CharmConfig.Valid) parsed).config();
    }

    private static Map<String, Object> config(String keycloakUrl) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("keycloak-url", keycloakUrl);
        raw.put("admin-credentials", "secret:d0000000000000000000");
        raw.put("admin-realm", "master");
        raw.put("realm", "kubeflow");
        raw.put("issuer", "");
        raw.put("scopes", "openid profile email");
        raw.put("username-key", "preferred_username");
        raw.put("connector-id", "keycloak");
        raw.put("connector-name", "Keycloak");
        raw.put("ca-cert", "");
        raw.put("secret-rotation", "never");
        return raw;
    }
}
