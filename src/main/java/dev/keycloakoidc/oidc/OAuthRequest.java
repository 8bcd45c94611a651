package dev.keycloakoidc.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@code oauth} requirer asks for, read from its application databag as the interface's
 * library reads it: every value decoded first ({@link OAuthValues#decode}), then held to the
 * library's requirer schema (types, the grant types and authentication methods it allows, the
 * keys it always sends, {@code redirect_uri} with {@code authorization_code}), then to the charm's
 * own rules (a grant that issues tokens, the redirect rules of {@link RedirectUris}, OAuth's scope
 * syntax, audiences a Keycloak mapper can hold).
 */
public final class OAuthRequest {

    /** The keys the library's schema requires once a requirer writes anything. */
    static final List<String> REQUIRED = List.of("audience", "scope", "grant_types", "token_endpoint_auth_method");
    static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");
    /** Each audience names a protocol mapper of its own (Keycloak caps names at 255 characters). */
    public static final int MAX_AUDIENCE_LENGTH = 200;

    private static final Set<GrantType> ISSUING = EnumSet.of(GrantType.AUTHORIZATION_CODE,
            GrantType.CLIENT_CREDENTIALS, GrantType.DEVICE_CODE);

    private OAuthRequest() {}

    /** The outcome of reading a requirer's databag. */
    public sealed interface Parsed permits Nothing, Valid, Invalid {}

    /** An empty databag: the requirer wants the provider's settings and no client. */
    public record Nothing() implements Parsed {}

    /**
     * A request to serve.
     *
     * @param redirectUri the callback to register, present exactly when {@code authorization_code} is asked for
     * @param scopes      the requirer's {@code scope}, distinct, in its order
     * @param audiences   distinct, in the requirer's order
     */
    public record Valid(Set<GrantType> grantTypes, Optional<String> redirectUri, List<String> scopes,
                        List<String> audiences) implements Parsed {
        public Valid {
            grantTypes = Collections.unmodifiableSet(grantTypes.isEmpty() ? EnumSet.noneOf(GrantType.class)
                    : EnumSet.copyOf(grantTypes));
            scopes = List.copyOf(scopes);
            audiences = List.copyOf(audiences);
        }
    }

    /** Status-ready, beginning with the field: {@code grant_types has implicit, not one of ...}. */
    public record Invalid(String problem) implements Parsed {}

    public static Parsed parse(Map<String, String> bag) {
        if (bag.isEmpty()) {
            return new Nothing();
        }
        Map<String, JsonNode> data = new LinkedHashMap<>();
        bag.forEach((key, raw) -> data.put(key, OAuthValues.decode(raw)));
        Optional<String> problem = schemaProblem(data);
        if (problem.isPresent()) {
            return new Invalid(problem.get());
        }
        Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
        data.get("grant_types").forEach(g -> grants.add(GrantType.fromWire(g.textValue()).orElseThrow()));
        if (grants.stream().noneMatch(ISSUING::contains)) {
            return new Invalid("grant_types asks for no grant that issues tokens ("
                    + String.join(", ", ISSUING.stream().map(GrantType::wireName).toList()) + ")");
        }
        Optional<String> redirectUri = Optional.empty();
        if (grants.contains(GrantType.AUTHORIZATION_CODE)) {
            String uri = data.get("redirect_uri").textValue();
            problem = RedirectUris.problem(uri);
            if (problem.isPresent()) {
                return new Invalid("redirect_uri " + problem.get());
            }
            redirectUri = Optional.of(uri);
        }
        Scopes.Parsed scopes = Scopes.parseExtra(data.get("scope").textValue());
        if (scopes instanceof Scopes.Invalid invalid) {
            return new Invalid(invalid.problem());
        }
        Set<String> audiences = new LinkedHashSet<>();
        for (JsonNode entry : data.get("audience")) {
            problem = audienceProblem(entry.textValue());
            if (problem.isPresent()) {
                return new Invalid(problem.get());
            }
            audiences.add(entry.textValue());
        }
        return new Valid(grants, redirectUri, ((Scopes.Valid) scopes).scopes(), new ArrayList<>(audiences));
    }

    /** The first way {@code data} breaks the library's requirer schema, in the schema's order. */
    private static Optional<String> schemaProblem(Map<String, JsonNode> data) {
        JsonNode redirect = data.get("redirect_uri");
        if (redirect != null && !redirect.isTextual()) {
            return Optional.of("redirect_uri must be text, not " + OAuthValues.describe(redirect));
        }
        JsonNode audience = data.get("audience");
        if (audience != null && !isListOfText(audience)) {
            return Optional.of("audience must be a JSON list of strings, not " + OAuthValues.describe(audience));
        }
        JsonNode scope = data.get("scope");
        if (scope != null && !scope.isTextual()) {
            return Optional.of("scope must be text, not " + OAuthValues.describe(scope));
        }
        JsonNode grants = data.get("grant_types");
        if (grants != null) {
            if (!grants.isArray()) {
                return Optional.of("grant_types must be a JSON list, not " + OAuthValues.describe(grants));
            }
            for (JsonNode grant : grants) {
                if (!grant.isTextual() || GrantType.fromWire(grant.textValue()).isEmpty()) {
                    return Optional.of("grant_types has " + (grant.isTextual() ? OAuthValues.shorten(grant.textValue())
                            : OAuthValues.describe(grant)) + ", not one of "
                            + String.join(", ", Arrays.stream(GrantType.values()).map(GrantType::wireName).toList()));
                }
            }
        }
        JsonNode method = data.get("token_endpoint_auth_method");
        if (method != null && !(method.isTextual() && AUTH_METHODS.contains(method.textValue()))) {
            return Optional.of("token_endpoint_auth_method must be " + String.join(" or ", AUTH_METHODS)
                    + ", not " + OAuthValues.describe(method));
        }
        for (String key : REQUIRED) {
            if (!data.containsKey(key)) {
                return Optional.of(key + " is missing (the oauth library always sends it)");
            }
        }
        boolean authorizationCode = false;
        for (JsonNode grant : grants) {
            authorizationCode |= grant.textValue().equals(GrantType.AUTHORIZATION_CODE.wireName());
        }
        if (authorizationCode && redirect == null) {
            return Optional.of("redirect_uri is missing, and grant_types has authorization_code");
        }
        return Optional.empty();
    }

    private static Optional<String> audienceProblem(String audience) {
        if (audience.isBlank()) {
            return Optional.of("audience has an empty entry");
        }
        if (audience.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("audience " + OAuthValues.shorten(audience) + " contains control characters");
        }
        if (audience.length() > MAX_AUDIENCE_LENGTH) {
            return Optional.of("audience " + OAuthValues.shorten(audience) + " is longer than "
                    + MAX_AUDIENCE_LENGTH + " characters");
        }
        return Optional.empty();
    }

    private static boolean isListOfText(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
