package dev.keycloakoidc.juju;

/** The levels {@code juju-log --log-level} accepts. */
public enum LogLevel { TRACE, DEBUG, INFO, WARNING, ERROR }
