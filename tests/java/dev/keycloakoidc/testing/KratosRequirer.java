package dev.keycloakoidc.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keycloakoidc.testing.InterfaceSchemas.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stand-in for Kratos (kratos-operator) on the {@code kratos-external-idp} endpoint, interface
 * {@code external_provider}: it reads the provider's application databag the way
 * {@code charms.kratos_external_idp_integrator.v1.kratos_external_provider} (LIBAPI 1, LIBPATCH 0)
 * does on Kratos' side, and writes Kratos' answer the way kratos-operator does.
 *
 * <p>Reading: {@code providers} must hold to docs/interfaces/kratos-external-idp/schemas/provider.json
 * (which is the models' validation), then each entry gets what the models fill in: the
 * {@code scope} default, the {@code provider_id} alias and the default {@code id}, the default
 * {@code label}, {@code mapper_url} from {@code jsonnet_mapper}. kratos-operator then configures
 * Kratos with every entry and answers for each.
 *
 * <p>Answering ({@code _update_kratos_external_idp_configurations} in kratos-operator's
 * {@code src/charm.py}): {@code providers}, a JSON list of {@code provider_id} and
 * {@code redirect_uri}, the latter {@code os.path.join(<public URL>, "self-service/methods/oidc/callback/<id>")},
 * written with pydantic's {@code model_dump_json} (compact). Kratos' own callback route is the same
 * path (ory/kratos, {@code selfservice/strategy/oidc/strategy.go}, {@code RouteCallback}).
 */
public final class KratosRequirer {

    /** The library's default scope for every provider type but github. */
    static final String DEFAULT_SCOPE = "profile email address phone";
    static final String CALLBACK_PATH = "self-service/methods/oidc/callback/";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private KratosRequirer() {}

    /**
     * One {@code generic} (or {@code auth0}) provider as the library's {@code GenericProvider}
     * holds it once validated: defaults filled in, {@code scope} split on whitespace as Python's
     * {@code str.split()} does.
     */
    public record Provider(String provider, String clientId, List<String> scope, String id, String label,
                           Optional<String> jsonnetMapper, Optional<String> mapperUrl, String issuerUrl,
                           String clientSecret) {

        public Provider {
            scope = List.copyOf(scope);
        }

        /**
         * The scopes Kratos asks the issuer for: {@code scope}, with {@code openid} appended when
         * missing (ory/kratos, {@code provider_generic_oidc.go}, {@code oauth2ConfigFromEndpoint}).
         */
        public List<String> requestedScopes() {
            List<String> requested = new ArrayList<>(scope);
            if (!requested.contains("openid")) {
                requested.add("openid");
            }
            return List.copyOf(requested);
        }

        /** Kratos' callback for this provider, as kratos-operator builds it from its public URL. */
        public String callback(String kratosPublicUrl) {
            return pathJoin(kratosPublicUrl, CALLBACK_PATH + id);
        }

        /** Never the secret: a failing assertion prints its operands. */
        @Override
        public String toString() {
            return "Provider[provider=" + provider + ", clientId=" + clientId + ", scope=" + scope + ", id=" + id
                    + ", label=" + label + ", mapperUrl=" + mapperUrl.map(u -> u.length() > 40 ? u.substring(0, 40) + "..." : u)
                    + ", issuerUrl=" + issuerUrl + ", clientSecret=(" + clientSecret.length() + " characters)]";
        }
    }

    /**
     * Every provider in {@code bag}, the provider's application databag, as Kratos reads them;
     * empty when the bag is empty or lacks {@code providers} (Kratos' "provider removed").
     *
     * @throws AssertionError when the bag breaks the schema, as the library's
     *     {@code model_validate_json} would raise in Kratos' hook; or when an entry is not a
     *     {@code generic}/{@code auth0} provider, which this stand-in does not model
     */
    public static List<Provider> read(Map<String, String> bag, String where) {
        String text = bag.get("providers");
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        InterfaceSchemas.KRATOS_EXTERNAL_IDP.assertValid(Side.PROVIDER, bag, where);
        JsonNode providers;
        try {
            providers = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("providers " + where + " passed the schema but is not JSON", e);
        }
        List<Provider> read = new ArrayList<>();
        for (JsonNode entry : providers) {
            read.add(model(entry, where));
        }
        return List.copyOf(read);
    }

    /**
     * What kratos-operator's relation-changed handler uses: the first provider (it indexes
     * {@code providers[0]}, so an empty list raises there too; the schema refuses it).
     */
    public static Optional<Provider> first(Map<String, String> bag, String where) {
        List<Provider> providers = read(bag, where);
        return providers.isEmpty() ? Optional.empty() : Optional.of(providers.get(0));
    }

    /**
     * Kratos' application databag answering for {@code providers}, as kratos-operator writes it
     * once it has {@code kratosPublicUrl}: {@code {"providers": "[{\"provider_id\":...,\"redirect_uri\":...}]"}}.
     * Held to docs/interfaces/kratos-external-idp/schemas/requirer.json before it is returned.
     */
    public static Map<String, String> answer(String kratosPublicUrl, List<Provider> providers) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Provider provider : providers) {
            ObjectNode registration = list.addObject();
            registration.put("provider_id", provider.id());
            registration.put("redirect_uri", provider.callback(kratosPublicUrl));
        }
        Map<String, String> bag = Map.of("providers", list.toString());
        InterfaceSchemas.KRATOS_EXTERNAL_IDP.assertValid(Side.REQUIRER, bag, "written by the Kratos stand-in");
        return bag;
    }

    /** Python's {@code posixpath.join(a, b)} for a relative {@code b}: one slash between them. */
    static String pathJoin(String base, String relative) {
        if (base.isEmpty() || base.endsWith("/")) {
            return base + relative;
        }
        return base + "/" + relative;
    }

    /** The library's default id for a generic or auth0 provider: {@code <provider>_<sha1(client_id + "_" + issuer_url)>}. */
    static String defaultId(String provider, String clientId, String issuerUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((clientId + "_" + issuerUrl).getBytes(StandardCharsets.UTF_8));
            return provider + "_" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Provider model(JsonNode entry, String where) {
        String provider = entry.get("provider").textValue();
        if (!provider.equals("generic") && !provider.equals("auth0")) {
            throw new AssertionError("the Kratos stand-in models generic and auth0 providers only, not " + provider + " " + where);
        }
        String clientId = entry.get("client_id").textValue();
        String issuerUrl = entry.get("issuer_url").textValue();
        // BaseProvider.deserialize_scope: `v or "profile email address phone"`, then str.split().
        String scope = text(entry, "scope").filter(s -> !s.isEmpty()).orElse(DEFAULT_SCOPE);
        // id has the validation alias provider_id; "id" wins when both are there. Empty means default.
        Optional<String> id = text(entry, "id").or(() -> entry.has("id") ? Optional.empty() : text(entry, "provider_id"))
                .filter(s -> !s.isEmpty());
        Optional<String> jsonnet = text(entry, "jsonnet_mapper");
        Optional<String> mapperUrl = text(entry, "mapper_url").or(() -> jsonnet.map(j ->
                "base64://" + Base64.getEncoder().encodeToString(j.getBytes(StandardCharsets.UTF_8))));
        return new Provider(provider, clientId, pythonSplit(scope),
                id.orElseGet(() -> defaultId(provider, clientId, issuerUrl)),
                text(entry, "label").filter(s -> !s.isEmpty()).orElse(provider),
                jsonnet, mapperUrl, issuerUrl, entry.get("client_secret").textValue());
    }

    /** A key's text; empty when absent or null (the schema has already refused other types). */
    private static Optional<String> text(JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.textValue());
    }

    /** Python's {@code str.split()}: on runs of whitespace, none at either end. */
    static List<String> pythonSplit(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (pythonWhitespace(c)) {
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
            } else {
                part.appendCodePoint(c);
            }
        });
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }

    /** {@code str.isspace()} for one character: Unicode whitespace, and the separators 0x1C-0x1F. */
    private static boolean pythonWhitespace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }
}
