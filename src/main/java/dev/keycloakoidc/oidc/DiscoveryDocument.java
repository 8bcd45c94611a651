package dev.keycloakoidc.oidc;

import java.util.Optional;

/** The fields of an issuer's {@code .well-known/openid-configuration} that consumers need. */
public record DiscoveryDocument(String issuer, String authorizationEndpoint, String tokenEndpoint,
                                Optional<String> userinfoEndpoint, String jwksUri,
                                Optional<String> introspectionEndpoint) {}
