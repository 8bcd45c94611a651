package dev.keycloakoidc.keycloak;

/**
 * The ways a client may get tokens, as Keycloak switches them per client.
 *
 * @param standardFlow   the authorization-code flow ({@code standardFlowEnabled})
 * @param refreshTokens  refresh tokens with that flow (attribute {@code use.refresh.tokens}, on unless "false")
 * @param serviceAccount the client-credentials grant ({@code serviceAccountsEnabled})
 * @param deviceGrant    the device authorization grant (attribute {@code oauth2.device.authorization.grant.enabled})
 */
public record ClientFlows(boolean standardFlow, boolean refreshTokens, boolean serviceAccount, boolean deviceGrant) {

    public static final ClientFlows NONE = new ClientFlows(false, false, false, false);

    /** A login through the browser, and refresh tokens as Keycloak gives by default: what a Dex needs. */
    public static final ClientFlows LOGIN = new ClientFlows(true, true, false, false);

    /** Every flow either of the two asks for: a client shared by several endpoints serves them all. */
    public ClientFlows union(ClientFlows other) {
        return new ClientFlows(standardFlow || other.standardFlow, refreshTokens || other.refreshTokens,
                serviceAccount || other.serviceAccount, deviceGrant || other.deviceGrant);
    }
}
