/**
 * Keycloak's admin REST API, as much of it as the charm needs; the only code that calls it.
 *
 * <ul>
 *   <li>{@link dev.keycloakoidc.keycloak.KeycloakAdmin}: a session ({@code connect}, signs in on
 *       first use, ends a password sign-in's session on {@code close}) that hands out the parts of
 *       the API, each a small class: {@link dev.keycloakoidc.keycloak.KeycloakRealms},
 *       {@link dev.keycloakoidc.keycloak.KeycloakClients},
 *       {@link dev.keycloakoidc.keycloak.KeycloakUsers},
 *       {@link dev.keycloakoidc.keycloak.KeycloakClientScopes},
 *       {@link dev.keycloakoidc.keycloak.KeycloakGroups} and
 *       {@link dev.keycloakoidc.keycloak.KeycloakClientPolicies}.</li>
 *   <li>{@code AdminHttp}: the transport under them all: the token and its renewal, the request
 *       counter, "expect this status", "GET, 404 is empty" and "DELETE, 404 is done".</li>
 *   <li>Representations: what the charm wants ({@link dev.keycloakoidc.keycloak.ClientSpec},
 *       {@link dev.keycloakoidc.keycloak.UserSpec}, {@link dev.keycloakoidc.keycloak.ClientScope},
 *       {@link dev.keycloakoidc.keycloak.ProtocolMapper}) and what Keycloak has
 *       ({@link dev.keycloakoidc.keycloak.KeycloakClient},
 *       {@link dev.keycloakoidc.keycloak.ServerInfo}), with their JSON in
 *       {@code ClientRepresentations}, {@code MapperRepresentations}, {@code AudienceMappers} and
 *       {@code ClientPolicies}.</li>
 *   <li>Failures: {@link dev.keycloakoidc.keycloak.KeycloakApiException} (an unexpected status,
 *       with Keycloak's own words from {@code KeycloakErrors}) and
 *       {@link dev.keycloakoidc.keycloak.AdminCredentialsRejectedException}.</li>
 * </ul>
 *
 * <p>Lookups return {@link java.util.Optional}; mutations throw. Depends on {@code http} and
 * {@code json} only: it knows nothing of Juju.
 */
package dev.keycloakoidc.keycloak;
