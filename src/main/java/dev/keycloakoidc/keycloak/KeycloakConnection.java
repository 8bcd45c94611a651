package dev.keycloakoidc.keycloak;

import java.net.URI;
import java.util.Optional;

/**
 * Where and as whom to reach the admin API.
 *
 * @param baseUrl     {@code keycloak-url}, e.g. {@code https://keycloak.example.com} (no {@code /admin})
 * @param adminRealm  the realm the credentials belong to
 * @param caPem       extra CAs to trust ({@code ca-cert}), empty for the system's alone
 */
public record KeycloakConnection(URI baseUrl, String adminRealm, AdminCredentials credentials,
                                 Optional<String> caPem) {}
