package dev.keycloakoidc.oidc;

import dev.keycloakoidc.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The provider side of a {@code kratos-external-idp} relation (interface {@code external_provider}):
 * one {@code generic} OpenID Connect provider, a Keycloak client, in the format of
 * {@code charms.kratos_external_idp_integrator.v1.kratos_external_provider} (LIBAPI 1, LIBPATCH 0),
 * whose pydantic models are the contract. Kratos (kratos-operator) reads {@code providers} with
 * {@code Providers.model_validate_json}, takes the first entry and configures Kratos with it.
 *
 * <p>{@link #toDatabag()} writes {@code providers} byte for byte as the library's provider side
 * would ({@code Providers.model_validate([config]).model_dump_json()}): a JSON list of one object,
 * compact, keys in the models' order ({@code provider}, {@code client_id}, {@code scope},
 * {@code id}, {@code label}, {@code jsonnet_mapper}, {@code mapper_url}, {@code issuer_url},
 * {@code client_secret}), every default the models fill in written out: {@code id} and
 * {@code label} as given, {@code mapper_url} the {@code base64://} form of {@code jsonnet_mapper}.
 *
 * <p>The client secret goes wherever {@link KratosClientSecret} puts it (today: plain relation
 * data, all that LIBAPI 1 has). {@code toString} shows only that type's, which never holds the
 * secret. {@code equals}, {@code hashCode} and {@code toString} are written out: a record's
 * generated ones are spun at run time, outside the AOT cache (README, "What a hook costs").
 *
 * @param id            the provider id: Kratos' callback URL ends with it, and Kratos keys each
 *                      linked login by it, so it must stay the same while the client does
 *                      ({@link #libraryDefaultId})
 * @param label         the sign-in button's text in Kratos' login UI
 * @param clientId      the Keycloak client's clientId
 * @param issuerUrl     the realm's issuer, byte for byte its discovery document's
 * @param scopes        the scopes Kratos asks for; {@code openid} is put first when missing
 * @param jsonnetMapper Kratos' claims mapper ({@link KratosClaimsMapper#JSONNET})
 */
public record KratosProvider(String id, String label, String clientId, String issuerUrl, List<String> scopes,
                             String jsonnetMapper, KratosClientSecret clientSecret) {

    /** The library's provider type for an OpenID Connect issuer with discovery. */
    public static final String PROVIDER = "generic";

    /** Longest label: a sign-in button, not a paragraph. */
    public static final int MAX_LABEL_LENGTH = 64;

    /**
     * A provider id Kratos can put in a URL path as it is ({@code /self-service/methods/oidc/callback/<id>})
     * and that YAML reads as text: the library's default ids ({@code generic_} and 40 hex digits)
     * are of this form.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,99}");

    /** Words that YAML 1.1 reads as booleans or null whatever their case; a label that is one is refused. */
    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    public KratosProvider {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be a letter, then up to 99 letters, digits, _ or -");
        }
        labelProblem(label).ifPresent(problem -> {
            throw new IllegalArgumentException("label " + problem);
        });
        requireYamlText(clientId, "client_id");
        requireYamlText(issuerUrl, "issuer_url");
        scopes = List.copyOf(scopes);
        for (String scope : scopes) {
            // One scope-token each (Scopes' rules), so that joining them with spaces keeps them apart.
            if (!(Scopes.parseExtra(scope) instanceof Scopes.Valid valid && valid.scopes().equals(List.of(scope)))) {
                throw new IllegalArgumentException("scopes has an entry that is not one OAuth scope");
            }
        }
        Objects.requireNonNull(jsonnetMapper, "jsonnetMapper");
        if (jsonnetMapper.isBlank()) {
            throw new IllegalArgumentException("jsonnet_mapper is empty");
        }
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /**
     * The provider for a Keycloak client: the library's default id for these values and
     * {@link KratosClaimsMapper}'s mapper.
     */
    public static KratosProvider forKeycloak(String label, String clientId, String issuerUrl, List<String> scopes,
                                             KratosClientSecret clientSecret) {
        return new KratosProvider(libraryDefaultId(clientId, issuerUrl), label, clientId, issuerUrl, scopes,
                KratosClaimsMapper.JSONNET, clientSecret);
    }

    /**
     * The id the library gives a {@code generic} provider that names none:
     * {@code generic_<sha1(client_id + "_" + issuer_url) in hex>}. It changes exactly when the
     * clientId or the issuer does.
     */
    public static String libraryDefaultId(String clientId, String issuerUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((clientId + "_" + issuerUrl).getBytes(StandardCharsets.UTF_8));
            return PROVIDER + "_" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * Empty when {@code label} can be the sign-in button's text; otherwise why not, to follow the
     * option's name in a status ({@code label is longer than 64 characters}). It must be 1 to
     * {@value #MAX_LABEL_LENGTH} characters, begin with a letter, hold no {@code :} or {@code #},
     * no control character, no space at its end, and not be a word YAML reads as a boolean or null:
     * kratos-operator writes it unquoted into Kratos' YAML ({@link KratosYaml}).
     */
    public static Optional<String> labelProblem(String label) {
        if (label == null || label.isEmpty()) {
            return Optional.of("is empty");
        }
        if (label.codePointCount(0, label.length()) > MAX_LABEL_LENGTH) {
            return Optional.of("is longer than " + MAX_LABEL_LENGTH + " characters");
        }
        if (!Character.isLetter(label.codePointAt(0))) {
            return Optional.of("must begin with a letter");
        }
        if (label.indexOf(':') >= 0 || label.indexOf('#') >= 0) {
            return Optional.of("must not contain : or #");
        }
        if (YAML_WORDS.contains(label.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("must not be " + label + ", which YAML reads as a boolean or null");
        }
        return KratosYaml.problem(label);
    }

    /** {@code scope} as written: the scopes separated by spaces, {@code openid} first when they lack it. */
    public String scope() {
        return String.join(" ", Scopes.merge(scopes, List.of()));
    }

    /** The application databag: {@code providers}, a JSON list of this one provider. */
    public Map<String, String> toDatabag() {
        Map<String, Object> provider = new LinkedHashMap<>();
        provider.put("provider", PROVIDER);
        provider.put("client_id", clientId);
        provider.put("scope", scope());
        provider.put("id", id);
        provider.put("label", label);
        provider.put("jsonnet_mapper", jsonnetMapper);
        provider.put("mapper_url", KratosClaimsMapper.mapperUrl(jsonnetMapper));
        provider.put("issuer_url", issuerUrl);
        clientSecret.writeTo(provider);
        return Map.of("providers", Json.write(List.of(provider)));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KratosProvider that && id.equals(that.id) && label.equals(that.label)
                && clientId.equals(that.clientId) && issuerUrl.equals(that.issuerUrl) && scopes.equals(that.scopes)
                && jsonnetMapper.equals(that.jsonnetMapper) && clientSecret.equals(that.clientSecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, label, clientId, issuerUrl, scopes, jsonnetMapper, clientSecret);
    }

    /** The mapper by its length, the secret by where it goes. */
    @Override
    public String toString() {
        return "KratosProvider[id=" + id + ", label=" + label + ", clientId=" + clientId + ", issuerUrl=" + issuerUrl
                + ", scopes=" + scopes + ", jsonnetMapper=(" + jsonnetMapper.length() + " characters), clientSecret="
                + clientSecret + "]";
    }

    private static void requireYamlText(String value, String key) {
        KratosYaml.problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(key + " " + problem);
        });
    }
}
