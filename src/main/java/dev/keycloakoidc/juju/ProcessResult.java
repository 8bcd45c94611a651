package dev.keycloakoidc.juju;

/** What a finished hook tool left behind. */
public record ProcessResult(int exitCode, String stdout, String stderr) {}
