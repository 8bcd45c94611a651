package dev.keycloakoidc.testing;

import java.util.Optional;

/**
 * Where the Keycloak versions the charm supports (26.4 to 26.7) really differ, for the tests that
 * assert what the version they run against ({@link KeycloakServer#version()}) does. Each was
 * measured on 26.4.0, 26.5.6 and 26.7.3 (the versions the tests run against); the release that
 * brought it was read from Keycloak's own classes of 26.6.0 and 26.7.0 ({@code keycloak-services}).
 */
public final class KeycloakChanges {

    private KeycloakChanges() {}

    /**
     * The token endpoint's status for a wrong password or an unknown user ({@code invalid_grant},
     * "Invalid user credentials"): 401 up to 26.5; 400 from 26.6 on, as RFC 6749 5.2 has it. A
     * wrong client secret stays 401 on every version.
     */
    public static int wrongPasswordStatus() {
        return KeycloakServer.atLeast(26, 6) ? 400 : 401;
    }

    /**
     * The version {@code /admin/serverinfo} tells an account of {@code master} that cannot manage
     * {@code master} (docs/least-privilege.md's service account): the version up to 26.6, where
     * every account got {@code systemInfo}; none from 26.7 on, which leaves {@code systemInfo} out.
     */
    public static Optional<String> serverInfoVersionForLeastPrivilege() {
        return KeycloakServer.atLeast(26, 7) ? Optional.empty() : Optional.of(KeycloakServer.version());
    }

    /**
     * Whether the secret-rotation executor adds a secret's lifetime to its creation time as a
     * 32-bit number, so that the largest lifetime wraps {@code client.secret.expiration.time} to a
     * negative number ("no expiry"): up to 26.6. From 26.7 on the sum is 64-bit (year 2094 for a
     * secret made now).
     */
    public static boolean secretExpiryWraps() {
        return !KeycloakServer.atLeast(26, 7);
    }
}
