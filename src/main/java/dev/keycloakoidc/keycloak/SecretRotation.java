package dev.keycloakoidc.keycloak;

import java.time.Duration;

/**
 * The configuration of Keycloak's {@code secret-rotation} client-policy executor
 * ({@code ClientSecretRotationExecutorFactory}; preview feature {@code client-secret-rotation}).
 * Keycloak reads each value as a Java {@code int} of seconds: larger numbers are refused with
 * 500 {@code Cannot parse the JSON}, and it refuses (400) a lifetime of 0 or less and a grace
 * period or remaining period longer than the lifetime.
 *
 * @param gracePeriod {@code rotated-expiration-period}: how long the previous secret keeps working
 *        after a regenerate; zero drops it at once
 * @param secretLifetime {@code expiration-period}: when the current secret stops working unless it
 *        is rotated before; see {@link #CHARM} for why the charm uses the largest value
 * @param remainingRotationPeriod {@code remaining-rotation-period}: used only by dynamic client
 *        registration updates, which rotate a secret this close to its end; the charm uses none
 */
public record SecretRotation(Duration gracePeriod, Duration secretLifetime, Duration remainingRotationPeriod) {

    /** The largest number Keycloak accepts for any of the three values. */
    public static final Duration MAX = Duration.ofSeconds(Integer.MAX_VALUE);

    /**
     * What the charm asks for: a 24 h grace period (the Juju secret's new revision reaches the
     * consumers in that time, and {@code rotate-secret} reports the end of it), the largest lifetime
     * Keycloak accepts, and no early rotation.
     *
     * <p>Why the largest lifetime: the charm must never let a secret silently expire, and Keycloak
     * refuses an expired main secret at the token endpoint (401 {@code unauthorized_client}); an
     * ordinary admin update of a client whose secret has expired also silently regenerates it.
     * Measured on Keycloak 26.4 and 26.5: Keycloak adds the lifetime to the current time as a
     * 32-bit epoch second, so {@code 2^31-1} s wraps to a negative
     * {@code client.secret.expiration.time}, which Keycloak treats as "no expiry" (the secret never
     * expires; the executor writes that value again on each token request and client update). Any
     * lifetime reaching past 2038-01-19 wraps the same way; a shorter one (10 years ends in 2036)
     * would be a time bomb the charm had to defuse by rotating (26.6 still does that). From 26.7 on
     * Keycloak adds them as 64-bit numbers (its fix of that overflow): the secret then expires {@code 2^31-1} s, 68 years,
     * after it was made, which is as good as never. Either way the secret outlives the deployment.
     */
    public static final SecretRotation CHARM = new SecretRotation(Duration.ofHours(24), MAX, Duration.ZERO);

    public SecretRotation {
        requireSeconds("gracePeriod", gracePeriod);
        requireSeconds("secretLifetime", secretLifetime);
        requireSeconds("remainingRotationPeriod", remainingRotationPeriod);
        if (secretLifetime.isZero()) {
            throw new IllegalArgumentException("secretLifetime must be positive");
        }
        if (gracePeriod.compareTo(secretLifetime) > 0 || remainingRotationPeriod.compareTo(secretLifetime) > 0) {
            throw new IllegalArgumentException("gracePeriod and remainingRotationPeriod must not exceed secretLifetime");
        }
    }

    private static void requireSeconds(String name, Duration value) {
        if (value == null || value.isNegative() || value.compareTo(MAX) > 0 || value.getNano() != 0) {
            throw new IllegalArgumentException(name + " must be whole seconds from 0 to " + Integer.MAX_VALUE
                    + ", was " + value);
        }
    }
}
