package dev.keycloakoidc.charm;

import dev.keycloakoidc.http.TlsException;
import dev.keycloakoidc.http.UnreachableException;
import dev.keycloakoidc.keycloak.AdminCredentialsRejectedException;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import dev.keycloakoidc.oidc.DiscoveryException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the expected failures of talking to Keycloak into the status that tells the operator what
 * to do. Anything not listed here is a bug and propagates.
 */
public final class Failures {

    private Failures() {}

    public static Optional<Status> status(RuntimeException failure) {
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

    /** {@code /admin/realms/<realm>/<what>...}: the realm and the first segment after it. */
    private static final Pattern REALM_PATH = Pattern.compile("/admin/realms/([^/]+)(?:/([^/]+)(/.*)?)?");

    /**
     * Names the role whose absence made Keycloak refuse this request, as docs/least-privilege.md
     * lists them: the operator grants one role instead of reading Keycloak's permission model.
     */
    static String forbidden(String method, String path) {
        String refused = "(" + method + " " + path + " answered 403)";
        String docs = "(docs/least-privilege.md)";
        if (path.equals("/admin/realms") && method.equals("POST")) {
            return "admin credentials lack the create-realm role " + refused
                    + "; grant it, or create the realm in Keycloak " + docs;
        }
        if (path.equals("/admin/serverinfo")) {
            return "admin credentials hold no admin role " + refused
                    + "; grant manage-clients and manage-users for the realm " + docs;
        }
        Matcher m = REALM_PATH.matcher(path);
        if (m.matches() && m.group(2) != null) {
            String what = m.group(2);
            String rest = m.group(3) == null ? "" : m.group(3);
            String role = switch (what) {
                case "clients", "client-scopes" -> "manage-clients";
                case "groups", "group-by-path" -> "manage-users";
                case "users" -> rest.equals("/profile") && !method.equals("GET") ? "manage-realm" : "manage-users";
                case "authentication" -> "manage-realm";
                default -> null;
            };
            if (role != null) {
                return "admin credentials lack the " + role + " role for realm " + m.group(1) + " " + refused
                        + "; grant it " + docs;
            }
        }
        return "admin credentials lack a role: " + method + " " + path + " answered 403; grant the roles in "
                + "docs/least-privilege.md";
    }

    /**
     * The same line whatever status Keycloak's version answers the sign-in with (401, or 400 from
     * 26.6 on for a wrong password): Keycloak's reason, and the keys of the secret to fix.
     */
    private static Status rejected(AdminCredentialsRejectedException e) {
        String keys = e.serviceAccount() ? "client-id and client-secret" : "username and password";
        return new Status.Blocked("Keycloak rejected the admin credentials" + (e.reason().isEmpty() ? "" : " (" + e.reason() + ")")
                + "; fix " + keys + " in the admin-credentials secret");
    }

    private static Status api(KeycloakApiException e) {
        if (e instanceof AdminCredentialsRejectedException rejected) {
            return rejected(rejected);
        }
        int code = e.status();
        // An admin request refused even with a token just issued (AdminHttp retries once).
        if (code == 401) {
            return new Status.Blocked("Keycloak rejected the admin credentials (401)");
        }
        if (code == 403) {
            return new Status.Blocked(forbidden(e.method(), e.path()));
        }
        if (code >= 500 || code == 429) {
            return new Status.Waiting("Keycloak answered " + code + " to " + e.method() + " " + e.path()
                    + "; retrying on the next hook");
        }
        return new Status.Blocked("Keycloak refused " + e.method() + " " + e.path() + " (" + code + ")"
                + (e.error().isEmpty() ? "" : ": " + e.error()));
    }
}
