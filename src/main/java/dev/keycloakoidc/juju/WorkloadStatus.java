package dev.keycloakoidc.juju;

/** What {@code status-set} takes: a status name Juju knows ({@code active}, {@code blocked}, ...) and a one-line message. */
public interface WorkloadStatus {

    String name();

    String message();
}
