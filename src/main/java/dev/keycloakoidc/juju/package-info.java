/**
 * Juju, through its hook tools only: {@link dev.keycloakoidc.juju.HookTools} (one method per tool,
 * the only code that builds their argv) over the one process seam,
 * {@link dev.keycloakoidc.juju.ProcessRunner}; {@link dev.keycloakoidc.juju.Juju}, the typed view
 * of the model the charm uses (config, leadership, relations, secrets, statuses, actions);
 * {@link dev.keycloakoidc.juju.JujuContext}, what Juju said through the environment; and the
 * failures of a tool as Juju words them ({@link dev.keycloakoidc.juju.HookToolErrors}).
 *
 * <p>Depends on {@code json} only: it knows nothing of Keycloak.
 */
package dev.keycloakoidc.juju;
