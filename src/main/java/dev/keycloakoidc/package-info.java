/**
 * The entry point, and nothing else: {@link dev.keycloakoidc.Main}, which {@code dispatch} execs
 * for every hook and action. It reads Juju's environment once, then runs an action
 * ({@link dev.keycloakoidc.actions}) or a hook ({@link dev.keycloakoidc.charm}), and turns the
 * outcome into the exit code Juju acts on.
 *
 * <p>Depends on {@code actions}, {@code charm} and {@code juju}; nothing depends on it but the
 * AOT training, which runs it at build time.
 */
package dev.keycloakoidc;
