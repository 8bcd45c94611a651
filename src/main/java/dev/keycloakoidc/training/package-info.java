/**
 * The AOT training, a build step: {@code tools/pack-charm} runs
 * {@link dev.keycloakoidc.training.Training} through {@code dispatch} to record the AOT caches
 * from the real {@link dev.keycloakoidc.Main} on the hooks of
 * {@link dev.keycloakoidc.training.Scenario}, against canned hook tools
 * ({@link dev.keycloakoidc.training.CannedJuju}) and a loopback Keycloak
 * ({@link dev.keycloakoidc.training.CannedKeycloak}). In the charm's jar, but no hook loads it.
 *
 * <p>Depends on the entry point, {@code juju}, {@code http} and {@code json}; nothing depends on it.
 */
package dev.keycloakoidc.training;
