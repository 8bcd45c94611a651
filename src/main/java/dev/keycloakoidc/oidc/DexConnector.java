package dev.keycloakoidc.oidc;

import dev.keycloakoidc.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A Dex {@code oidc} connector, field names exactly as Dex's {@code connector/oidc} reads them
 * ({@code clientID}, {@code redirectURI}, {@code userNameKey}, ...): Dex silently ignores a
 * misspelt key.
 *
 * <p>{@code scopes} are written as given, {@code openid} included: Dex always puts {@code openid}
 * first itself, and Keycloak treats a repeated scope as one, so the list stays identical to the
 * {@code scope} published next to it. An empty list would make Dex ask for its own defaults
 * ({@code profile email}) instead.
 *
 * <p>With {@link Scopes#GROUPS} among the scopes the connector carries
 * {@code insecureEnableGroups: true}: only then does Dex read the {@code groups} claim of Keycloak's
 * ID token and pass the groups on to its own clients (Dex calls it insecure because the upstream's
 * groups are trusted as they are). Dex asks Keycloak for exactly {@code scopes}, so {@code groups}
 * must be among them for Keycloak to put the claim in (the charm makes it an optional client scope).
 *
 * <p>No value may contain {@code $}: Dex runs {@code os.ExpandEnv} over every string of its
 * connector config (its {@code DEX_EXPAND_ENV} feature, on by default), so {@code a$b} would reach
 * Keycloak as {@code a}, and {@code os.ExpandEnv} has no escape for a literal {@code $}. Both
 * renderings refuse such a value rather than hand Dex a secret it would silently corrupt.
 */
public record DexConnector(String id, String name, String issuer, String clientId, Optional<String> clientSecret,
                           String redirectUri, List<String> scopes, String userNameKey) {

    /**
     * The json tags of Dex's {@code connector/oidc.Config} (dexidp/dex at ab64ed77). A key outside
     * this set would be ignored by Dex without a word.
     */
    static final Set<String> DEX_OIDC_CONFIG_KEYS = Set.of("issuer", "issuerAlias", "clientID", "clientSecret",
            "redirectURI", "providerDiscoveryOverrides", "basicAuthUnsupported", "scopes", "hostedDomains", "rootCAs",
            "insecureSkipEmailVerified", "insecureEnableGroups", "allowedGroups", "acrValues", "insecureSkipVerify",
            "getUserInfo", "userIDKey", "userNameKey", "promptType", "pkceChallenge", "overrideClaimMapping",
            "claimMapping", "claimModifications");

    /** The keys of one entry of Dex's {@code connectors} list. */
    static final Set<String> DEX_CONNECTOR_KEYS = Set.of("type", "id", "name", "config");


    /**
     * Strings that every YAML reader on the way (PyYAML in dex-auth, go-yaml in Dex, YAML 1.1 and
     * 1.2 alike) reads back as the same string when written plain: they start with a letter, so
     * they are no number, date or {@code .inf}, and hold no character with a meaning in YAML.
     */
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z][A-Za-z0-9_./@-]*(:[A-Za-z0-9_./@-]+)*");
    /** Words YAML 1.1 (PyYAML, go-yaml v2) reads as booleans or null. */
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    public DexConnector {
        requireText(id, "id");
        requireText(name, "name");
        requireText(issuer, "issuer");
        requireText(clientId, "clientID");
        Objects.requireNonNull(clientSecret, "clientSecret");
        requireText(redirectUri, "redirectURI");
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes is empty; Dex would ask for profile and email instead");
        }
        requireText(userNameKey, "userNameKey");
    }

    /**
     * {@code {type, id, name, config}} as JSON, without {@code clientSecret}: for relation data.
     *
     * @throws IllegalArgumentException when a value contains {@code $}
     */
    public String toPublicJson() {
        return Json.write(connector(false));
    }

    /**
     * A YAML list holding this one connector, secret included, for
     * {@code juju config dex-auth connectors=@file}; parsed back and checked before it is returned.
     *
     * @throws IllegalArgumentException when a value contains {@code $}
     * @throws IllegalStateException when the text would not read back as exactly this connector
     */
    public String toConnectorsYaml() {
        List<Map<String, Object>> connectors = List.of(connector(true));
        String yaml = yaml().dump(connectors);
        verify(connectors, new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
        return yaml;
    }

    private Map<String, Object> connector(boolean withSecret) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("issuer", issuer);
        config.put("clientID", clientId);
        if (withSecret) {
            config.put("clientSecret", clientSecret.orElseThrow(
                    () -> new IllegalStateException("connector " + id + " has no clientSecret to write")));
        }
        config.put("redirectURI", redirectUri);
        config.put("scopes", scopes);
        config.put("userNameKey", userNameKey);
        if (scopes.contains(Scopes.GROUPS)) {
            config.put("insecureEnableGroups", true);
        }
        Map<String, Object> connector = new LinkedHashMap<>();
        connector.put("type", "oidc");
        connector.put("id", id);
        connector.put("name", name);
        connector.put("config", config);
        refuseDollar("", connector);
        return connector;
    }

    /** Names the field, never the value: the value may be the client secret. */
    private static void refuseDollar(String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> refuseDollar(path.isEmpty() ? String.valueOf(k) : path + "." + k, v));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> refuseDollar(path, v));
        } else if (String.valueOf(value).contains("$")) {
            throw new IllegalArgumentException("connector " + path + " contains '$', which Dex would expand as an environment variable");
        }
    }

    private static void verify(List<Map<String, Object>> written, Object readBack) {
        if (!(readBack instanceof List<?> list) || list.size() != 1 || !(list.get(0) instanceof Map<?, ?> connector)) {
            throw new IllegalStateException("connector YAML does not read back as a list of one connector");
        }
        for (Object key : connector.keySet()) {
            if (!DEX_CONNECTOR_KEYS.contains(key)) {
                throw new IllegalStateException("connector YAML has key " + key + ", which Dex does not read");
            }
        }
        if (!(connector.get("config") instanceof Map<?, ?> config)) {
            throw new IllegalStateException("connector YAML has no config mapping");
        }
        for (Object key : config.keySet()) {
            if (!DEX_OIDC_CONFIG_KEYS.contains(key)) {
                throw new IllegalStateException("connector YAML has config key " + key + ", which Dex's oidc connector does not read");
            }
        }
        Map<String, Object> expected = written.get(0);
        for (var entry : expected.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> expectedConfig) {
                for (var field : expectedConfig.entrySet()) {
                    if (!Objects.equals(field.getValue(), config.get(field.getKey()))) {
                        throw new IllegalStateException("connector YAML reads back a different config." + field.getKey());
                    }
                }
            } else if (!Objects.equals(entry.getValue(), connector.get(entry.getKey()))) {
                throw new IllegalStateException("connector YAML reads back a different " + entry.getKey());
            }
        }
        if (!written.equals(readBack)) {
            throw new IllegalStateException("connector YAML does not read back as written");
        }
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setSplitLines(false);
        options.setAllowUnicode(true);
        return new Yaml(new QuotingRepresenter(options), options);
    }

    /** Plain where that is unambiguous for every reader, double-quoted otherwise. */
    static boolean plainIsSafe(String value) {
        return PLAIN_SAFE.matcher(value).matches() && !YAML_WORDS.contains(value.toLowerCase(java.util.Locale.ROOT));
    }

    private static final class QuotingRepresenter extends Representer {
        QuotingRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> representScalar(Tag.STR, (String) data,
                    plainIsSafe((String) data) ? DumperOptions.ScalarStyle.PLAIN : DumperOptions.ScalarStyle.DOUBLE_QUOTED));
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("connector " + field + " is empty");
        }
    }

    @Override
    public String toString() {
        return "DexConnector[id=" + id + ", clientId=" + clientId + ", issuer=" + issuer + "]";
    }
}
