package dev.keycloakoidc.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Juju secret as the controller holds it: owner, revisions, grants, and, per consuming unit,
 * the revision it tracks and the label it gave the secret. Copied whole at hook start, like the
 * rest of {@link ModelData}, because Juju commits secret changes only when the hook succeeds.
 */
final class SecretData {

    /** {@code application}, {@code unit} (as Juju's secret-info-get prints them) or {@code model} for a user secret. */
    final String ownerKind;
    /** The owning application, unit or model name. */
    final String ownerName;
    final String id;
    String label;
    String description;
    String expire;
    /** The rotation policy as set ({@code --rotate}); null when never set, which Juju shows as nothing. */
    String rotate;
    /** When Juju runs {@code secret-rotate} next ({@code rotates} in secret-info-get); null for no rotation. */
    Instant rotates;
    final TreeMap<Integer, Map<String, String>> revisions;
    /** relation number -> remote application it was granted to. */
    final TreeMap<Integer, String> relationGrants;
    /** Applications granted directly (a user secret by {@code juju grant-secret}). */
    final TreeSet<String> appGrants;
    /** Consuming unit -> tracked revision. */
    final TreeMap<String, Integer> tracked;
    /** Consuming unit -> its label for the secret. */
    final TreeMap<String, String> consumerLabels;
    /** The hook context that added it with secret-add, or null for a secret the test set up. */
    String addedIn;

    SecretData(String id, String ownerKind, String ownerName) {
        this(id, ownerKind, ownerName, new TreeMap<>(), new TreeMap<>(), new TreeSet<>(), new TreeMap<>(), new TreeMap<>());
    }

    private SecretData(String id, String ownerKind, String ownerName, TreeMap<Integer, Map<String, String>> revisions,
                       TreeMap<Integer, String> relationGrants, TreeSet<String> appGrants, TreeMap<String, Integer> tracked,
                       TreeMap<String, String> consumerLabels) {
        this.id = id;
        this.ownerKind = ownerKind;
        this.ownerName = ownerName;
        this.revisions = revisions;
        this.relationGrants = relationGrants;
        this.appGrants = appGrants;
        this.tracked = tracked;
        this.consumerLabels = consumerLabels;
    }

    /**
     * The short form, {@code secret:<id>}: what Juju passes in a secret hook's
     * {@code JUJU_SECRET_ID} and what {@code juju add-secret} prints. (The hook tool
     * {@code secret-add} prints the full form, {@code secret://<model-uuid>/<id>}.)
     */
    String uri() {
        return "secret:" + id;
    }

    boolean addedIn(String contextId) {
        return contextId.equals(addedIn);
    }

    int latest() {
        return revisions.isEmpty() ? 0 : revisions.lastKey();
    }

    int addRevision(Map<String, String> content) {
        int rev = latest() + 1;
        revisions.put(rev, new LinkedHashMap<>(content));
        return rev;
    }

    boolean ownedBy(String app, String unit) {
        return ("application".equals(ownerKind) && ownerName.equals(app)) || ("unit".equals(ownerKind) && ownerName.equals(unit));
    }

    boolean readableBy(String app, String unit) {
        return ownedBy(app, unit) || appGrants.contains(app) || relationGrants.containsValue(app);
    }

    Optional<String> labelFor(String app, String unit) {
        return ownedBy(app, unit) ? Optional.ofNullable(label) : Optional.ofNullable(consumerLabels.get(unit));
    }

    /** How long Juju waits to run secret-rotate again when the hook made no new revision. */
    static final Duration ROTATE_RETRY_DELAY = Duration.ofMinutes(5);

    /**
     * {@code --rotate} as Juju's controller takes it: a new policy that rotates is due one period
     * from now, the same policy keeps its schedule, {@code never} has none.
     */
    void setRotate(String policy, Instant now) {
        if (!policy.equals(rotate) || rotates == null) {
            rotates = nextRotation(policy, now, now);
        }
        rotate = policy;
    }

    /** Juju's {@code RotatePolicy.NextRotateTime}: one period after {@code last}, not before {@code now}; null for never. */
    static Instant nextRotation(String policy, Instant last, Instant now) {
        ZonedDateTime from = last.atZone(ZoneOffset.UTC);
        ZonedDateTime next = switch (policy) {
            case "hourly" -> from.plusHours(1);
            case "daily" -> from.plusDays(1);
            case "weekly" -> from.plusDays(7);
            case "monthly" -> from.plusMonths(1);
            case "quarterly" -> from.plusMonths(3);
            case "yearly" -> from.plusYears(1);
            default -> null;
        };
        if (next == null) {
            return null;
        }
        Instant at = next.toInstant();
        return at.isBefore(now) ? now : at;
    }

    SecretData copy() {
        TreeMap<Integer, Map<String, String>> revs = new TreeMap<>();
        revisions.forEach((k, v) -> revs.put(k, new LinkedHashMap<>(v)));
        SecretData c = new SecretData(id, ownerKind, ownerName, revs, new TreeMap<>(relationGrants), new TreeSet<>(appGrants),
                new TreeMap<>(tracked), new TreeMap<>(consumerLabels));
        c.label = label;
        c.description = description;
        c.expire = expire;
        c.rotate = rotate;
        c.rotates = rotates;
        c.addedIn = addedIn;
        return c;
    }
}
