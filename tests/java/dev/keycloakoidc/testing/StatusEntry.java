package dev.keycloakoidc.testing;

/** A unit or application status as {@code status-set} left it. */
public record StatusEntry(String status, String message) {

    /** What Juju shows before the charm says anything. */
    static final StatusEntry UNKNOWN = new StatusEntry("unknown", "");
}
