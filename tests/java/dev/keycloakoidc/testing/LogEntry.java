package dev.keycloakoidc.testing;

/** One {@code juju-log} line. */
public record LogEntry(String unit, String level, String message) {}
