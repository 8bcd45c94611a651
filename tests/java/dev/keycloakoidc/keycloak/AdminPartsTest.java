package dev.keycloakoidc.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.json.Json;
import java.time.Instant;
import java.util.Optional;
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
    void oauthError_isTheErrorCodeAlone() {
        assertEquals("invalid_grant", KeycloakErrors.oauthError(
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}"));
        assertEquals("", KeycloakErrors.oauthError("{\"errorMessage\":\"Realm not found.\"}"));
        assertEquals("", KeycloakErrors.oauthError("<html>s3cret</html>"));
    }

    /** Keycloak's answers measured on 26.4.0, 26.5.6 and 26.7.3 (KeycloakAdminIT pins them per version). */
    @Test
    void tokenAnswers_thatRejectTheCredentials() {
        assertTrue(AdminCredentialsRejectedException.rejects(401, "invalid_grant"), "wrong password up to 26.5");
        assertTrue(AdminCredentialsRejectedException.rejects(400, "invalid_grant"), "wrong password from 26.6, disabled user");
        assertTrue(AdminCredentialsRejectedException.rejects(401, "unauthorized_client"), "wrong client secret");
        assertTrue(AdminCredentialsRejectedException.rejects(401, "invalid_client"), "unknown or disabled client");
        assertTrue(AdminCredentialsRejectedException.rejects(400, "unauthorized_client"));
        assertTrue(AdminCredentialsRejectedException.rejects(401, ""), "any 401 of the token endpoint");
        assertFalse(AdminCredentialsRejectedException.rejects(400, "invalid_request"), "a malformed request");
        assertFalse(AdminCredentialsRejectedException.rejects(400, ""));
        assertFalse(AdminCredentialsRejectedException.rejects(404, ""), "no such admin realm");
        assertFalse(AdminCredentialsRejectedException.rejects(503, ""));
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
        assertEquals("client-secret-rotation", ServerInfo.featureId("CLIENT_SECRET_ROTATION"));
        assertTrue(new ServerInfo(Optional.of("26.5.6"), Set.of(ServerInfo.featureId("CLIENT_SECRET_ROTATION")))
                .secretRotationEnabled());
    }
}
