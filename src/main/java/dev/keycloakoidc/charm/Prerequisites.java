package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.LogLevel;
import dev.keycloakoidc.keycloak.AdminCredentials;
import dev.keycloakoidc.keycloak.KeycloakConnection;
import java.util.List;

/**
 * What every hook and action needs before it may call Keycloak: valid config and readable admin
 * credentials (and the CAs to trust: {@code ca-cert} and what {@code receive-ca-cert} brings). Either both, or the problems that say what the operator must set.
 */
public sealed interface Prerequisites {

    /**
     * Config and credentials, ready to connect.
     *
     * @param received each {@code receive-ca-cert} provider's data
     * @param trust    the CAs to trust for Keycloak: {@code ca-cert} and every valid provider's
     */
    record Met(CharmConfig config, AdminCredentials credentials, List<CaTransferEndpoints.Received> received,
               CaTransferEndpoints.Trust trust) implements Prerequisites {

        public Met {
            received = List.copyOf(received);
        }

        public KeycloakConnection connection() {
            return new KeycloakConnection(config.keycloakUrl(), config.adminRealm(), credentials, trust.pem());
        }
    }

    /** At least one problem, each a status naming what to set. */
    record Unmet(List<Status> problems) implements Prerequisites {

        public Unmet {
            problems = List.copyOf(problems);
        }

        /** The first problem, as an action failure message. */
        public String firstProblem() {
            return problems.get(0).message();
        }
    }

    static Prerequisites check(Juju juju) {
        CharmConfig.Parsed parsed = CharmConfig.parse(juju.config());
        if (parsed instanceof CharmConfig.Invalid invalid) {
            invalid.problems().forEach(p -> juju.log(LogLevel.WARNING, "config: " + p));
            return new Unmet(invalid.problems().stream().map(p -> (Status) new Status.Blocked(p)).toList());
        }
        CharmConfig config = ((CharmConfig.Valid) parsed).config();
        AdminSecret.Read admin = AdminSecret.read(juju, config.adminCredentials());
        if (admin instanceof AdminSecret.Unusable unusable) {
            return new Unmet(List.of(unusable.problem()));
        }
        List<CaTransferEndpoints.Received> received = CaTransferEndpoints.receive(juju);
        return new Met(config, ((AdminSecret.Found) admin).credentials(), received,
                CaTransferEndpoints.trust(config.caCert(), received));
    }
}
