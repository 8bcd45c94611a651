package dev.keycloakoidc.juju;

import java.util.Locale;
import java.util.Optional;

/**
 * Juju's rotation policies for a secret ({@code secret-add} and {@code secret-set --rotate}).
 * When one other than {@link #NEVER} is due, Juju runs {@code secret-rotate} on the owner's
 * leader, and keeps running it until the owner makes a new revision.
 */
public enum RotatePolicy {
    NEVER, HOURLY, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY;

    /** As Juju spells it, in argv and in {@code secret-info-get}: {@code daily}. */
    public String jujuName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy Juju spells {@code name}, or empty: Juju takes only its exact lower-case names. */
    public static Optional<RotatePolicy> of(String name) {
        for (RotatePolicy policy : values()) {
            if (policy.jujuName().equals(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
