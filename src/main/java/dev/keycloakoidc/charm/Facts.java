package dev.keycloakoidc.charm;

import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.juju.SecretInfo;
import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.KeycloakClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a reconcile decides from, as the hook read it: config, each endpoint's requests,
 * Keycloak's clients (and the realm's client scopes when a decision needs them, see
 * {@link Planner#needsRealmScopes}), the issuer's settings, and the charm's client secrets in Juju.
 *
 * @param oidcProvider   every {@code oidc-provider} relation's request, in Juju's order
 * @param dexOidcConfig  every {@code dex-oidc-config} relation's
 * @param oauth          every {@code oauth} relation's
 * @param kratos         every {@code kratos-external-idp} relation's
 * @param clients        every client of the realm, the charm's and others'
 * @param realmScopes    the realm's client scopes by name, when read
 * @param secrets        the client secret Juju holds for a clientId (found by its label), for each consumer
 * @param ownedSecretIds every secret this application owns ({@code secret-ids})
 * @param unclaimed      what Juju says of the owned secrets no consumer's label found: a client
 *                       secret among them is an orphan (its consumer left, or a hook was killed)
 */
record Facts(CharmConfig config, Ownership ownership, String modelName, List<EndpointRequest> oidcProvider,
             List<EndpointRequest> dexOidcConfig, List<EndpointRequest> oauth, List<EndpointRequest> kratos,
             List<KeycloakClient> clients,
             Optional<Map<String, ClientScope>> realmScopes, Provider provider, Map<String, StoredSecret> secrets,
             List<String> ownedSecretIds, List<SecretInfo> unclaimed) {

    /**
     * One client secret as Juju holds it.
     *
     * @param id       its URI, as consumers are given it
     * @param rotation its policy ({@link RotatePolicy#NEVER} when none was ever set, as Juju treats it)
     * @param content  the value of its latest revision; never logged
     */
    record StoredSecret(String id, RotatePolicy rotation, Optional<String> content) {
        @Override
        public String toString() {
            return "StoredSecret[id=" + id + ", rotation=" + rotation.jujuName() + "]";
        }
    }

    Facts {
        oidcProvider = List.copyOf(oidcProvider);
        dexOidcConfig = List.copyOf(dexOidcConfig);
        oauth = List.copyOf(oauth);
        kratos = List.copyOf(kratos);
        clients = List.copyOf(clients);
        secrets = Map.copyOf(secrets);
        ownedSecretIds = List.copyOf(ownedSecretIds);
        unclaimed = List.copyOf(unclaimed);
    }

    /**
     * Every endpoint's requests: {@code oidc-provider}, then {@code dex-oidc-config}, then
     * {@code oauth}, then {@code kratos-external-idp}.
     */
    List<EndpointRequest> requests() {
        List<EndpointRequest> all = new ArrayList<>(oidcProvider);
        all.addAll(dexOidcConfig);
        all.addAll(oauth);
        all.addAll(kratos);
        return all;
    }

    Facts withRealmScopes(Map<String, ClientScope> scopes) {
        return new Facts(config, ownership, modelName, oidcProvider, dexOidcConfig, oauth, kratos, clients,
                Optional.of(Map.copyOf(scopes)), provider, secrets, ownedSecretIds, unclaimed);
    }

    Facts withSecrets(Map<String, StoredSecret> found, List<String> owned, List<SecretInfo> others) {
        return new Facts(config, ownership, modelName, oidcProvider, dexOidcConfig, oauth, kratos, clients, realmScopes,
                provider, found, owned, others);
    }
}
