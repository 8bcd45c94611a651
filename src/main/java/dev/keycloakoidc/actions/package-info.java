/**
 * The operator's actions ({@code actions.yaml}): each checks its parameters before it reads
 * anything, does its work, and sets its results, or fails with one line that says what to change.
 *
 * <ul>
 *   <li>{@link dev.keycloakoidc.actions.Actions}: the dispatcher, and the one place a failure
 *       becomes {@code action-fail} ({@link dev.keycloakoidc.actions.ActionFailure#messageOf}:
 *       an action's own refusal, or the status line of an expected Keycloak failure).</li>
 *   <li>{@link dev.keycloakoidc.actions.ActionParameters}: the parameter rules every action shares
 *       (one username rule and its one message, e-mail, names, password, {@code groups} through
 *       {@link dev.keycloakoidc.actions.GroupNames}, {@code client}); pure, and held at 85% of
 *       PIT's mutants killed by the unit tests (README, "Mutation testing").</li>
 *   <li>{@code create-user} ({@link dev.keycloakoidc.actions.CreateUser},
 *       {@link dev.keycloakoidc.actions.Passwords}), {@code add-user-to-groups} and
 *       {@code remove-user-from-groups} ({@link dev.keycloakoidc.actions.UserGroups}), both over
 *       {@link dev.keycloakoidc.actions.TopLevelGroups} and with the result keys of
 *       {@link dev.keycloakoidc.actions.UserResults}.</li>
 *   <li>{@code rotate-secret} ({@link dev.keycloakoidc.actions.RotateSecret}) and
 *       {@code get-connector} ({@link dev.keycloakoidc.actions.GetConnector}), both finding their
 *       clients with {@link dev.keycloakoidc.actions.ManagedClients}.</li>
 * </ul>
 *
 * <p>Depends on {@code charm} (config and credentials, failures as statuses, ownership markers,
 * secret rotation), {@code juju}, {@code keycloak} and {@code oidc}; only {@link dev.keycloakoidc.Main}
 * depends on it. {@code charm} never names this package.
 */
package dev.keycloakoidc.actions;
