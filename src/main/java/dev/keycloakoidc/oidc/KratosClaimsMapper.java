package dev.keycloakoidc.oidc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The Jsonnet claims mapper the charm hands Kratos with its provider on {@code kratos-external-idp}:
 * Kratos runs it on a Keycloak login's claims to make the new identity.
 *
 * <p>Kratos calls it with {@code std.extVar('claims')}: its own {@code Claims} struct as JSON
 * (ory/kratos, {@code selfservice/strategy/oidc/provider.go}, v26.2.0, the release kratos-operator
 * runs), standard claims by name, empty ones left out, and every claim of the ID token under
 * {@code raw_claims}. So {@code groups}, which is not a standard claim, is read from there. What it
 * makes fits kratos-operator's default identity schema ({@code social_user_v0}: flat string traits
 * {@code email} (required, an e-mail address), {@code name}, {@code given_name},
 * {@code family_name}, {@code preferred_username}, ...):
 *
 * <ul>
 *   <li>{@code email} only when Keycloak says it is verified ({@code email_verified}), as
 *       kratos-operator's own default mapper does: Kratos makes it a login identifier and the
 *       recovery address. Keycloak users without a verified address cannot register through
 *       Kratos (the schema requires {@code email}); the charm's {@code create-user} marks the
 *       address verified.</li>
 *   <li>the names as they are: Keycloak's {@code profile} scope sends {@code name},
 *       {@code given_name}, {@code family_name} and {@code preferred_username}.</li>
 *   <li>the groups claim ({@link Scopes#GROUPS_CLAIM}, in ID tokens when {@code groups} is among
 *       the scopes) as {@code metadata_public.groups}, not as a trait: a user may edit their own
 *       traits through Kratos' settings flow, not their metadata, and metadata is held to no
 *       identity schema.</li>
 * </ul>
 *
 * Kratos runs a mapper when an identity is registered, so later changes in Keycloak (a new group)
 * do not reach an identity that exists.
 */
public final class KratosClaimsMapper {

    /** The mapper's source. Kratos evaluates it with go-jsonnet. */
    public static final String JSONNET = """
            // keycloak-oidc: a Keycloak ID token's claims as the traits of kratos-operator's default
            // identity schema (social_user_v0), and the user's groups as public metadata.
            local claims = std.extVar('claims');
            local raw = if 'raw_claims' in claims then claims.raw_claims else {};
            local has(name) = name in claims && std.isString(claims[name]) && claims[name] != '';
            {
              identity: {
                traits: {
                  // Only a verified address: Kratos makes it a login identifier and the recovery address.
                  [if has('email') && 'email_verified' in claims && claims.email_verified == true then 'email']: claims.email,
                  [if has('name') then 'name']: claims.name,
                  [if has('given_name') then 'given_name']: claims.given_name,
                  [if has('family_name') then 'family_name']: claims.family_name,
                  [if has('preferred_username') then 'preferred_username']: claims.preferred_username,
                },
                // Not a trait: a user may edit their own traits through Kratos' settings flow.
                [if 'groups' in raw && std.isArray(raw.groups) then 'metadata_public']: {
                  groups: [g for g in raw.groups if std.isString(g)],
                },
              },
            }
            """;

    private KratosClaimsMapper() {}

    /**
     * {@link #JSONNET} as Kratos fetches it: a {@code base64://} URL of its UTF-8 bytes, standard
     * alphabet with padding, as the library derives {@code mapper_url} from {@code jsonnet_mapper}
     * ({@code base64.b64encode}).
     */
    public static String mapperUrl(String jsonnet) {
        return "base64://" + Base64.getEncoder().encodeToString(jsonnet.getBytes(StandardCharsets.UTF_8));
    }
}
