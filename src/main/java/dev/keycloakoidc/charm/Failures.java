package dev.keycloakoidc.charm;

import dev.keycloakoidc.http.TlsException;
import dev.keycloakoidc.http.UnreachableException;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import dev.keycloakoidc.oidc.DiscoveryException;
import java.util.Optional;

/**
 * Turns the expected failures of talking to Keycloak into the status that tells the operator what
 * to do. Anything not listed here is a bug and propagates.
 */
final class Failures {

    private Failures() {}

    static Optional<Status> status(RuntimeException failure) {
        if (failure instanceof UnreachableException e) {
            return Optional.of(new Status.Waiting("Keycloak " + e.getMessage()));
        }
        if (failure instanceof TlsException e) {
            return Optional.of(new Status.Blocked("TLS: " + e.getMessage() + "; set ca-cert or fix the certificate"));
        }
        if (failure instanceof DiscoveryException e) {
            // A 5xx is a Keycloak still starting or overloaded; any other answer needs a person.
            boolean transient_ = e.httpStatus().isPresent() && e.httpStatus().getAsInt() >= 500;
            return Optional.of(transient_ ? new Status.Waiting(e.getMessage()) : new Status.Blocked(e.getMessage()));
        }
        if (failure instanceof KeycloakApiException e) {
            return Optional.of(api(e));
        }
        return Optional.empty();
    }

    private static Status api(KeycloakApiException e) {
        int code = e.status();
        if (code == 401) {
            return new Status.Blocked("Keycloak rejected the admin credentials (401)");
        }
        if (code == 403) {
            return new Status.Blocked("admin credentials lack a role: " + e.method() + " " + e.path()
                    + " answered 403; grant the roles listed in the README");
        }
        if (code >= 500 || code == 429) {
            return new Status.Waiting("Keycloak answered " + code + " to " + e.method() + " " + e.path()
                    + "; retrying on the next hook");
        }
        return new Status.Blocked("Keycloak refused " + e.method() + " " + e.path() + " (" + code + ")"
                + (e.error().isEmpty() ? "" : ": " + e.error()));
    }
}
