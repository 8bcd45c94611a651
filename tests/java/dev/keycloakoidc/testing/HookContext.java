package dev.keycloakoidc.testing;

import java.util.Optional;

/**
 * One running hook: its id (Juju's {@code JUJU_CONTEXT_ID}), the event, and the working copy of
 * the model its tools read and write until {@link FakeJuju#end} commits or drops it.
 */
public final class HookContext {

    private final String id;
    private final HookEvent event;
    final ModelData data;
    final ActionRun action;
    /**
     * Whether the unit led when the hook started. Juju's uniter loads the metadata of the
     * secrets this unit owns into the hook context when it makes it ({@code HookContext.secretMetadata},
     * from the secretsmanager facade's {@code GetSecretMetadata}), and lists the application's
     * secrets there only for the leader: {@code secret-ids}, {@code secret-info-get} and
     * {@code secret-grant} know application secrets only if this was true.
     */
    final boolean leaderAtStart;
    /**
     * Why Juju's controller will refuse this hook's changes when it exits 0 ({@code CommitHookChanges}
     * fails), or null. Set by a tool that Juju's uniter queues without checking, e.g. a
     * non-leader's {@code secret-set} of an application secret it does not know.
     */
    String commitRefusal;

    HookContext(String id, HookEvent event, ModelData data, ActionRun action, boolean leaderAtStart) {
        this.id = id;
        this.event = event;
        this.data = data;
        this.action = action;
        this.leaderAtStart = leaderAtStart;
    }

    public String id() {
        return id;
    }

    public HookEvent event() {
        return event;
    }

    public String unit() {
        return event.unit();
    }

    /** The action this context runs, if it is one. */
    public Optional<ActionRun> action() {
        return Optional.ofNullable(action);
    }
}
