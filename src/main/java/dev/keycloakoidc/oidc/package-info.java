/**
 * OpenID Connect and the relation interfaces, as data: discovery as Dex reads it
 * ({@link dev.keycloakoidc.oidc.Discovery}), Dex's connector
 * ({@link dev.keycloakoidc.oidc.DexConnector}), the databags of {@code oidc-provider}
 * ({@link dev.keycloakoidc.oidc.OidcProviderData}) and of {@code oauth}
 * ({@link dev.keycloakoidc.oidc.OAuthRequest}, {@link dev.keycloakoidc.oidc.OAuthProviderData},
 * {@link dev.keycloakoidc.oidc.OAuthValues}), of {@code certificate_transfer}
 * ({@link dev.keycloakoidc.oidc.SentCertificates}, {@link dev.keycloakoidc.oidc.ReceivedCertificates}),
 * of {@code kratos-external-idp} ({@link dev.keycloakoidc.oidc.KratosProvider},
 * {@link dev.keycloakoidc.oidc.KratosAnswer}), and the rules for redirect URIs and scopes.
 *
 * <p>Depends on {@code http} and {@code json} only.
 */
package dev.keycloakoidc.oidc;
