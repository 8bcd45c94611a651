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

    HookContext(String id, HookEvent event, ModelData data, ActionRun action) {
        this.id = id;
        this.event = event;
        this.data = data;
        this.action = action;
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
