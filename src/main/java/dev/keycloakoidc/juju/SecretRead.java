package dev.keycloakoidc.juju;

/** How {@code secret-get} moves this unit's tracked revision. */
public enum SecretRead {
    /** Plain read: the first read pins the tracked revision. */
    TRACKED,
    /** {@code --peek}: read the latest revision once, tracking nothing. */
    PEEK,
    /** {@code --refresh}: read the latest revision and track it from now on. */
    REFRESH
}
