/**
 * The test double at the hook-tool boundary: Juju cannot run here, so the charm's tests run it
 * against an in-memory model that answers hook tools as Juju does.
 *
 * <ul>
 *   <li>{@link dev.keycloakoidc.testing.FakeJuju}: the model (units, leader, config, relations,
 *       secrets, unit state, statuses, logs, actions), checked against the charm's yaml, and
 *       every hook tool by argv ({@code call}). Relation, secret and state writes are staged per
 *       hook and committed only on exit 0.</li>
 *   <li>{@link dev.keycloakoidc.testing.FakeProcessRunner}: the fast path, in the test's own
 *       process, for state-in/state-out unit tests of charm logic through {@code HookTools}.</li>
 *   <li>{@link dev.keycloakoidc.testing.DispatchDriver}: the real path, running a charm folder's
 *       {@code ./dispatch} with Juju's environment; tools on {@code PATH} are links to
 *       {@code tests/hooktools/hooktool.c}, a C client of
 *       {@link dev.keycloakoidc.testing.HookToolServer} that the tests build with {@code cc}
 *       ({@link dev.keycloakoidc.testing.HookToolClient}; a few ms per call, as Juju's own).</li>
 *   <li>{@link dev.keycloakoidc.testing.SecretsHygiene}: no secret in argv, output, logs,
 *       statuses or plain relation data.</li>
 * </ul>
 *
 * <p>Relation lifecycle is the test's to play: Juju has already dropped a departing unit from
 * {@code relation-list} when {@code -departed} runs and every unit when {@code -broken} runs, so
 * call {@code removeRemoteUnit} before those hooks and {@code removeRelation} after
 * {@code -broken}.
 */
package dev.keycloakoidc.testing;
