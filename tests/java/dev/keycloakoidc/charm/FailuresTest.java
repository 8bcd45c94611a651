package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycloakoidc.keycloak.AdminCredentials;
import dev.keycloakoidc.keycloak.AdminCredentialsRejectedException;
import dev.keycloakoidc.keycloak.KeycloakApiException;
import org.junit.jupiter.api.Test;

/**
 * A 403 names the role to grant, found from the request Keycloak refused (docs/least-privilege.md);
 * refused credentials name the keys of the secret to fix, whatever status Keycloak's version chose.
 */
class FailuresTest {

    private static final String TOKEN = "/realms/master/protocol/openid-connect/token";

    private static String status(String method, String path, int code) {
        Status status = Failures.status(new KeycloakApiException(method, path, code, "")).orElseThrow();
        return status.name() + ": " + status.message();
    }

    @Test
    void creatingTheRealm_needsCreateRealm() {
        assertEquals("blocked: admin credentials lack the create-realm role (POST /admin/realms answered 403); "
                + "grant it, or create the realm in Keycloak (docs/least-privilege.md)",
                status("POST", "/admin/realms", 403));
    }

    @Test
    void anyClientRequest_needsManageClients() {
        assertEquals("blocked: admin credentials lack the manage-clients role for realm kubeflow "
                + "(POST /admin/realms/kubeflow/clients answered 403); grant it (docs/least-privilege.md)",
                status("POST", "/admin/realms/kubeflow/clients", 403));
        assertEquals("blocked: admin credentials lack the manage-clients role for realm kubeflow "
                + "(GET /admin/realms/kubeflow/clients answered 403); grant it (docs/least-privilege.md)",
                status("GET", "/admin/realms/kubeflow/clients", 403));
        assertEquals("blocked: admin credentials lack the manage-clients role for realm kubeflow "
                + "(POST /admin/realms/kubeflow/clients/0f1e/client-secret answered 403); grant it "
                + "(docs/least-privilege.md)",
                status("POST", "/admin/realms/kubeflow/clients/0f1e/client-secret", 403));
    }

    @Test
    void clientScopeRequests_needManageClients() {
        assertEquals("blocked: admin credentials lack the manage-clients role for realm kubeflow "
                + "(POST /admin/realms/kubeflow/client-scopes answered 403); grant it (docs/least-privilege.md)",
                status("POST", "/admin/realms/kubeflow/client-scopes", 403));
    }

    @Test
    void groupRequests_needManageUsers() {
        assertEquals("blocked: admin credentials lack the manage-users role for realm kubeflow "
                + "(POST /admin/realms/kubeflow/groups answered 403); grant it (docs/least-privilege.md)",
                status("POST", "/admin/realms/kubeflow/groups", 403));
        assertEquals("blocked: admin credentials lack the manage-users role for realm kubeflow "
                + "(PUT /admin/realms/kubeflow/users/0f1e/groups/9a8b answered 403); grant it (docs/least-privilege.md)",
                status("PUT", "/admin/realms/kubeflow/users/0f1e/groups/9a8b", 403));
    }

    @Test
    void userRequests_needManageUsers() {
        assertEquals("blocked: admin credentials lack the manage-users role for realm kubeflow "
                + "(GET /admin/realms/kubeflow/users answered 403); grant it (docs/least-privilege.md)",
                status("GET", "/admin/realms/kubeflow/users", 403));
        assertEquals("blocked: admin credentials lack the manage-users role for realm kubeflow "
                + "(GET /admin/realms/kubeflow/users/profile answered 403); grant it (docs/least-privilege.md)",
                status("GET", "/admin/realms/kubeflow/users/profile", 403));
    }

    @Test
    void realmSettings_needManageRealm() {
        assertEquals("blocked: admin credentials lack the manage-realm role for realm kubeflow "
                + "(PUT /admin/realms/kubeflow/users/profile answered 403); grant it (docs/least-privilege.md)",
                status("PUT", "/admin/realms/kubeflow/users/profile", 403));
        assertEquals("blocked: admin credentials lack the manage-realm role for realm kubeflow "
                + "(PUT /admin/realms/kubeflow/authentication/required-actions/VERIFY_PROFILE answered 403); "
                + "grant it (docs/least-privilege.md)",
                status("PUT", "/admin/realms/kubeflow/authentication/required-actions/VERIFY_PROFILE", 403));
    }

    @Test
    void serverInfo_refusedToAnAccountWithNoAdminRoleAtAll() {
        assertEquals("blocked: admin credentials hold no admin role (GET /admin/serverinfo answered 403); "
                + "grant manage-clients and manage-users for the realm (docs/least-privilege.md)",
                status("GET", "/admin/serverinfo", 403));
    }

    @Test
    void aRequestNotListed_keepsTheGeneralMessage() {
        assertEquals("blocked: admin credentials lack a role: GET /admin/other answered 403; "
                + "grant the roles in docs/least-privilege.md", status("GET", "/admin/other", 403));
    }

    private static String rejected(int code, String reason, AdminCredentials credentials) {
        Status status = Failures.status(new AdminCredentialsRejectedException(TOKEN, code, reason, credentials)).orElseThrow();
        return status.name() + ": " + status.message();
    }

    @Test
    void wrongPassword_saysWhatToFix_theSameFor401AndKeycloak26_6s400() {
        AdminCredentials password = new AdminCredentials.Password("admin", "wrong");
        String expected = "blocked: Keycloak rejected the admin credentials (Invalid user credentials); "
                + "fix username and password in the admin-credentials secret";
        assertEquals(expected, rejected(401, "Invalid user credentials", password));
        assertEquals(expected, rejected(400, "Invalid user credentials", password));
        assertEquals("blocked: Keycloak rejected the admin credentials (Account disabled); "
                + "fix username and password in the admin-credentials secret", rejected(400, "Account disabled", password));
    }

    @Test
    void wrongClientSecret_namesTheServiceAccountsKeys() {
        assertEquals("blocked: Keycloak rejected the admin credentials (Invalid client or Invalid client credentials); "
                + "fix client-id and client-secret in the admin-credentials secret",
                rejected(401, "Invalid client or Invalid client credentials", new AdminCredentials.ServiceAccount("sa", "x")));
        assertEquals("blocked: Keycloak rejected the admin credentials; fix client-id and client-secret in the "
                + "admin-credentials secret", rejected(401, "", new AdminCredentials.ServiceAccount("sa", "x")));
    }

    @Test
    void otherStatuses_areUnchanged() {
        assertEquals("blocked: Keycloak rejected the admin credentials (401)", status("GET", "/admin/serverinfo", 401));
        assertEquals("waiting: Keycloak answered 503 to GET /admin/serverinfo; retrying on the next hook",
                status("GET", "/admin/serverinfo", 503));
    }
}
