package dev.keycloakoidc.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A committed secret as a test sees it after a hook.
 *
 * @param uri             {@code secret:<id>}
 * @param ownerKind       {@code application}, {@code unit} or {@code model} (a user secret)
 * @param rotate          the rotation policy as set ({@code --rotate}); empty when never set
 * @param rotates         when Juju runs {@code secret-rotate} next; empty when the policy does not rotate
 * @param relationGrants  {@code endpoint:N} -> remote application it was granted to
 * @param tracked         consuming unit -> revision it tracks
 */
public record SecretSnapshot(String uri, String ownerKind, String owner, Optional<String> label, Optional<String> description,
                             Optional<String> rotate, Optional<Instant> rotates, Optional<String> expire, Map<Integer, Map<String, String>> revisions,
                             Map<String, String> relationGrants, Set<String> appGrants, Map<String, Integer> tracked,
                             Map<String, String> consumerLabels) {

    public int latestRevision() {
        return revisions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Content of the latest revision. */
    public Map<String, String> content() {
        return revisions.getOrDefault(latestRevision(), Map.of());
    }

    /** Whether {@code app} may read it (owner, direct grant or relation grant). */
    public boolean grantedTo(String app) {
        return appGrants.contains(app) || relationGrants.containsValue(app);
    }
}
