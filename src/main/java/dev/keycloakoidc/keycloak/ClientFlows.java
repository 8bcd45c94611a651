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

    /*
     * equals and hashCode written out: a record's own bootstrap through ObjectMethods on first
     * use, a call site the AOT cache cannot hold, so every leader hook (KeycloakClient.satisfies)
     * spun seven method-handle classes and had C1 compile the class-file writer: ~6 MB of RSS.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClientFlows o && standardFlow == o.standardFlow && refreshTokens == o.refreshTokens
                && serviceAccount == o.serviceAccount && deviceGrant == o.deviceGrant;
    }

    @Override
    public int hashCode() {
        return (standardFlow ? 1 : 0) | (refreshTokens ? 2 : 0) | (serviceAccount ? 4 : 0) | (deviceGrant ? 8 : 0);
    }

    /** Every flow either of the two asks for: a client shared by several endpoints serves them all. */
    public ClientFlows union(ClientFlows other) {
        return new ClientFlows(standardFlow || other.standardFlow, refreshTokens || other.refreshTokens,
                serviceAccount || other.serviceAccount, deviceGrant || other.deviceGrant);
    }
}
