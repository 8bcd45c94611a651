package dev.keycloakoidc.juju;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Juju secret, whichever of Juju's spellings names it. Juju 3.x's {@code secret-add} prints
 * {@code secret://<model-uuid>/<id>} (3.1 printed {@code secret:<id>}), {@code secret-ids} and the
 * keys of {@code secret-info-get} are bare ids, and a secret hook's {@code JUJU_SECRET_ID} may be
 * either URI: all of them are the same secret when their ids are equal. The charm hands consumers
 * one form, {@link #inModel}, from the first hook on, as {@code ops} charms do: a consumer in
 * another model would resolve {@code secret:<id>} in its own model.
 */
public final class SecretUri {

    /** Juju's {@code uuidSnippet}: a model UUID, lowercase hex. */
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /**
     * The forms Juju's {@code ParseURI} (juju/juju {@code core/secrets/secret.go}) accepts: the
     * scheme {@code secret:} or none; the source model's UUID as the host
     * ({@code secret://<uuid>/<id>}) or as a path segment ({@code secret:<uuid>/<id>},
     * {@code <uuid>/<id>}); and the id, Juju's {@code idSnippet} {@code [0-9a-z]{20}} (an xid).
     * {@code secret://<id>} is refused, as Juju refuses a host that is no UUID.
     */
    private static final Pattern FORMS = Pattern.compile(
            "(?:secret://(" + UUID + ")/|(?:secret:)?(?:(" + UUID + ")/)?)([0-9a-z]{20})");

    private final String source;
    private final String id;

    private SecretUri(String source, String id) {
        this.source = source;
        this.id = id;
    }

    /**
     * Reads any of Juju's spellings.
     *
     * @throws IllegalArgumentException when {@code text} is none of them
     */
    public static SecretUri parse(String text) {
        Matcher m = FORMS.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Juju secret id or URI: '" + text + "'");
        }
        return new SecretUri(m.group(1) != null ? m.group(1) : m.group(2), m.group(3));
    }

    /** Whether {@code text} is a secret URI ({@code secret:...}), as a config option of type secret holds. */
    public static boolean isUri(String text) {
        return text.startsWith("secret:") && FORMS.matcher(text).matches();
    }

    /** The bare id, as {@code secret-ids} lists it. */
    public String id() {
        return id;
    }

    /**
     * The full form, {@code secret://<model-uuid>/<id>}: the model the URI named, else {@code modelUuid}
     * (this model's). Without a model UUID to name, {@code secret:<id>}.
     */
    public String inModel(String modelUuid) {
        String model = source != null ? source : modelUuid;
        return model.isEmpty() ? "secret:" + id : "secret://" + model + "/" + id;
    }

    /** Whether both name one secret; text that names no secret names none. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        Matcher ma = FORMS.matcher(a);
        Matcher mb = FORMS.matcher(b);
        return ma.matches() && mb.matches() && ma.group(3).equals(mb.group(3));
    }
}
