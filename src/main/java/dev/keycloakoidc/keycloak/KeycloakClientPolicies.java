package dev.keycloakoidc.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A realm's client policies, as far as the charm uses them: a grace period for rotated client
 * secrets. The part of the admin API that {@link KeycloakAdmin#clientPolicies()} hands out; the
 * documents themselves are built in {@link ClientPolicies}.
 */
public final class KeycloakClientPolicies {

    private final AdminHttp http;

    KeycloakClientPolicies(AdminHttp http) {
        this.http = http;
    }

    /**
     * Makes sure the realm gives the clients that carry every one of {@code clientAttributes} a
     * grace period on {@link KeycloakClients#regenerateSecret}: a client profile with Keycloak's
     * {@code secret-rotation} executor set to {@code settings}, and a client policy applying it
     * through a {@code client-attributes} condition, both named {@code juju-keycloak-oidc-secret-rotation-<hash
     * of the attributes>}. Reads both documents and writes only what differs, each as a whole with
     * every other profile and policy of the realm kept. Needs {@code view-realm} and
     * {@code manage-realm} of the realm ({@code manage-clients} is not enough).
     *
     * <p>Returns false, having read only serverinfo, when Keycloak runs without the preview
     * feature {@code client-secret-rotation}: there, Keycloak refuses such a profile (400
     * {@code proposed client profile contains the executor, which does not have valid provider}),
     * and a regenerate drops the previous secret at once.
     *
     * <p>What the executor does once the policy applies (measured on Keycloak 26.5):
     * <ul>
     * <li>on client creation and on every admin update ({@code PUT} of the client) it stamps
     *     {@code client.secret.expiration.time} (creation time + lifetime) and
     *     {@code client.secret.creation.time}; it regenerates the secret on an ordinary update
     *     only when the secret has already expired, which {@link SecretRotation#CHARM}'s lifetime
     *     prevents; an update during a grace period keeps both secrets;</li>
     * <li>on a regenerate it keeps the previous secret in the attribute {@code client.secret.rotated}
     *     (so a client's attributes then hold a secret: never log them) and its end in
     *     {@code client.secret.rotated.expiration.time} (epoch seconds);</li>
     * <li>the added attributes do not upset {@link KeycloakClient#satisfies}, which compares only
     *     the spec's attributes.</li>
     * </ul>
     *
     * <p>Warning: if Keycloak is later started without the feature while this policy exists, its
     * token endpoint answers 500 for the confidential clients the policy applies to (every login
     * through them fails): remove the policy and profile named {@code juju-...-secret-rotation-...}
     * before turning the feature off, or after (it works either way).
     */
    public boolean ensureSecretRotation(String realm, Map<String, String> clientAttributes, SecretRotation settings) {
        if (clientAttributes.isEmpty()) {
            throw new IllegalArgumentException("clientAttributes must not be empty: the policy would apply to no client");
        }
        if (!ServerInfo.read(http).secretRotationEnabled()) {
            return false;
        }
        String name = ClientPolicies.name(clientAttributes);
        // Profile first: Keycloak refuses a policy that names a profile it does not have.
        putIfChanged(realm, ClientPolicies.PROFILES,
                document -> ClientPolicies.withEntry(document, ClientPolicies.PROFILES,
                        ClientPolicies.profile(name, clientAttributes, settings)));
        putIfChanged(realm, ClientPolicies.POLICIES,
                document -> ClientPolicies.withEntry(document, ClientPolicies.POLICIES,
                        ClientPolicies.policy(name, clientAttributes)));
        return true;
    }

    /** GETs {@code client-policies/<kind>}, PUTs what {@code change} makes of it, if anything. */
    private void putIfChanged(String realm, String kind, Function<JsonNode, Optional<ObjectNode>> change) {
        URI url = http.admin("realms", realm, "client-policies", kind);
        Optional<ObjectNode> updated = change.apply(http.expectJson("GET", url, http.get(url), 200));
        updated.ifPresent(document -> http.expect("PUT", url, http.put(url, document), 204));
    }
}
