package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.juju.RotatePolicy;
import dev.keycloakoidc.keycloak.ClientFlows;
import dev.keycloakoidc.keycloak.ClientScope;
import dev.keycloakoidc.keycloak.ClientSpec;
import dev.keycloakoidc.keycloak.KeycloakClient;
import dev.keycloakoidc.keycloak.ProtocolMapper;
import dev.keycloakoidc.oidc.DiscoveryDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reconcile's decisions, state in, plan out: what the hook read ({@link Model}) and what
 * {@link Planner} decides to write, with no Keycloak and no Juju. Grouped by decision.
 */
class PlannerTest {

    private static final String DEX_CALLBACK = "https://kubeflow.example.com/dex/callback";
    private static final String NEW_CALLBACK = "https://kubeflow.example.org/dex/callback";

    private final Model model = new Model();

    private static List<String> names(List<?> steps) {
        return steps.stream().map(s -> s.getClass().getSimpleName()).toList();
    }

    private static Map<String, String> bag(Plan plan, Model model, int i, String secretId) {
        Publication publication = plan.publications().get(i);
        return publication.bag(model.provider(), publication.servedClient().map(c -> secretId));
    }

    private static ClientSpec dexSpec(String app, List<String> redirects) {
        return new ClientSpec(app, app + " (Juju model kubeflow-model)", redirects, ClientFlows.LOGIN, List.of(),
                Model.OURS.markers());
    }

    @Nested
    class ANewConsumer {

        @Test
        void getsAClient_aSecret_aGrant_andItsSettings() {
            Relation dex = model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(new Plan.Create(dexSpec("dex-auth", List.of(DEX_CALLBACK)),
                    List.of("openid", "profile", "email"))), plan.clients());
            assertEquals(List.of("dex-auth"), plan.served());
            assertEquals(List.of(new Plan.AddSecret("dex-auth", RotatePolicy.NEVER)), plan.secrets());
            assertEquals(List.of(new Plan.Grant("dex-auth", dex)), plan.grants());
            assertEquals(List.of(new OidcProviderEndpoint.Settings(dex, "dex-auth", List.of("openid", "profile", "email"),
                    DEX_CALLBACK)), plan.publications());
            Map<String, String> bag = bag(plan, model, 0, "secret:new");
            assertEquals("secret:new", bag.get("client_secret_id"));
            assertEquals(DEX_CALLBACK, bag.get("redirect_uri"));
            assertEquals(List.of(new Status.Active("1 client in realm kubeflow")), plan.statuses());
            assertFalse(plan.writesNothing());
        }

        @Test
        void onTheFirstHook_theRealmScopesAreRead_forNoClientOfOursShowsWhatItHas() {
            model.dex("dex-auth", DEX_CALLBACK);
            assertTrue(Planner.needsRealmScopes(model.facts()));
            assertThrows(IllegalStateException.class, model::plan, "a plan that guesses at the realm's scopes");
        }

        @Test
        void besideAServedOne_needsNoRealmScopes_whenOurClientsShowThem() {
            model.ours("other", "https://other.example.com/callback");
            model.secret("other", "kc-secret-other", RotatePolicy.NEVER);
            model.dex("dex-auth", DEX_CALLBACK);
            model.dex("other", "https://other.example.com/callback");
            assertFalse(Planner.needsRealmScopes(model.facts()));

            Plan plan = model.plan();

            assertEquals(List.of("Create", "Keep"), names(plan.clients()));
            assertEquals(List.of("dex-auth", "other"), plan.served());
            assertEquals(List.of(new Status.Active("2 clients in realm kubeflow")), plan.statuses());
        }
    }

    @Nested
    class AChangedRequest {

        @Test
        void aChangedRedirect_restoresTheClient_keepsItsSecret_andRewritesTheBag() {
            KeycloakClient client = model.ours("dex-auth", DEX_CALLBACK);
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            Relation bare = model.servedDex("dex-auth", DEX_CALLBACK, secret);
            // the Dex moved: the same relation now sends another callback
            Model moved = new Model();
            moved.add(client);
            moved.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            Relation dex = moved.relate(OidcProviderEndpoint.NAME, "dex-auth", Map.of("redirect_uri", NEW_CALLBACK),
                    bare.localAppData());

            Plan plan = moved.plan();

            assertEquals(List.of(new Plan.Restore(client, dexSpec("dex-auth", List.of(NEW_CALLBACK)), List.of())),
                    plan.clients());
            assertEquals("dex-auth", plan.clients().get(0).clientId());
            assertEquals(List.of(new Plan.SetSecretContent("dex-auth", secret)), plan.secrets(),
                    "a restored client's secret is read after the write, and Juju's compared with it");
            assertEquals(List.of(), plan.grants(), "the bag names the secret already");
            assertEquals(NEW_CALLBACK, bag(plan, moved, 0, secret).get("redirect_uri"));
            assertEquals(List.of(dex), plan.publications().stream().map(Publication::relation).toList());
        }

        @Test
        void aClientMadePublicInTheConsole_isRestored_andItsSecretReadAgain() {
            KeycloakClient client = model.add(Model.madePublic(model.ours("dex-auth", DEX_CALLBACK)));
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.Restore(client, dexSpec("dex-auth", List.of(DEX_CALLBACK)), List.of())),
                    plan.clients());
            assertEquals(List.of(new Plan.SetSecretContent("dex-auth", secret)), plan.secrets());
            assertEquals(List.of(), plan.publications());
        }

        @Test
        void aSecretRegeneratedInTheConsole_isCopiedToJuju() {
            model.ours("dex-auth", DEX_CALLBACK);
            String secret = model.secret("dex-auth", "an-older-secret", RotatePolicy.NEVER);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.SetSecretContent("dex-auth", secret)), plan.secrets());
            assertEquals(List.of(), plan.grants());
        }
    }

    @Nested
    class AbandonedClients {

        @Test
        void aClientOfOursNoConsumerWants_isDeleted_andItsSecretRemoved_andTheWantedOnesStay() {
            KeycloakClient gone = model.ours("gone-app", "https://gone.example.com/callback");
            KeycloakClient kept = model.ours("dex-auth", DEX_CALLBACK);
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            String goneSecret = model.unclaimedSecret(ClientSecrets.label("gone-app"));
            model.servedDex("dex-auth", DEX_CALLBACK, secret);

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.Keep(kept, List.of()), new Plan.Delete(gone)), plan.clients());
            assertEquals(List.of("dex-auth", "gone-app"), plan.clients().stream().map(Plan.ClientStep::clientId).toList());
            assertEquals(List.of(new Plan.RemoveSecret(goneSecret)), plan.secrets());
            assertEquals(List.of("dex-auth"), plan.served());
        }

        @Test
        void noClientIsDeleted_thatAConsumerWants_onAnyEndpoint_evenOneNotServed() {
            model.ours("dex-auth", DEX_CALLBACK);
            model.client("stock-dex", Model.OURS.markers(), ClientFlows.LOGIN, List.of("https://dex.example.com/dex/callback"));
            model.client("grafana", Model.OURS.markers(), new ClientFlows(true, true, false, false),
                    List.of("https://grafana.example.com/login/generic_oauth"));
            model.client("asks-too-much", Model.OURS.markers(), ClientFlows.LOGIN, List.of("https://x.example.com/cb"));
            model.dex("dex-auth", DEX_CALLBACK);
            model.relate(DexOidcConfigEndpoint.NAME, "stock-dex", Map.of("issuer-url", "https://dex.example.com/dex"), Map.of());
            model.oauth("grafana", Model.grafanaRequest("https://grafana.example.com/login/generic_oauth"));
            model.relate(OidcProviderEndpoint.NAME, "asks-too-much",
                    Map.of("redirect_uri", "https://x.example.com/cb", "scope", "no-such-scope"), Map.of());

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(), plan.clients().stream().filter(s -> s instanceof Plan.Delete).toList());
            assertEquals(List.of("dex-auth", "stock-dex", "grafana"), plan.served());
        }

        @Test
        void anotherApplicationsClient_isNeverDeleted() {
            model.client("someone-elses", Map.of(Ownership.MODEL_UUID, Model.MODEL_UUID, Ownership.APPLICATION, "other-app"),
                    ClientFlows.LOGIN, List.of("https://x.example.com/cb"));
            model.client("a-console-client", Map.of(), ClientFlows.LOGIN, List.of("https://y.example.com/cb"));

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(), plan.clients());
            assertTrue(plan.writesNothing());
            assertEquals(List.of(new Status.Active("0 clients in realm kubeflow")), plan.statuses());
        }
    }

    @Nested
    class AForeignClient {

        @Test
        void withAConsumersClientId_isLeftAlone_andTheConsumerIsNotServed_andTheStatusSaysWhatToDo() {
            model.client("dex-auth", Map.of(), ClientFlows.LOGIN, List.of(DEX_CALLBACK));
            Relation dex = model.relate(OidcProviderEndpoint.NAME, "dex-auth", Map.of("redirect_uri", DEX_CALLBACK),
                    Map.of("client_id", "dex-auth", "client_secret_id", "secret:old"));
            String stale = model.secret("dex-auth", "old", RotatePolicy.NEVER);

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(), plan.clients(), "a foreign client is neither changed nor deleted");
            assertEquals(List.of(), plan.served());
            assertEquals(List.of(new Plan.RemoveSecret(stale.substring(stale.lastIndexOf('/') + 1))), plan.secrets());
            assertEquals(List.of(), plan.grants());
            assertEquals(List.of(new Publication.Cleared(dex)), plan.publications());
            assertEquals(List.of(new Status.Blocked("clientId dex-auth in realm kubeflow is taken by a client "
                    + "keycloak-oidc does not manage; rename or delete that client in Keycloak")), plan.statuses());
        }
    }

    @Nested
    class AClientSharedAcrossEndpoints {

        @Test
        void getsTheUnionOfFlowsAndRedirects_oneSecret_grantedToEachRelation() {
            Relation dex = model.dex("grafana", DEX_CALLBACK);
            Relation oauth = model.oauth("grafana", Model.grafanaRequest("https://grafana.example.com/login/generic_oauth"));

            Plan plan = model.realmScopes().plan();

            Plan.Create create = assertInstanceOf(Plan.Create.class, plan.clients().get(0));
            assertEquals(1, plan.clients().size());
            assertEquals(List.of("https://grafana.example.com/login/generic_oauth", DEX_CALLBACK), create.spec().redirectUris());
            assertEquals(ClientFlows.LOGIN, create.spec().flows());
            assertEquals(List.of("openid", "profile", "email", "offline_access"), create.scopes());
            assertEquals(List.of(new Plan.AddSecret("grafana", RotatePolicy.NEVER)), plan.secrets());
            assertEquals(List.of(new Plan.Grant("grafana", dex), new Plan.Grant("grafana", oauth)), plan.grants());
            assertEquals(Optional.of("grafana"), plan.publications().get(1).servedClient());
            assertEquals("grafana", bag(plan, model, 1, "secret:g").get("client_id"));
        }

        @Test
        void oneRelationGone_keepsWhatTheOtherNeeds() {
            model.client("grafana", Model.OURS.markers(), new ClientFlows(true, true, false, false),
                    List.of("https://grafana.example.com/login/generic_oauth", DEX_CALLBACK));
            model.secret("grafana", "kc-secret-grafana", RotatePolicy.NEVER);
            model.oauth("grafana", Model.grafanaRequest("https://grafana.example.com/login/generic_oauth"));

            Plan plan = model.plan();

            Plan.Restore restore = assertInstanceOf(Plan.Restore.class, plan.clients().get(0));
            assertEquals(List.of("https://grafana.example.com/login/generic_oauth"), restore.spec().redirectUris());
            assertEquals(List.of(), plan.clients().stream().filter(s -> s instanceof Plan.Delete).toList());
        }
    }

    @Nested
    class LackingScopes {

        @Test
        void aConsumerAskingForAScopeTheRealmLacks_isNotServed_andTheOthersAre() {
            Relation greedy = model.relate(OidcProviderEndpoint.NAME, "greedy",
                    Map.of("redirect_uri", "https://greedy.example.com/cb", "scope", "offline_access no-such-scope"), Map.of());
            model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of("dex-auth"), plan.served());
            assertEquals(List.of("dex-auth"), plan.clients().stream().map(Plan.ClientStep::clientId).toList());
            assertEquals(List.of("dex-auth"), plan.publications().stream().map(p -> p.relation().remoteApp()).toList(),
                    "no settings for greedy (its bag is empty already)");
            assertTrue(plan.grants().stream().noneMatch(g -> g.relation().equals(greedy)));
            String message = "consumer greedy (oidc-provider:0): realm kubeflow has no OpenID Connect client scope "
                    + "no-such-scope; create it in Keycloak or drop it from the consumer's scope";
            assertEquals(List.of(new Status.Blocked(message)), plan.statuses());
            assertEquals(List.of(message), plan.notices());
        }

        @Test
        void aSamlScope_isLackingToo_andTheStatusNamesTheRelationThatAskedForIt() {
            model.dex("app", DEX_CALLBACK);
            model.oauth("app", Map.of("redirect_uri", "\"https://app.example.com/cb\"", "scope", "\"openid saml_organization\"",
                    "grant_types", "[\"authorization_code\"]", "audience", "[]",
                    "token_endpoint_auth_method", "\"client_secret_basic\""));

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(), plan.served());
            assertEquals(List.of(new Status.Blocked("consumer app (oauth:1): realm kubeflow has no OpenID Connect client "
                    + "scope saml_organization; create it in Keycloak or drop it from the consumer's scope")), plan.statuses());
        }

        @Test
        void aConfiguredScopeTheRealmLacks_blocks_andNothingElseIsDecided() {
            model.scopes("openid", "profile", "nope", "nope2");
            model.ours("gone-app", "https://gone.example.com/cb");
            Relation dex = model.relate(OidcProviderEndpoint.NAME, "dex-auth", Map.of("redirect_uri", DEX_CALLBACK),
                    Map.of("client_id", "dex-auth"));

            Plan plan = model.realmScopes().plan();

            assertTrue(plan.writesNothing(), "consumers keep the settings they had: " + plan);
            assertEquals(List.of(), plan.clients());
            String message = "scopes: realm kubeflow has no OpenID Connect client scopes nope, nope2; create them in "
                    + "Keycloak (Client scopes) or remove them from scopes";
            assertEquals(List.of(new Status.Blocked(message)), plan.statuses());
            assertEquals(List.of(message), plan.notices());
            assertEquals(List.of(), plan.publications(), "the bag of " + dex.id() + " stays as it is");
        }

        @Test
        void aScopeTheClientLacks_isAttached_andAScopeItHasIsNot() {
            KeycloakClient client = model.add(Model.withScopes(model.ours("dex-auth", DEX_CALLBACK), Set.of("profile")));
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(new Plan.Keep(client, List.of("email"))), plan.clients());
            assertFalse(plan.writesNothing());
        }

        @Test
        void theRealmsScopes_areReadOnlyForAScopeNoClientOfOursHolds_orForGroups() {
            model.ours("dex-auth", DEX_CALLBACK);
            model.dex("dex-auth", DEX_CALLBACK);
            assertFalse(Planner.needsRealmScopes(model.facts()));
            model.scopes("openid", "profile", "address");
            assertTrue(Planner.needsRealmScopes(model.facts()), "address: on no client of ours");
            model.scopes("openid", "profile", "groups");
            assertTrue(Planner.needsRealmScopes(model.facts()), "groups: its scope and mapper are checked");
            model.scopes("openid", "profile");
            model.relate(OidcProviderEndpoint.NAME, "x", Map.of("redirect_uri", "https://x.example.com/cb",
                    "scope", "phone"), Map.of());
            assertTrue(Planner.needsRealmScopes(model.facts()), "a consumer's extra scope on no client of ours");
        }

        @Test
        void describe_namesAFewScopes_eachCutShort() {
            assertEquals("realm kubeflow has no OpenID Connect client scope groups-x",
                    Planner.describe("kubeflow", List.of("groups-x")));
            assertEquals("realm kubeflow has no OpenID Connect client scopes a, b, c (+2 more)",
                    Planner.describe("kubeflow", List.of("a", "b", "c", "d", "e")));
            assertEquals("realm kubeflow has no OpenID Connect client scope " + "x".repeat(37) + "...",
                    Planner.describe("kubeflow", List.of("x".repeat(10_000))));
            assertEquals("realm kubeflow has no OpenID Connect client scopes a, b, c",
                    Planner.describe("kubeflow", List.of("a", "b", "c")));
            assertEquals("realm r has no OpenID Connect client scope " + "y".repeat(40),
                    Planner.describe("r", List.of("y".repeat(40))));
        }
    }

    @Nested
    class TheGroupsScope {

        @Test
        void isMadeWhenAConsumerWantsItAndTheRealmHasNone_andAttached() {
            model.scopes("openid", "profile", "groups");
            model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.realmScopes().plan();

            assertEquals(1, plan.groupsScope().size());
            Plan.CreateGroupsScope create = assertInstanceOf(Plan.CreateGroupsScope.class, plan.groupsScope().get(0));
            assertEquals(new GroupsScope(Model.OURS).desired(), create.scope());
            assertEquals(List.of("dex-auth"), plan.served());
            assertEquals("groups", bag(plan, model, 0, "secret:x").get("groups"));
        }

        @Test
        void oursWithoutItsMapper_isMended_andOursIntact_isLeftAlone() {
            model.scopes("openid", "groups");
            KeycloakClient client = model.add(Model.withScopes(model.ours("dex-auth", DEX_CALLBACK), Set.of("groups")));
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);
            ClientScope intact = new GroupsScope(Model.OURS).desired();
            ClientScope mapperless = Model.groupsScope("openid-connect", intact.attributes(), List.of());

            Plan mended = model.realmScopes(mapperless).plan();
            Plan steady = model.realmScopes(new ClientScope("scope-groups", "groups", intact.protocol(), intact.attributes(),
                    intact.mappers())).plan();

            assertEquals(List.of(new Plan.MendGroupsMapper("scope-groups", ProtocolMapper.groupMembership("groups"))),
                    mended.groupsScope());
            assertEquals(List.of(new Plan.Keep(client, List.of())), mended.clients());
            assertFalse(mended.writesNothing(), "the clients as they should be, but a mapper to mend");
            assertEquals(List.of(new Plan.Keep(client, List.of())), steady.clients());
            assertTrue(steady.writesNothing(), steady::toString);
        }

        @Test
        void anAdministratorsWithoutAMapper_isLeftAlone_withAWarning() {
            model.scopes("openid", "groups");
            model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.realmScopes(Model.groupsScope("openid-connect", Map.of(), List.of())).plan();

            assertEquals(List.of(), plan.groupsScope());
            String warning = "client scope groups of realm kubeflow (not made by keycloak-oidc) puts no groups claim in ID "
                    + "tokens; add a Group Membership mapper to it, or delete it to have it made";
            assertEquals(List.of(warning), plan.notices());
            assertEquals(List.of(new Status.Active("1 client in realm kubeflow; warning: " + warning)), plan.statuses());
        }

        @Test
        void aSamlOne_servesNoConsumerThatWantsGroups() {
            model.scopes("openid", "groups");
            model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.realmScopes(Model.groupsScope("saml", Map.of(), List.of())).plan();

            assertEquals(List.of(), plan.groupsScope());
            assertEquals(List.of(), plan.served());
            assertEquals(List.of(new Status.Blocked("consumer dex-auth (oidc-provider:0): realm kubeflow has no OpenID "
                    + "Connect client scope groups; create it in Keycloak or drop it from the consumer's scope")), plan.statuses());
        }
    }

    @Nested
    class Secrets {

        @Test
        void anOrphanedClientSecret_isRemoved_andASecretOfAnotherKindIsNot() {
            String orphan = model.unclaimedSecret(ClientSecrets.label("long-gone"));
            model.unclaimedSecret("something-else");
            model.unclaimedSecret("client-secret-");

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(new Plan.RemoveSecret(orphan)), plan.secrets());
        }

        @Test
        void aConsumersSecret_spelledAnotherWayByJuju_isStillItsOwn() {
            model.ours("dex-auth", DEX_CALLBACK);
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            model.servedDex("dex-auth", DEX_CALLBACK, "secret:" + secret.substring(secret.lastIndexOf('/') + 1));

            Plan plan = model.plan();

            assertEquals(List.of(), plan.secrets());
            assertEquals(List.of(), plan.grants(), "the bag names the secret, in Juju's short form");
        }

        @Test
        void aBagNamingAnotherSecret_getsTheGrant_andTheBagRewritten() {
            model.ours("dex-auth", DEX_CALLBACK);
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            Relation dex = model.servedDex("dex-auth", DEX_CALLBACK, "secret:cu2ls6ffnqnc73a1j2hg");

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.Grant("dex-auth", dex)), plan.grants());
            assertEquals(secret, bag(plan, model, 0, secret).get("client_secret_id"));
            assertFalse(plan.writesNothing(), "a client as it should be, but a bag to rewrite");
        }

        @Test
        void aRelationNotYetNamingTheSecret_isGrantedIt() {
            model.ours("dex-auth", DEX_CALLBACK);
            model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            Relation dex = model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.Grant("dex-auth", dex)), plan.grants());
            assertEquals(1, plan.publications().size());
        }
    }

    @Nested
    class Rotation {

        @Test
        void theConfiguredPolicy_isSetOnSecretsConsumersRead_andOnlyWhereItDiffers() {
            model.rotation(RotatePolicy.DAILY);
            model.ours("dex-auth", DEX_CALLBACK);
            model.ours("daily-dex", "https://daily.example.com/cb");
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            String daily = model.secret("daily-dex", "kc-secret-daily-dex", RotatePolicy.DAILY);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);
            model.servedDex("daily-dex", "https://daily.example.com/cb", daily);

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.SetSecretRotation("dex-auth", secret, RotatePolicy.DAILY)), plan.secrets());
            assertEquals(List.of(new Status.Active("2 clients in realm kubeflow")), plan.statuses());
        }

        @Test
        void aStockDexsSecret_neverRotates_andTheStatusSaysSo() {
            model.rotation(RotatePolicy.MONTHLY);
            model.relate(DexOidcConfigEndpoint.NAME, "stock-dex", Map.of("issuer-url", "https://dex.example.com/dex"), Map.of());
            model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(new Plan.AddSecret("dex-auth", RotatePolicy.MONTHLY),
                    new Plan.AddSecret("stock-dex", RotatePolicy.NEVER)), plan.secrets());
            assertEquals(List.of(new Status.Active("2 clients in realm kubeflow; secret-rotation skips stock-dex "
                    + "(dex-oidc-config: its secret is in Dex's config)")), plan.statuses());
        }

        @Test
        void aRotationCutShort_KeycloakAheadOfJuju_isPublished_withNothingElseChanged() {
            model.rotation(RotatePolicy.DAILY);
            KeycloakClient client = model.add(Model.withSecret(model.ours("dex-auth", DEX_CALLBACK), "rotated-in-keycloak"));
            String secret = model.secret("dex-auth", "before-the-rotation", RotatePolicy.DAILY);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.Keep(client, List.of())), plan.clients(), "not rotated a second time");
            assertEquals(List.of(new Plan.SetSecretContent("dex-auth", secret)), plan.secrets());
            assertEquals(List.of(), plan.grants(), "the same Juju secret, a new revision: consumers get secret-changed");
            assertEquals(List.of(), plan.publications());
        }

        @Test
        void backToNever_clearsThePolicy() {
            model.ours("dex-auth", DEX_CALLBACK);
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.WEEKLY);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);

            Plan plan = model.plan();
            assertEquals(List.of(new Plan.SetSecretRotation("dex-auth", secret, RotatePolicy.NEVER)), plan.secrets());
            assertFalse(plan.writesNothing(), "a client as it should be, but a policy to clear");
        }
    }

    @Nested
    class ASteadyModel {

        @Test
        void writesNothing() {
            model.ours("dex-auth", DEX_CALLBACK);
            String secret = model.secret("dex-auth", "kc-secret-dex-auth", RotatePolicy.NEVER);
            model.servedDex("dex-auth", DEX_CALLBACK, secret);
            assertFalse(Planner.needsRealmScopes(model.facts()));

            Plan plan = model.plan();

            assertTrue(plan.writesNothing(), plan::toString);
            assertEquals(List.of(), plan.secrets());
            assertEquals(List.of(), plan.grants());
            assertEquals(List.of(), plan.publications());
            assertEquals(List.of(), plan.groupsScope());
            assertEquals(List.of(), plan.notices());
            assertEquals(List.of("dex-auth"), plan.served());
            assertEquals(List.of(new Status.Active("1 client in realm kubeflow")), plan.statuses());
        }

        @Test
        void withNoConsumer_writesNothing_andSaysSo() {
            Plan plan = model.realmScopes().plan();
            assertTrue(plan.writesNothing());
            assertEquals(List.of(new Status.Active("0 clients in realm kubeflow")), plan.statuses());
        }
    }

    @Nested
    class TheOAuthEndpoint {

        @Test
        void aRequirerThatWroteNothing_getsTheProvidersSettings_withoutAClient() {
            Relation silent = model.oauth("request-auth", Map.of());

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(), plan.clients());
            assertEquals(List.of(), plan.grants());
            assertEquals(List.of(new OAuthEndpoint.Settings(silent, List.of("openid", "profile", "email"), Optional.empty())),
                    plan.publications());
            Map<String, String> bag = bag(plan, model, 0, null);
            assertEquals(Model.ISSUER, bag.get("issuer_url"));
            assertFalse(bag.containsKey("client_id"));
        }

        @Test
        void anInvalidRequest_isBlocked_butStillGetsTheProvidersSettings() {
            Relation bad = model.oauth("grafana", Map.of("redirect_uri", "\"https://g.example.com/cb#x\"",
                    "scope", "\"openid\"", "grant_types", "[\"authorization_code\"]", "audience", "[]",
                    "token_endpoint_auth_method", "\"client_secret_basic\""));

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(), plan.served());
            assertEquals(List.of(new Status.Blocked("consumer grafana (oauth:0): redirect_uri has a fragment")), plan.statuses());
            assertEquals(List.of(bad), plan.publications().stream().map(Publication::relation).toList());
            assertInstanceOf(OAuthEndpoint.Settings.class, plan.publications().get(0));
        }

        @Test
        void aDiscoveryWithoutTheEndpointsTheInterfaceNeeds_clearsEveryOAuthBag_andBlocks() {
            model.discovery(new DiscoveryDocument(Model.ISSUER, Model.ISSUER + "/auth", Model.ISSUER + "/token",
                    Optional.empty(), Model.ISSUER + "/certs", Optional.empty()));
            Relation grafana = model.relate(OAuthEndpoint.NAME, "grafana", Map.of(), Map.of("issuer_url", "x"));
            model.oauth("other", Map.of());

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(new Publication.Cleared(grafana)), plan.publications(), "an empty bag stays as it is");
            assertEquals(List.of(new Status.Blocked("cannot serve oauth: the discovery document of " + Model.ISSUER
                    + " lacks introspection_endpoint, userinfo_endpoint, which the oauth interface requires")), plan.statuses());
        }

        @Test
        void aServedRequirer_getsItsClientIdAndSecret_andItsScopesOnTopOfTheConfiguredOnes() {
            Relation grafana = model.oauth("grafana", Model.grafanaRequest("https://grafana.example.com/login/generic_oauth"));

            Plan plan = model.realmScopes().plan();

            Plan.Create create = assertInstanceOf(Plan.Create.class, plan.clients().get(0));
            assertEquals(new ClientFlows(true, true, false, false), create.spec().flows());
            assertEquals(List.of(new Plan.Grant("grafana", grafana)), plan.grants());
            Map<String, String> bag = bag(plan, model, 0, "secret:g1");
            assertEquals("secret:g1", bag.get("client_secret_id"));
            assertEquals("openid profile email offline_access", bag.get("scope"));
        }
    }

    @Nested
    class EndpointProblems {

        @Test
        void areStatusesInTheOrderOfTheEndpoints_andTheOthersAreServed() {
            model.oauth("bad-oauth", Map.of("redirect_uri", "\"x\""));
            model.relate(DexOidcConfigEndpoint.NAME, "quiet-dex", Map.of(), Map.of());
            Relation silentDex = model.relate(OidcProviderEndpoint.NAME, "no-uri", Map.of(), Map.of("client_id", "no-uri"));
            model.dex("dex-auth", DEX_CALLBACK);

            Plan plan = model.realmScopes().plan();

            List<String> messages = plan.statuses().stream().map(Status::message).toList();
            assertEquals("consumer no-uri (oidc-provider:2) has not sent redirect_uri", messages.get(0));
            assertEquals("consumer quiet-dex (dex-oidc-config:1) has not published issuer-url yet", messages.get(1));
            assertTrue(messages.get(2).startsWith("consumer bad-oauth (oauth:0): "), messages.get(2));
            assertEquals(3, messages.size(), "no active summary beside problems");
            assertEquals(List.of("dex-auth"), plan.served());
            assertTrue(plan.publications().contains(new Publication.Cleared(silentDex)), "an unserved relation's bag is cleared");
            assertEquals(List.of(), plan.notices(), "the endpoints' problems are logged as they are read, not again");
        }

        @Test
        void aDexIssuerWarning_isTheActiveStatusesWarning() {
            model.relate(DexOidcConfigEndpoint.NAME, "stock-dex", Map.of("issuer-url", "http://dex-auth.kubeflow.svc:5556/dex"), Map.of());

            Plan plan = model.realmScopes().plan();

            Status status = plan.statuses().get(0);
            assertInstanceOf(Status.Active.class, status);
            assertTrue(status.message().startsWith("1 client in realm kubeflow; warning: consumer stock-dex (dex-oidc-config:0): "),
                    status.message());
        }
    }

    @Test
    void consumers_areOnePerApplication_inTheOrderOfTheEndpoints() {
        model.oauth("grafana", Model.grafanaRequest("https://grafana.example.com/login/generic_oauth"));
        model.dex("dex-auth", DEX_CALLBACK);
        model.dex("grafana", "https://grafana.example.com/dex/callback");
        List<Consumer> consumers = Planner.consumers(model.facts().requests());
        assertEquals(List.of("dex-auth", "grafana"), consumers.stream().map(Consumer::appName).toList());
        assertEquals(2, consumers.get(1).requests().size());
        assertEquals(Set.of("oidc-provider", "oauth"),
                consumers.get(1).requests().stream().map(r -> r.relation().endpoint()).collect(Collectors.toSet()));
    }

    @Nested
    class TheKratosEndpoint {

        private static final String KRATOS = "https://kratos.example.com";

        private String callback() {
            return KRATOS + "/self-service/methods/oidc/callback/" + KratosExternalIdpEndpoint.providerId(
                    new Relation("x", KratosExternalIdpEndpoint.NAME, "kratos", Map.of(), Map.of()), Model.ISSUER);
        }

        private KeycloakClient kratosClient(String secret, String... redirectUris) {
            KeycloakClient client = model.client("kratos", Model.OURS.markers(), KratosExternalIdpEndpoint.FLOWS,
                    List.of(redirectUris));
            return model.add(Model.withSecret(client, secret));
        }

        private Map<String, String> bagWith(String secret) {
            Relation bare = new Relation("kratos-external-idp:0", KratosExternalIdpEndpoint.NAME, "kratos", Map.of(), Map.of());
            return new KratosExternalIdpEndpoint.Settings(bare, "kratos", List.of("openid", "profile", "email"))
                    .bag(model.provider(), Optional.empty(), Optional.of(secret));
        }

        @Test
        void beforeKratosAnswers_aClientWithTheStandardFlowAndNoRedirect_aSecretInJuju_noGrant_andTheProvider() {
            Relation kratos = model.kratos("kratos", Map.of(), Map.of());

            Plan plan = model.realmScopes().rotation(RotatePolicy.DAILY).plan();

            Plan.Create create = assertInstanceOf(Plan.Create.class, plan.clients().get(0));
            assertEquals(List.of(), create.spec().redirectUris());
            assertEquals(new ClientFlows(true, false, false, false), create.spec().flows());
            assertEquals(List.of(new Plan.AddSecret("kratos", RotatePolicy.DAILY)), plan.secrets(),
                    "rotation covers it: a new value rewrites the bag");
            assertEquals(List.of(), plan.grants(), "Kratos reads no Juju secret");
            Publication publication = plan.publications().get(0);
            assertEquals(kratos, publication.relation());
            assertEquals(Optional.empty(), publication.servedClient());
            assertEquals(Optional.of("kratos"), publication.carriedSecret());
            assertEquals(bagWith("kc-new"), publication.bag(model.provider(), Optional.empty(), Optional.of("kc-new")));
            assertTrue(bagWith("kc-new").get("providers").contains("\"client_secret\":\"kc-new\""));
            assertThrows(IllegalStateException.class, () -> publication.bag(model.provider(), Optional.empty()));
            assertEquals(List.of(new Status.Active("1 client in realm kubeflow")), plan.statuses());
        }

        @Test
        void kratosAnswer_becomesTheClientsRedirect_inPlace_keepingItsSecret() {
            kratosClient("kc-secret-kratos");
            model.secret("kratos", "kc-secret-kratos", RotatePolicy.NEVER);
            model.kratos("kratos", Model.kratosAnswer("kratos", KRATOS), bagWith("kc-secret-kratos"));

            Plan plan = model.plan();

            Plan.Restore restore = assertInstanceOf(Plan.Restore.class, plan.clients().get(0));
            assertEquals(List.of(callback()), restore.spec().redirectUris());
            assertEquals(List.of(new Plan.SetSecretContent("kratos", model.facts().secrets().get("kratos").id())),
                    plan.secrets(), "a restored client's secret is compared once read, and set only when it differs");
            assertEquals(1, plan.publications().size(), "known only once read: the apply step compares");
        }

        @Test
        void steady_writesNothing() {
            kratosClient("kc-secret-kratos", callback());
            model.secret("kratos", "kc-secret-kratos", RotatePolicy.NEVER);
            model.kratos("kratos", Model.kratosAnswer("kratos", KRATOS), bagWith("kc-secret-kratos"));

            Plan plan = model.plan();

            assertTrue(plan.writesNothing(), plan::toString);
            assertEquals(List.of("kratos"), plan.served());
        }

        @Test
        void aRotatedSecret_reachesJuju_andTheBag() {
            kratosClient("kc-rotated", callback());
            model.secret("kratos", "kc-rotated", RotatePolicy.NEVER);
            model.kratos("kratos", Model.kratosAnswer("kratos", KRATOS), bagWith("kc-old"));

            Plan plan = model.plan();

            assertInstanceOf(Plan.Keep.class, plan.clients().get(0));
            assertEquals(List.of(), plan.secrets());
            assertEquals(1, plan.publications().size());
            assertEquals(bagWith("kc-rotated"), plan.publications().get(0).bag(model.provider(), Optional.empty(),
                    Optional.of("kc-rotated")));
        }

        @Test
        void aSecretKratosYamlWouldMisread_isSetAnew_inJujuAndTheBag() {
            kratosClient("12345678901234567890123456789012", callback());
            String id = model.secret("kratos", "12345678901234567890123456789012", RotatePolicy.NEVER);
            model.kratos("kratos", Model.kratosAnswer("kratos", KRATOS), Map.of());

            Plan plan = model.plan();

            assertEquals(List.of(new Plan.SetSecretContent("kratos", id)), plan.secrets());
            assertEquals(1, plan.publications().size());
        }

        @Test
        void anAnswerForAnotherProviderId_isNamed_andRegistersNothing() {
            kratosClient("kc-secret-kratos");
            model.secret("kratos", "kc-secret-kratos", RotatePolicy.NEVER);
            model.kratos("kratos", Map.of("providers",
                    "[{\"provider_id\":\"generic_0000\",\"redirect_uri\":\"https://kratos.example.com/cb\"}]"),
                    bagWith("kc-secret-kratos"));

            Plan plan = model.plan();

            assertInstanceOf(Plan.Keep.class, plan.clients().get(0));
            Status.Active active = assertInstanceOf(Status.Active.class, plan.statuses().get(0));
            assertTrue(active.message().contains("consumer kratos (kratos-external-idp:0): Kratos answered for provider id "
                    + "generic_0000, not for generic_"), active.message());
            assertTrue(active.message().endsWith("; ignored"), active.message());
        }

        @Test
        void anApplicationOnOAuthAndKratos_getsOneClient_withBothRedirects() {
            model.oauth("kratos", Model.grafanaRequest("https://kratos.example.com/oauth"));
            model.kratos("kratos", Model.kratosAnswer("kratos", KRATOS), Map.of());

            Plan plan = model.realmScopes().plan();

            assertEquals(1, plan.clients().size());
            Plan.Create create = assertInstanceOf(Plan.Create.class, plan.clients().get(0));
            assertEquals(List.of("https://kratos.example.com/oauth", callback()), create.spec().redirectUris());
            assertEquals(ClientFlows.LOGIN, create.spec().flows());
            assertEquals(1, plan.secrets().size());
        }

        @Test
        void aForeignClientWithItsClientId_clearsTheBag_andNothingIsGranted() {
            model.client("kratos", Map.of(), KratosExternalIdpEndpoint.FLOWS, List.of());
            Relation kratos = model.kratos("kratos", Map.of(), bagWith("kc-old"));

            Plan plan = model.realmScopes().plan();

            assertEquals(List.of(), plan.served());
            assertEquals(List.of(new Publication.Cleared(kratos)), plan.publications());
            assertInstanceOf(Status.Blocked.class, plan.statuses().get(0));
        }

        @Test
        void kratosGone_deletesTheClient_andItsSecret() {
            kratosClient("kc-secret-kratos", callback());
            String id = model.unclaimedSecret(ClientSecrets.label("kratos"));

            Plan plan = model.plan();

            assertEquals(List.of("Delete"), names(plan.clients()));
            assertEquals(List.of(new Plan.RemoveSecret(id)), plan.secrets());
        }
    }
}
