/**
 * The hooks: what the charm does with Juju's model and Keycloak, and the pieces the actions share.
 *
 * <ul>
 *   <li>{@link dev.keycloakoidc.charm.Charm}: what one hook does (teardown, standby, the secret
 *       hooks), then {@link dev.keycloakoidc.charm.Reconciler}, the leader's one idempotent pass:
 *       consumers from every endpoint ({@link dev.keycloakoidc.charm.Consumers},
 *       {@link dev.keycloakoidc.charm.OAuthConsumers}), their clients, scopes
 *       ({@link dev.keycloakoidc.charm.ScopeGrants}, {@link dev.keycloakoidc.charm.GroupsScope})
 *       and secrets ({@link dev.keycloakoidc.charm.ClientSecrets}), what each relation is told
 *       ({@link dev.keycloakoidc.charm.OAuthPublisher}).</li>
 *   <li>Shared with the actions: {@link dev.keycloakoidc.charm.Prerequisites} (valid
 *       {@link dev.keycloakoidc.charm.CharmConfig} and readable admin credentials,
 *       {@link dev.keycloakoidc.charm.AdminSecret}), {@link dev.keycloakoidc.charm.Failures}
 *       (an expected failure as the {@link dev.keycloakoidc.charm.Status} that names the fix),
 *       {@link dev.keycloakoidc.charm.Ownership} (the markers of what the charm made) and
 *       {@link dev.keycloakoidc.charm.ClientRotation} (the one way a client secret is rotated, by
 *       {@code rotate-secret} and by {@link dev.keycloakoidc.charm.ScheduledRotation}).</li>
 * </ul>
 *
 * <p>Depends on {@code juju}, {@code keycloak}, {@code oidc} and {@code http}; never on
 * {@code actions} (which depends on this package) or on the entry point.
 */
package dev.keycloakoidc.charm;
