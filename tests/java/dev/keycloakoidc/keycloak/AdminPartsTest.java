package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.json.Json;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The small pieces under {@link KeycloakAdmin}: error text, token expiry, feature ids. */
class AdminPartsTest {

    @Test
    void errors_preferAdminErrorMessage_thenOAuthDescription_thenError() {
        assertEquals("User exists with same username",
                KeycloakErrors.from("{\"errorMessage\":\"User exists with same username\"}"));
        assertEquals("Invalid password: minimum length 12.", KeycloakErrors.from(
                "{\"error\":\"invalidPasswordMinLengthMessage\",\"error_description\":\"Invalid password: minimum length 12.\"}"));
        assertEquals("Realm not found.", KeycloakErrors.from("{\"error\":\"Realm not found.\"}"));
    }

    @Test
    void errors_neverEchoOtherFieldsOrNonJson() {
        assertEquals("", KeycloakErrors.from("{\"value\":\"s3cret\"}"));
        assertEquals("", KeycloakErrors.from("<html>s3cret</html>"));
        assertEquals("", KeycloakErrors.from(""));
        assertEquals("", KeycloakErrors.from("[\"s3cret\"]"));
    }

    @Test
    void token_isReplacedTenSecondsBeforeItExpires() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        AccessToken token = new AccessToken("t0k3n", now.plusSeconds(60));
        assertTrue(token.usableAt(now.plusSeconds(49)));
        assertFalse(token.usableAt(now.plusSeconds(50)));
        assertFalse(token.toString().contains("t0k3n"));
    }

    @Test
    void featureIds_areSpelledAsKcShFeaturesTakesThem() {
        assertEquals("client-secret-rotation", KeycloakAdmin.featureId("CLIENT_SECRET_ROTATION"));
        assertTrue(new ServerInfo("26.5.6", Set.of(KeycloakAdmin.featureId("CLIENT_SECRET_ROTATION")))
                .secretRotationEnabled());
    }
}
