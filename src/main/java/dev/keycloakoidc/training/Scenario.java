package dev.keycloakoidc.training;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The hooks each AOT cache is recorded from, in order, on the model {@link CannedJuju} describes.
 * A real run of the same hooks (the end-to-end test {@code TrainingIT}) must make the charm call
 * the same hook tools and Keycloak requests and get the same answers.
 */
public enum Scenario {

    /** {@code lib/standby.aot}: a unit that is not the leader, whose hooks only say so in its status. */
    STANDBY(List.of(TrainingHook.hook(CannedJuju.STANDBY_UNIT, "update-status", AdminLogin.PASSWORD))),

    /**
     * {@code lib/app.aot}: the leader's hooks and every action (and any hook when the standby
     * cache is missing). The consumers' clients are created by the leader's first hook, which
     * signs in with a password; the rest sign in as a service account, so that both ways (README,
     * docs/least-privilege.md) are in the cache. Then a {@code relation-changed} on each endpoint.
     */
    LEADER(Stream.of(
            Stream.of(TrainingHook.hook(CannedJuju.STANDBY_UNIT, "update-status", AdminLogin.PASSWORD),
                    TrainingHook.hook(CannedJuju.LEADER_UNIT, "config-changed", AdminLogin.PASSWORD),
                    TrainingHook.hook(CannedJuju.LEADER_UNIT, "update-status", AdminLogin.SERVICE_ACCOUNT)),
            CannedJuju.CONSUMERS.stream()
                    .map(c -> TrainingHook.relationChanged(CannedJuju.LEADER_UNIT, c, AdminLogin.SERVICE_ACCOUNT)),
            Stream.of(TrainingHook.action(CannedJuju.LEADER_UNIT, "create-user", AdminLogin.SERVICE_ACCOUNT)))
            .flatMap(hooks -> hooks).toList());

    private final List<TrainingHook> hooks;

    Scenario(List<TrainingHook> hooks) {
        this.hooks = hooks;
    }

    public List<TrainingHook> hooks() {
        return hooks;
    }

    /** {@code leader} or {@code standby}, as {@code tools/pack-charm} names them. */
    public static Optional<Scenario> named(String name) {
        return switch (name) {
            case "leader" -> Optional.of(LEADER);
            case "standby" -> Optional.of(STANDBY);
            default -> Optional.empty();
        };
    }

    /** How the hook signs in to Keycloak: the content of the {@code admin-credentials} secret. */
    public enum AdminLogin {
        PASSWORD(Map.of("username", "admin", "password", "training-password")),
        SERVICE_ACCOUNT(Map.of("client-id", "keycloak-oidc", "client-secret", "training-account-secret"));

        private final Map<String, String> content;

        AdminLogin(Map<String, String> content) {
            this.content = content;
        }

        public Map<String, String> content() {
            return content;
        }
    }
}
