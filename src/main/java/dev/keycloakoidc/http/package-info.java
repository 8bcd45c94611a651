/**
 * HTTP and TLS as the charm needs them, on the JDK's {@link java.net.HttpURLConnection}:
 * {@link dev.keycloakoidc.http.HttpTransport} (bounded times, no redirects, a POST never resent),
 * made by {@link dev.keycloakoidc.http.HttpClients}; trust as Go (and so Dex) decides it
 * ({@link dev.keycloakoidc.http.ServerTrust}, {@link dev.keycloakoidc.http.HostNames},
 * {@link dev.keycloakoidc.http.CertificateProbe}); URLs ({@link dev.keycloakoidc.http.HttpUrl},
 * {@link dev.keycloakoidc.http.Urls}); and failures in words fit for a status
 * ({@link dev.keycloakoidc.http.HttpFailures}: {@link dev.keycloakoidc.http.UnreachableException},
 * {@link dev.keycloakoidc.http.TlsException}).
 *
 * <p>Depends on no other package of the charm.
 */
package dev.keycloakoidc.http;
