/**
 * The hooks: what the charm does with Juju's model and Keycloak, and the pieces the actions share.
 *
 * <ul>
 *   <li>{@link dev.keycloakoidc.charm.Charm}: what one hook does (teardown, standby, the secret
 *       hooks), then {@link dev.keycloakoidc.charm.Reconciler}, the leader's one idempotent pass in
 *       three steps. Read: each endpoint reads its relations into typed requests
 *       ({@link dev.keycloakoidc.charm.OidcProviderEndpoint},
 *       {@link dev.keycloakoidc.charm.DexOidcConfigEndpoint},
 *       {@link dev.keycloakoidc.charm.OAuthEndpoint},
 *       {@link dev.keycloakoidc.charm.KratosExternalIdpEndpoint}; {@link dev.keycloakoidc.charm.EndpointRequest}),
 *       which with Keycloak's clients and the charm's Juju secrets
 *       ({@link dev.keycloakoidc.charm.ClientSecrets}) make the
 *       {@link dev.keycloakoidc.charm.Facts}. Decide: {@link dev.keycloakoidc.charm.Planner} turns
 *       them into a {@link dev.keycloakoidc.charm.Plan}, with no Keycloak and no Juju. Apply:
 *       {@link dev.keycloakoidc.charm.KeycloakApply} (every Keycloak request of the reconcile) and
 *       {@link dev.keycloakoidc.charm.JujuApply} (secrets, grants, the bags each endpoint writes)
 *       carry it out, writing only what differs.</li>
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
