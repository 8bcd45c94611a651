package dev.keycloakoidc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.testing.ActionRun;
import dev.keycloakoidc.testing.OidcLogin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The operator's actions through the real ./dispatch against the real Keycloak. */
class ActionsIT {

    private static final String CALLBACK = "https://kubeflow.example.com/dex/callback";

    @Test
    void createUser_withAGeneratedPassword_thenThatUserLogsInThroughThePublishedSettings() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = served(scene);
            ActionRun created = action(scene, "create-user", Map.of("username", "Alice", "email", "alice@example.com"));
            assertTrue(created.failure().isEmpty(), () -> created.failure().get());
            String password = created.result("password").orElseThrow();
            assertEquals("alice", created.result("username").orElseThrow());
            assertTrue(password.length() >= 20 && !password.contains("$"), "weak or unsafe generated password");

            JsonNode user = scene.admin.get("/admin/realms/" + scene.realm + "/users?username=alice&exact=true").get(0);
            assertEquals(created.result("user-id").orElseThrow(), user.path("id").asText());
            assertTrue(user.path("emailVerified").asBoolean());
            assertEquals(0, user.path("requiredActions").size());

            Map<String, Object> claims = login(scene, rel, "alice", password);
            assertEquals("alice", claims.get("preferred_username"));
            assertEquals("alice@example.com", claims.get("email"));
            assertEquals(Boolean.TRUE, claims.get("email_verified"));
            scene.assertHygiene();
        }
    }

    @Test
    void createUser_withAGivenPassword_neverEchoesIt_andTheUserLogsIn() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = served(scene);
            String password = "given-Passw0rd-xyz";
            scene.secrets.add(password);
            ActionRun created = action(scene, "create-user", Map.of("username", "bob", "email", "bob@example.com",
                    "password", password, "first-name", "Bob", "last-name", "Builder"));
            assertTrue(created.failure().isEmpty(), () -> created.failure().get());
            assertTrue(created.result("password").isEmpty());
            assertEquals("bob", login(scene, rel, "bob", password).get("preferred_username"));
            // the operator's own password is secret too: not even action-set may carry it
            scene.assertHygiene();
        }
    }

    @Test
    void createUser_duplicateOrRefused_failsClearly_andLeavesKeycloakAsItWas() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            served(scene);
            action(scene, "create-user", Map.of("username", "carol", "email", "carol@example.com"));
            int users = users(scene);

            ActionRun sameName = action(scene, "create-user", Map.of("username", "CAROL", "email", "other@example.com"));
            assertEquals("a user named CAROL already exists in realm " + scene.realm + "; nothing was changed",
                    sameName.failure().orElseThrow());
            ActionRun sameEmail = action(scene, "create-user", Map.of("username", "dave", "email", "carol@example.com"));
            assertEquals("a user with e-mail carol@example.com already exists in realm " + scene.realm
                    + "; nothing was changed", sameEmail.failure().orElseThrow());
            ActionRun badEmail = action(scene, "create-user", Map.of("username", "erin", "email", "erin-at-example"));
            assertEquals("email must be an e-mail address such as alice@example.com; got 'erin-at-example'",
                    badEmail.failure().orElseThrow());
            ActionRun emptyName = action(scene, "create-user", Map.of("username", "", "email", "e@example.com"));
            assertEquals("username is empty: pass username=<login name>", emptyName.failure().orElseThrow());

            ObjectNode realm = (ObjectNode) scene.admin.get("/admin/realms/" + scene.realm);
            realm.put("passwordPolicy", "length(16)");
            scene.admin.put("/admin/realms/" + scene.realm, realm);
            ActionRun weak = action(scene, "create-user", Map.of("username", "frank", "email", "frank@example.com",
                    "password", "short-pw"));
            assertEquals("Keycloak refused the user: Invalid password: minimum length 16.; nothing was changed",
                    weak.failure().orElseThrow());
            assertEquals(users, users(scene), "a refused create-user left a user behind");

            // A realm the leader has not made yet (no hook since the change), asked with and
            // without names (the realm's profile is read only when a name is missing).
            scene.juju.setConfig("realm", scene.realm + "-later");
            for (Map<String, String> params : List.of(Map.of("username", "gina", "email", "gina@example.com"),
                    Map.of("username", "gina", "email", "gina@example.com", "first-name", "Gina", "last-name", "Lee"))) {
                assertEquals("realm " + scene.realm + "-later does not exist yet: the leader creates it once "
                        + "keycloak-url and admin-credentials work (see juju status)",
                        action(scene, "create-user", params).failure().orElseThrow());
            }
            scene.assertHygiene();
        }
    }

    /**
     * From Keycloak 26.6 on a wrong password is a 400, as a user Keycloak refuses is: the action
     * still says the sign-in failed and what to fix, not that Keycloak refused the user.
     */
    @Test
    void actions_withAWrongAdminPassword_failSayingWhatToFix_andChangeNothing() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            served(scene);
            int users = users(scene);
            int groups = topLevelGroups(scene).size();
            String uri = scene.juju.addUserSecret(Map.of("username", "admin", "password", "not-the-password"));
            scene.juju.grantSecret(uri, scene.juju.app());
            scene.juju.setConfig("admin-credentials", uri);
            scene.secrets.add("not-the-password");

            String expected = CharmScene.WRONG_PASSWORD_STATUS.substring("blocked: ".length());
            for (Map<String, String> params : List.of(Map.of("username", "lena", "email", "lena@example.com"),
                    Map.of("username", "lena", "email", "lena@example.com", "groups", "brand-new"))) {
                assertEquals(expected, action(scene, "create-user", params).failure().orElseThrow(), params.toString());
            }
            assertEquals(expected, action(scene, "add-user-to-groups", Map.of("username", "lena", "groups", "ops"))
                    .failure().orElseThrow());
            assertEquals(users, users(scene));
            assertEquals(groups, topLevelGroups(scene).size());
            scene.assertHygiene();
        }
    }

    @Test
    void createUser_withGroups_makesTheMissingOnesMarkedAsOurs_andTheUserAMemberOfAll() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            served(scene);
            scene.admin.post("/admin/realms/" + scene.realm + "/groups", scene.admin.object().put("name", "admins"));

            ActionRun created = action(scene, "create-user", Map.of("username", "ivan", "email", "ivan@example.com",
                    "groups", "ml-team, admins"));
            assertTrue(created.failure().isEmpty(), () -> created.failure().get());
            assertEquals("ml-team,admins", created.result("groups").orElseThrow());
            assertEquals("ml-team", created.result("created-groups").orElseThrow());

            assertEquals(Set.of("/ml-team", "/admins"), memberships(scene, created.result("user-id").orElseThrow()));
            JsonNode made = group(scene, "ml-team");
            assertEquals(scene.juju.modelUuid(), made.path("attributes").path("juju.model-uuid").get(0).asText());
            assertEquals("keycloak-oidc", made.path("attributes").path("juju.application").get(0).asText());
            assertTrue(group(scene, "admins").path("attributes").isEmpty(), "an administrator's group was changed");
            scene.assertHygiene();
        }
    }

    @Test
    void createUser_refusedAfterItsGroupsWereMade_leavesNoGroupBehind() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            served(scene);
            action(scene, "create-user", Map.of("username", "judy", "email", "judy@example.com"));
            scene.admin.post("/admin/realms/" + scene.realm + "/groups", scene.admin.object().put("name", "Admins"));
            int groups = topLevelGroups(scene).size();

            ActionRun taken = action(scene, "create-user", Map.of("username", "judy", "email", "judy2@example.com",
                    "groups", "brand-new,other-new"));
            assertEquals("a user named judy already exists in realm " + scene.realm + "; nothing was changed",
                    taken.failure().orElseThrow());

            ObjectNode realm = (ObjectNode) scene.admin.get("/admin/realms/" + scene.realm);
            realm.put("passwordPolicy", "length(16)");
            scene.admin.put("/admin/realms/" + scene.realm, realm);
            ActionRun weak = action(scene, "create-user", Map.of("username", "ken", "email", "ken@example.com",
                    "password", "short-pw", "groups", "brand-new"));
            assertEquals("Keycloak refused the user: Invalid password: minimum length 16.; nothing was changed",
                    weak.failure().orElseThrow());

            ActionRun otherCase = action(scene, "create-user", Map.of("username", "ken", "email", "ken@example.com",
                    "groups", "brand-new,admins"));
            assertEquals("realm " + scene.realm + " has group Admins, not admins (group names are case-sensitive): "
                    + "pass Admins; nothing was changed", otherCase.failure().orElseThrow());

            assertEquals(groups, topLevelGroups(scene).size(), () -> "groups left behind: " + topLevelGroups(scene));
            assertTrue(scene.admin.get("/admin/realms/" + scene.realm + "/users?username=ken&exact=true").isEmpty());
            scene.assertHygiene();
        }
    }

    @Test
    void addAndRemoveUserGroups_changeOnlyWhatDiffers_andSaySo() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            served(scene);
            ActionRun created = action(scene, "create-user", Map.of("username", "Leo", "email", "leo@example.com",
                    "groups", "ml-team"));
            String id = created.result("user-id").orElseThrow();

            ActionRun added = action(scene, "add-user-to-groups", Map.of("username", "LEO", "groups", "ml-team,admins"));
            assertTrue(added.failure().isEmpty(), () -> added.failure().get());
            assertEquals(Map.of("user-id", id, "username", "leo", "added", "admins", "already-member", "ml-team",
                    "created-groups", "admins", "groups", "admins,ml-team"), added.results());
            assertEquals(Set.of("/ml-team", "/admins"), memberships(scene, id));

            ActionRun again = action(scene, "add-user-to-groups", Map.of("username", "leo", "groups", "ml-team,admins"));
            assertEquals(Map.of("user-id", id, "username", "leo", "already-member", "ml-team,admins",
                    "groups", "admins,ml-team"), again.results());

            ActionRun removed = action(scene, "remove-user-from-groups", Map.of("username", "leo",
                    "groups", "admins,never-made"));
            assertEquals(Map.of("user-id", id, "username", "leo", "removed", "admins", "not-member", "never-made",
                    "groups", "ml-team"), removed.results());
            assertEquals(Set.of("/ml-team"), memberships(scene, id));
            assertTrue(group(scene, "admins") != null, "removing a member deleted the group");
            assertTrue(group(scene, "never-made") == null, "removing made a group");

            ActionRun nobody = action(scene, "add-user-to-groups", Map.of("username", "nobody", "groups", "ml-team"));
            assertEquals("realm " + scene.realm + " has no user named nobody: create-user makes one; nothing was changed",
                    nobody.failure().orElseThrow());
            scene.assertHygiene();
        }
    }

    @Test
    void rotateSecret_makesANewRevisionEqualToKeycloaksSecret_newSecretWorks_oldIsRefused() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            String rel = served(scene);
            ActionRun user = action(scene, "create-user", Map.of("username", "grace", "email", "grace@example.com"));
            String password = user.result("password").orElseThrow();
            String secretId = scene.juju.localAppData(rel).get("client_secret_id");
            String oldSecret = scene.jujuSecret(secretId).content().get("secret");
            int oldRevision = scene.jujuSecret(secretId).latestRevision();
            scene.secrets.add(oldSecret);

            ActionRun rotated = action(scene, "rotate-secret", Map.of());
            assertTrue(rotated.failure().isEmpty(), () -> rotated.failure().get());
            String newSecret = scene.jujuSecret(secretId).content().get("secret");
            scene.secrets.add(newSecret);
            assertNotEquals(oldSecret, newSecret);
            assertEquals(scene.keycloakSecret("dex-auth"), newSecret);
            assertEquals(oldRevision + 1, scene.jujuSecret(secretId).latestRevision());
            assertEquals("dex-auth", rotated.result("rotated").orElseThrow());
            assertEquals("dex-auth", rotated.result("1.client").orElseThrow());
            assertEquals(Integer.toString(oldRevision + 1), rotated.result("1.revision").orElseThrow());
            assertEquals("now", rotated.result("1.previous-valid-until").orElseThrow());

            assertEquals("grace", login(scene, rel, "grace", password).get("preferred_username"));
            Map<String, String> data = scene.juju.localAppData(rel);
            assertThrows(OidcLogin.Failure.class, () -> OidcLogin.login(data.get("issuer_url"), "dex-auth", oldSecret,
                    CALLBACK, List.of("openid"), "grace", password));

            ActionRun unknown = action(scene, "rotate-secret", Map.of("client", "nope"));
            assertEquals("client nope is not managed by this charm; managed: dex-auth", unknown.failure().orElseThrow());
            scene.assertHygiene();
        }
    }

    @Test
    void getConnector_printsOneCompleteDexConnector_whoseSettingsCompleteALogin() throws Exception {
        try (CharmScene scene = CharmScene.configured()) {
            served(scene);
            ActionRun user = action(scene, "create-user", Map.of("username", "heidi", "email", "heidi@example.com"));
            String password = user.result("password").orElseThrow();

            ActionRun got = action(scene, "get-connector", Map.of());
            assertTrue(got.failure().isEmpty(), () -> got.failure().get());
            String yaml = got.result("connectors").orElseThrow();
            assertFalse(yaml.contains("$"));
            List<Map<String, Object>> connectors = new Yaml().load(yaml);
            assertEquals(1, connectors.size());
            Map<String, Object> connector = connectors.get(0);
            assertEquals("oidc", connector.get("type"));
            assertEquals("keycloak", connector.get("id"));
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) connector.get("config");
            assertEquals(scene.keycloakSecret("dex-auth"), config.get("clientSecret"));
            @SuppressWarnings("unchecked")
            List<String> scopes = (List<String>) config.get("scopes");
            Map<String, Object> claims = OidcLogin.login((String) config.get("issuer"), (String) config.get("clientID"),
                    (String) config.get("clientSecret"), (String) config.get("redirectURI"), scopes, "heidi", password);
            assertEquals("heidi", claims.get(config.get("userNameKey")));
            scene.assertHygiene();
        }
    }

    /** Related to dex-auth on oidc-provider and reconciled: one managed client. */
    private static String served(CharmScene scene) {
        String rel = scene.relateProvider("dex-auth", CALLBACK);
        scene.relationChanged(rel);
        assertEquals("active: 1 client in realm " + scene.realm, scene.unitStatus());
        return rel;
    }

    private static ActionRun action(CharmScene scene, String name, Map<String, ?> params) {
        return scene.action(name, params);
    }

    private static Map<String, Object> login(CharmScene scene, String rel, String user, String password) {
        return scene.login(rel, user, password);
    }

    private static Set<String> memberships(CharmScene scene, String userId) {
        Set<String> paths = new java.util.HashSet<>();
        scene.admin.get("/admin/realms/" + scene.realm + "/users/" + userId + "/groups")
                .forEach(g -> paths.add(g.path("path").asText()));
        return paths;
    }

    private static List<String> topLevelGroups(CharmScene scene) {
        List<String> names = new java.util.ArrayList<>();
        scene.admin.get("/admin/realms/" + scene.realm + "/groups").forEach(g -> names.add(g.path("name").asText()));
        return names;
    }

    /** The top-level group, attributes included, or null. */
    private static JsonNode group(CharmScene scene, String name) {
        for (JsonNode g : scene.admin.get("/admin/realms/" + scene.realm + "/groups?search=" + name
                + "&exact=true&briefRepresentation=false")) {
            if (g.path("name").asText().equals(name)) {
                return g;
            }
        }
        return null;
    }

    private static int users(CharmScene scene) {
        return scene.admin.get("/admin/realms/" + scene.realm + "/users/count").asInt();
    }
}
