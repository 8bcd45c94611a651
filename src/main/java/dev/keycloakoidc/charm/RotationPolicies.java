package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.RotatePolicy;
import java.util.List;
import java.util.Optional;

/**
 * Which client secrets the {@code secret-rotation} option applies to: those a consumer reads from
 * the Juju secret, which is every endpoint but {@code dex-oidc-config}. Stock dex-auth
 * ({@code dex-oidc-config}) keeps the secret in its own config, where the operator put it from
 * {@code get-connector}: a rotation on a schedule would break its logins until someone copied the
 * secret again, so its clients never get a policy (the operator rotates them with
 * {@code rotate-secret}).
 */
final class RotationPolicies {

    private RotationPolicies() {}

    /** The policy {@code consumer}'s client secret carries. */
    static RotatePolicy policyFor(Consumer consumer, RotatePolicy configured) {
        return readsJujuSecret(consumer) ? configured : RotatePolicy.NEVER;
    }

    /** True when at least one of its relations is on an endpoint that hands it the Juju secret. */
    private static boolean readsJujuSecret(Consumer consumer) {
        return consumer.requests().stream()
                .anyMatch(r -> !r.relation().endpoint().equals(DexOidcConfigEndpoint.NAME));
    }

    /**
     * For the active status, when rotation is on and leaves clients out, e.g.
     * {@code secret-rotation skips dex-auth (dex-oidc-config: its secret is in Dex's config)}.
     */
    static Optional<String> skipped(List<Consumer> consumers, RotatePolicy configured) {
        if (configured == RotatePolicy.NEVER) {
            return Optional.empty();
        }
        List<String> skipped = consumers.stream().filter(c -> !readsJujuSecret(c)).map(Consumer::appName).sorted().toList();
        if (skipped.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("secret-rotation skips " + String.join(", ", skipped) + " (" + DexOidcConfigEndpoint.NAME + ": "
                + (skipped.size() == 1 ? "its secret is" : "their secrets are") + " in Dex's config)");
    }
}
