package dev.keycloakoidc.charm;

/** An action cannot go on; the message, said to the operator by {@code action-fail}, says what to change. */
final class ActionFailure extends RuntimeException {

    ActionFailure(String message) {
        super(message);
    }
}
