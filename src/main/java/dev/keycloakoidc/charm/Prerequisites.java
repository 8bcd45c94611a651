package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.AdminCredentials;
import dev.keycloakoidc.keycloak.KeycloakConnection;
import java.util.List;
import java.util.Optional;

/**
 * What every hook and action needs before it may call Keycloak: valid config and readable admin
 * credentials. Either both, or the problems that say what the operator must set.
 */
record Prerequisites(Optional<CharmConfig> config, Optional<AdminCredentials> credentials, List<Status> problems) {

    static Prerequisites check(Juju juju) {
        CharmConfig.Parsed parsed = CharmConfig.parse(juju.config());
        if (parsed.config().isEmpty()) {
            parsed.problems().forEach(p -> juju.log(LogLevel.WARNING, "config: " + p));
            return new Prerequisites(Optional.empty(), Optional.empty(),
                    parsed.problems().stream().map(p -> (Status) new Status.Blocked(p)).toList());
        }
        CharmConfig config = parsed.config().get();
        AdminSecret.Read admin = AdminSecret.read(juju.tools(), config.adminCredentials(), juju.context().appName());
        if (admin.credentials().isEmpty()) {
            return new Prerequisites(Optional.of(config), Optional.empty(), List.of(admin.problem().orElseThrow()));
        }
        return new Prerequisites(Optional.of(config), admin.credentials(), List.of());
    }

    boolean met() {
        return problems.isEmpty();
    }

    /** The first problem, as an action failure message. */
    String firstProblem() {
        return problems.get(0).message();
    }

    KeycloakConnection connection() {
        CharmConfig c = config.orElseThrow();
        return new KeycloakConnection(c.keycloakUrl(), c.adminRealm(), credentials.orElseThrow(), c.caCert());
    }
}
