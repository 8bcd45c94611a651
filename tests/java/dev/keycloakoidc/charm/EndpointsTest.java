package dev.keycloakoidc.charm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.http.TlsFixtures;
import dev.keycloakoidc.juju.Relation;
import dev.keycloakoidc.keycloak.ClientFlows;
import dev.keycloakoidc.oidc.GrantType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each endpoint class reads a relation into one typed request, valid or not, and writes its bag
 * from the plan's settings.
 */
class EndpointsTest {

    private static Relation relation(String endpoint, String app, Map<String, String> remote) {
        return new Relation(endpoint + ":7", endpoint, app, remote, Map.of());
    }

    @Nested
    class OidcProvider {

        @Test
        void aRedirectAndExtraScopes_areAValidRequest_forALogin() {
            Relation r = relation("oidc-provider", "dex-auth",
                    Map.of("redirect_uri", "https://dex.example.com/callback", "scope", "groups offline_access"));
            EndpointRequest.Valid valid = assertInstanceOf(EndpointRequest.Valid.class, OidcProviderEndpoint.read(r));
            assertEquals(new Consumer.Request(r, "https://dex.example.com/callback", List.of("groups", "offline_access")),
                    valid.request());
            assertEquals(Optional.empty(), valid.warning());
            assertEquals(r, valid.relation());
        }

        @Test
        void eachProblem_isNamedOnce_withTheConsumerAndTheField() {
            assertEquals(new EndpointRequest.Invalid(relation("oidc-provider", "a", Map.of()),
                    "consumer a (oidc-provider:7) has not sent redirect_uri"),
                    OidcProviderEndpoint.read(relation("oidc-provider", "a", Map.of())));
            assertEquals("consumer a (oidc-provider:7) has not sent redirect_uri", problem(OidcProviderEndpoint.read(
                    relation("oidc-provider", "a", Map.of("redirect_uri", "")))));
            assertEquals("consumer a (oidc-provider:7): redirect_uri has a fragment", problem(OidcProviderEndpoint.read(
                    relation("oidc-provider", "a", Map.of("redirect_uri", "https://dex.example.com/cb#x")))));
            assertTrue(problem(OidcProviderEndpoint.read(relation("oidc-provider", "a",
                    Map.of("redirect_uri", "https://dex.example.com/cb", "scope", "bad\u0000scope"))))
                    .startsWith("consumer a (oidc-provider:7): "));
        }

        @Test
        void readsEveryRelation_inOrder() {
            List<EndpointRequest> read = OidcProviderEndpoint.read(List.of(relation("oidc-provider", "a", Map.of()),
                    relation("oidc-provider", "b", Map.of("redirect_uri", "https://b.example.com/cb"))));
            assertEquals(2, read.size());
            assertInstanceOf(EndpointRequest.Invalid.class, read.get(0));
            assertInstanceOf(EndpointRequest.Valid.class, read.get(1));
        }

        @Test
        void itsBag_carriesTheConnector_andNeedsTheSecretsId() {
            Model model = new Model();
            Relation r = relation("oidc-provider", "dex-auth", Map.of());
            OidcProviderEndpoint.Settings settings = new OidcProviderEndpoint.Settings(r, "dex-auth",
                    List.of("openid", "profile"), "https://dex.example.com/callback");
            assertEquals(Optional.of("dex-auth"), settings.servedClient());
            Map<String, String> bag = settings.bag(model.provider(), Optional.of("secret:abc"));
            assertEquals("dex-auth", bag.get("client_id"));
            assertEquals("secret:abc", bag.get("client_secret_id"));
            assertTrue(bag.get("dex_connector").contains("\"redirectURI\":\"https://dex.example.com/callback\""),
                    bag.get("dex_connector"));
            assertTrue(bag.get("dex_connector").contains("\"userNameKey\":\"preferred_username\""), bag.get("dex_connector"));
            assertTrue(bag.get("dex_connector").contains("\"id\":\"keycloak\""), bag.get("dex_connector"));
            assertTrue(bag.get("dex_connector").contains("\"name\":\"Keycloak\""), bag.get("dex_connector"));
            assertThrows(RuntimeException.class, () -> settings.bag(model.provider(), Optional.empty()));
        }
    }

    @Nested
    class DexOidcConfig {

        @Test
        void anIssuerUrl_isALoginAtItsCallback() {
            Relation r = relation("dex-oidc-config", "dex-auth", Map.of("issuer-url", " https://dex.example.com/dex "));
            EndpointRequest.Valid valid = assertInstanceOf(EndpointRequest.Valid.class, DexOidcConfigEndpoint.read(r));
            assertEquals(new Consumer.Request(r, "https://dex.example.com/dex/callback", List.of()), valid.request());
            assertEquals(Optional.empty(), valid.warning());
        }

        @Test
        void aClusterInternalIssuer_isServed_withAWarningNamingTheConsumer() {
            Relation r = relation("dex-oidc-config", "dex-auth", Map.of("issuer-url", "http://dex-auth.kubeflow.svc:5556/dex"));
            EndpointRequest.Valid valid = assertInstanceOf(EndpointRequest.Valid.class, DexOidcConfigEndpoint.read(r));
            assertTrue(valid.warning().orElseThrow().startsWith("consumer dex-auth (dex-oidc-config:7): browsers cannot reach"),
                    valid.warning()::toString);
        }

        @Test
        void eachProblem_isNamed() {
            assertEquals("consumer d (dex-oidc-config:7) has not published issuer-url yet",
                    problem(DexOidcConfigEndpoint.read(relation("dex-oidc-config", "d", Map.of("issuer-url", "  ")))));
            assertEquals("consumer d (dex-oidc-config:7): issuer-url has a query",
                    problem(DexOidcConfigEndpoint.read(relation("dex-oidc-config", "d",
                            Map.of("issuer-url", "https://dex.example.com/dex?a=1")))));
            assertTrue(problem(DexOidcConfigEndpoint.read(relation("dex-oidc-config", "d",
                    Map.of("issuer-url", "https://dex.example.com/dex#f")))).startsWith("consumer d (dex-oidc-config:7): issuer-url "));
            assertEquals(2, DexOidcConfigEndpoint.read(List.of(relation("dex-oidc-config", "d", Map.of()),
                    relation("dex-oidc-config", "e", Map.of()))).size());
        }
    }

    @Nested
    class OAuth {

        @Test
        void aRequest_becomesTheFlowsItsGrantsAskFor() {
            Relation r = relation("oauth", "grafana", Model.grafanaRequest("https://grafana.example.com/login/generic_oauth"));
            EndpointRequest.Valid valid = assertInstanceOf(EndpointRequest.Valid.class, OAuthEndpoint.read(r));
            assertEquals(new ClientFlows(true, true, false, false), valid.request().flows());
            assertEquals(Optional.of("https://grafana.example.com/login/generic_oauth"), valid.request().redirectUri());
            assertEquals(List.of("openid", "email", "offline_access"), valid.request().extraScopes());
            assertEquals(Optional.empty(), valid.warning());
        }

        @Test
        void nothingWritten_isSilent_andABadRequestNamesItsField() {
            Relation silent = relation("oauth", "r", Map.of());
            assertEquals(new EndpointRequest.Silent(silent), OAuthEndpoint.read(silent));
            assertEquals("consumer g (oauth:7): redirect_uri has a fragment", problem(OAuthEndpoint.read(relation("oauth", "g",
                    Model.grafanaRequest("https://grafana.example.com/cb#x")))));
            assertEquals(2, OAuthEndpoint.read(List.of(silent, silent)).size());
        }

        @Test
        void eachGrantType_switchesItsOwnFlow() {
            assertEquals(new ClientFlows(true, false, false, false), OAuthEndpoint.flows(Set.of(GrantType.AUTHORIZATION_CODE)));
            assertEquals(new ClientFlows(false, true, false, false), OAuthEndpoint.flows(Set.of(GrantType.REFRESH_TOKEN)));
            assertEquals(new ClientFlows(false, false, true, false), OAuthEndpoint.flows(Set.of(GrantType.CLIENT_CREDENTIALS)));
            assertEquals(new ClientFlows(false, false, false, true), OAuthEndpoint.flows(Set.of(GrantType.DEVICE_CODE)));
            assertEquals(ClientFlows.NONE, OAuthEndpoint.flows(Set.of()));
        }

        @Test
        void itsBag_namesTheClientOnlyWhenServed() {
            Model model = new Model();
            Relation r = relation("oauth", "grafana", Map.of());
            Map<String, String> served = new OAuthEndpoint.Settings(r, List.of("openid"), Optional.of("grafana"))
                    .bag(model.provider(), Optional.of("secret:g"));
            assertEquals("grafana", served.get("client_id"));
            assertEquals("secret:g", served.get("client_secret_id"));
            Map<String, String> bare = new OAuthEndpoint.Settings(r, List.of("openid"), Optional.empty())
                    .bag(model.provider(), Optional.empty());
            assertFalse(bare.containsKey("client_id"));
            assertEquals(Model.ISSUER, bare.get("issuer_url"));
        }
    }

    @Nested
    class KratosExternalIdp {

        private final String id = dev.keycloakoidc.oidc.KratosProvider.libraryDefaultId("kratos", Model.ISSUER);

        private EndpointRequest.Valid read(Map<String, String> answer) {
            return assertInstanceOf(EndpointRequest.Valid.class,
                    KratosExternalIdpEndpoint.read(relation("kratos-external-idp", "kratos", answer), Model.ISSUER));
        }

        private static String answer(String... idAndUri) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < idAndUri.length; i += 2) {
                json.append(i == 0 ? "" : ",").append("{\"provider_id\":\"").append(idAndUri[i])
                        .append("\",\"redirect_uri\":\"").append(idAndUri[i + 1]).append("\"}");
            }
            return json.append("]").toString();
        }

        @Test
        void beforeKratosAnswers_aLoginWithNoRedirect_andNoWarning() {
            EndpointRequest.Valid valid = read(Map.of());
            assertEquals(Optional.empty(), valid.request().redirectUri());
            assertEquals(new ClientFlows(true, false, false, false), valid.request().flows());
            assertEquals(List.of(), valid.request().extraScopes());
            assertEquals(Optional.empty(), valid.warning());
        }

        @Test
        void theAnswerForItsProviderId_isTheRedirect_andOthersAreNamed() {
            assertEquals(Optional.of("https://k.example.com/cb/" + id),
                    read(Map.of("providers", answer(id, "https://k.example.com/cb/" + id))).request().redirectUri());
            EndpointRequest.Valid both = read(Map.of("providers", answer("generic_0", "https://x.example.com/a", id,
                    "https://k.example.com/cb")));
            assertEquals(Optional.of("https://k.example.com/cb"), both.request().redirectUri());
            assertEquals(Optional.of("consumer kratos (kratos-external-idp:7): ignored its answer for provider id "
                    + "generic_0, which is not " + id), both.warning());
        }

        @Test
        void anAnswerOnlyForOthers_orMalformed_registersNothing_andIsNamed() {
            EndpointRequest.Valid others = read(Map.of("providers", answer("generic_0", "https://x.example.com/a")));
            assertEquals(Optional.empty(), others.request().redirectUri());
            assertEquals(Optional.of("consumer kratos (kratos-external-idp:7): Kratos answered for provider id generic_0, "
                    + "not for " + id + "; ignored"), others.warning());
            EndpointRequest.Valid bad = read(Map.of("providers", "{}"));
            assertEquals(Optional.empty(), bad.request().redirectUri());
            assertEquals(Optional.of("consumer kratos (kratos-external-idp:7): providers must be a JSON list, not a JSON object ({}); ignored"),
                    bad.warning());
            EndpointRequest.Valid fragment = read(Map.of("providers", answer(id, "https://k.example.com/cb#x")));
            assertEquals(Optional.empty(), fragment.request().redirectUri());
            assertTrue(fragment.warning().orElseThrow().contains("providers[0].redirect_uri has a fragment"));
        }

        @Test
        void theProviderId_hashesTheClientIdAndTheIssuer() {
            Relation r = relation("kratos-external-idp", "kratos", Map.of());
            assertEquals(id, KratosExternalIdpEndpoint.providerId(r, Model.ISSUER));
            assertFalse(id.equals(KratosExternalIdpEndpoint.providerId(r, "https://other.example.com/realms/kubeflow")));
            assertEquals(2, KratosExternalIdpEndpoint.read(List.of(r, r), Model.ISSUER).size());
        }

        @Test
        void itsBag_carriesTheProvider_withTheLabelAndTheSecret() {
            Model model = new Model();
            Relation r = relation("kratos-external-idp", "kratos", Map.of());
            KratosExternalIdpEndpoint.Settings settings = new KratosExternalIdpEndpoint.Settings(r, "kratos",
                    List.of("openid", "email"));
            Map<String, String> bag = settings.bag(model.provider(), Optional.empty(), Optional.of("s3cretValue"));
            assertEquals(Set.of("providers"), bag.keySet());
            String providers = bag.get("providers");
            assertTrue(providers.contains("\"client_id\":\"kratos\""), providers);
            assertTrue(providers.contains("\"label\":\"Keycloak\""), providers);
            assertTrue(providers.contains("\"issuer_url\":\"" + Model.ISSUER + "\""), providers);
            assertTrue(providers.contains("\"id\":\"" + id + "\""), providers);
            assertTrue(providers.endsWith("\"client_secret\":\"s3cretValue\"}]"), providers);
            assertTrue(providers.contains("\"scope\":\"openid email\""), providers);
            assertThrows(java.util.NoSuchElementException.class,
                    () -> settings.bag(model.provider(), Optional.empty(), Optional.empty()));
        }
    }

    @Test
    void aBagThatCarriesNoSecret_isTheSameGivenOne() {
        Model model = new Model();
        OAuthEndpoint.Settings settings = new OAuthEndpoint.Settings(relation("oauth", "grafana", Map.of()),
                List.of("openid"), Optional.of("grafana"));
        assertEquals(Optional.empty(), settings.carriedSecret());
        assertEquals(settings.bag(model.provider(), Optional.of("secret:x")),
                settings.bag(model.provider(), Optional.of("secret:x"), Optional.of("ignored")));
        assertEquals("secret:x", settings.bag(model.provider(), Optional.of("secret:x"), Optional.empty())
                .get("client_secret_id"));
    }

    @Test
    void aClearedBag_isEmpty_andNamesNoClient() {
        Publication.Cleared cleared = new Publication.Cleared(relation("oidc-provider", "a", Map.of("x", "y")));
        assertEquals(Map.of(), cleared.bag(new Model().provider(), Optional.of("secret:x")));
        assertEquals(Optional.empty(), cleared.servedClient());
    }

    @Test
    void theCaChain_isOneCanonicalPemEach_andNoneWithoutCaCert() {
        List<TlsFixtures.PrivateCa> cas = TlsFixtures.sharedCas();
        // Text around and between the blocks, as in a ca-certificates.crt, is not carried over.
        CharmConfig config = new Model().config();
        Provider provider = Provider.of(config, Model.DISCOVERY, CaTransferEndpoints.trust(
                Optional.of("junk\n" + cas.get(0).pem() + "\n\n" + cas.get(1).pem() + "trailer"), List.of()));
        assertEquals(Optional.of(List.of(CaBundle.of(cas.get(0).pem()).pems().get(0), CaBundle.of(cas.get(1).pem()).pems().get(0))),
                provider.caChain());
        assertEquals(Optional.empty(), new Model().provider().caChain());
    }

    private static String problem(EndpointRequest request) {
        return assertInstanceOf(EndpointRequest.Invalid.class, request).problem();
    }
}
