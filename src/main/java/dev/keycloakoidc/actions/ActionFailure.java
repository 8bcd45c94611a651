package dev.keycloakoidc.actions;

import dev.keycloakoidc.charm.Failures;
import dev.keycloakoidc.charm.Status;

/** An action cannot go on; the message, said to the operator by {@code action-fail}, says what to change. */
final class ActionFailure extends RuntimeException {

    ActionFailure(String message) {
        super(message);
    }

    /**
     * What {@code action-fail} says for {@code failure}, the one way every action turns a failure
     * into words: an {@link ActionFailure}'s own message, or for an expected failure of Keycloak
     * (unreachable, credentials rejected, a role missing, ...) the line a hook would show as its
     * status. Anything else is a bug, and is thrown again: the process fails, with its trace.
     */
    static String messageOf(RuntimeException failure) {
        if (failure instanceof ActionFailure) {
            return failure.getMessage();
        }
        return Failures.status(failure).map(Status::message).orElseThrow(() -> failure);
    }
}
