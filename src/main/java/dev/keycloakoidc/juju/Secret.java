package dev.keycloakoidc.juju;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Juju secret, by its id: the operations a charm performs on it, as {@code ops}' {@code Secret}
 * offers them. Getting one from {@link Juju#secret} runs no tool; each method runs one.
 */
public final class Secret {

    private final HookTools tools;
    private final String id;

    Secret(HookTools tools, String id) {
        this.tools = tools;
        this.id = id;
    }

    /** The full URI, e.g. {@code secret://6f1e0b7a-0000-4000-8000-000000000000/d0sq9e7mp25c76ok2ds0}. */
    public String id() {
        return id;
    }

    /** {@code secret-get}: the content, read as {@code read} says; the tracked revision moves accordingly. */
    public Map<String, String> content(SecretRead read) {
        return tools.secretGet(id, Optional.empty(), read);
    }

    /** {@code secret-info-get}: revision, label and the rest, for a secret this application owns. */
    public SecretInfo info() {
        return tools.secretInfoGet(id);
    }

    /** {@code secret-set}: a new revision with this content, once the hook commits. */
    public void setContent(Map<String, String> content) {
        tools.secretSet(id, content);
    }

    /**
     * {@code secret-set --rotate}: from now on Juju runs {@code secret-rotate} for it on this
     * schedule; {@link RotatePolicy#NEVER} stops that. Makes no new revision.
     */
    public void setRotation(RotatePolicy policy) {
        tools.secretSetRotation(id, policy);
    }

    /** {@code secret-grant}: the application at the other end of {@code relation} may read it. */
    public void grant(Relation relation) {
        tools.secretGrant(id, relation.id());
    }

    /** {@code secret-remove --revision}: that revision's content is gone; later ones stay. */
    public void removeRevision(int revision) {
        tools.secretRemove(id, OptionalInt.of(revision));
    }

    /** {@code secret-remove}: the whole secret, every revision. */
    public void removeAll() {
        tools.secretRemove(id, OptionalInt.empty());
    }
}
