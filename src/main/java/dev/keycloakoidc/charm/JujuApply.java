package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.Juju;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.SecretMetadata;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out the plan's Juju steps, after Keycloak's: the client secrets, then the grants, then
 * each relation's bag. Decides nothing beyond writing only what differs.
 */
final class JujuApply {

    private final Juju juju;
    private final Facts facts;

    JujuApply(Juju juju, Facts facts) {
        this.juju = juju;
        this.facts = facts;
    }

    /** @param values Keycloak's secret of every client served, by clientId ({@link KeycloakApply#apply}) */
    void apply(Plan plan, Map<String, String> values) {
        Map<String, String> ids = new HashMap<>();
        facts.secrets().forEach((clientId, stored) -> ids.put(clientId, stored.id()));
        for (Plan.SecretStep step : plan.secrets()) {
            if (step instanceof Plan.AddSecret add) {
                ids.put(add.clientId(), add(add.clientId(), value(values, add.clientId()), add.rotation()));
            } else if (step instanceof Plan.SetSecretContent set) {
                String value = value(values, set.clientId());
                Optional<String> stored = facts.secrets().get(set.clientId()).content();
                if (stored.isEmpty() || !stored.get().equals(value)) {
                    juju.secret(set.secretId()).setContent(Map.of(ClientSecrets.CONTENT_KEY, value));
                }
            } else if (step instanceof Plan.SetSecretRotation rotation) {
                juju.secret(rotation.secretId()).setRotation(rotation.rotation());
            } else if (step instanceof Plan.RemoveSecret remove) {
                juju.secret(remove.secretId()).removeAll();
            }
        }
        for (Plan.Grant grant : plan.grants()) {
            juju.secret(ids.get(grant.clientId())).grant(grant.relation());
        }
        for (Publication publication : plan.publications()) {
            Optional<String> carried = publication.carriedSecret();
            if (carried.isPresent()) {
                // The bag holds the secret itself, known only now for a client made or restored.
                Map<String, String> bag = publication.bag(facts.provider(), Optional.empty(),
                        Optional.of(value(values, carried.get())));
                if (!bag.equals(publication.relation().localAppData())) {
                    juju.publish(publication.relation(), bag);
                }
                continue;
            }
            juju.publish(publication.relation(),
                    publication.bag(facts.provider(), publication.servedClient().map(ids::get)));
        }
    }

    private static String value(Map<String, String> values, String clientId) {
        String value = values.get(clientId);
        if (value == null) {
            throw new IllegalStateException("no secret of client " + clientId + " from Keycloak");
        }
        return value;
    }

    private String add(String clientId, String value, RotatePolicy rotation) {
        // Never is Juju's default: no flag, so a secret without rotation is made as it always was.
        Optional<RotatePolicy> rotate = Optional.of(rotation).filter(p -> p != RotatePolicy.NEVER);
        return juju.addSecret(Map.of(ClientSecrets.CONTENT_KEY, value), SecretMetadata.of(ClientSecrets.label(clientId),
                "client secret of Keycloak client " + clientId + " in realm " + facts.config().realm(), rotate)).id();
    }
}
