package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keycloakoidc.json.Json;

/**
 * Extracts Keycloak's own error text from a response body. Only the fields Keycloak uses for
 * errors are read ({@code errorMessage} from the admin API, {@code error_description} and
 * {@code error} from the OAuth endpoints), so nothing else from a body can reach a message.
 */
final class KeycloakErrors {

    private static final int MAX_LENGTH = 300;

    private KeycloakErrors() {}

    static String from(String body) {
        return first(body, "errorMessage", "error_description", "error");
    }

    /** The OAuth error code of a token endpoint's answer (RFC 6749 5.2), e.g. {@code invalid_grant}; or empty. */
    static String oauthError(String body) {
        return first(body, "error");
    }

    private static String first(String body, String... fields) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (Exception notJson) {
            return "";
        }
        if (node == null || !node.isObject()) {
            return "";
        }
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                String text = value.asText().strip();
                return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) + "..." : text;
            }
        }
        return "";
    }
}
