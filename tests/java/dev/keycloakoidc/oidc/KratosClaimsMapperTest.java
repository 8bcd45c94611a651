package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The mapper's text and its URL. Its evaluation was checked with the jsonnet 0.18 interpreter on
 * claims as Kratos encodes them (docs/interfaces/kratos-external-idp/README.md, "The claims
 * mapper"); the login through Kratos that runs it belongs to the end-to-end tests.
 */
class KratosClaimsMapperTest {

    @Test
    void theUrl_isBase64OfTheUtf8Text_withPadding_asPythonsB64encode() {
        // base64.b64encode("é\n".encode()) == b"w6kK"; "ab" needs padding: b"YWI="
        assertEquals("base64://w6kK", KratosClaimsMapper.mapperUrl("\u00e9\n"));
        assertEquals("base64://YWI=", KratosClaimsMapper.mapperUrl("ab"));
        String url = KratosClaimsMapper.mapperUrl(KratosClaimsMapper.JSONNET);
        assertEquals(KratosClaimsMapper.JSONNET, new String(Base64.getDecoder().decode(url.substring(9)), StandardCharsets.UTF_8));
    }

    @Test
    void itReadsTheGroupsClaimTheCharmPutsInTokens_fromRawClaims() {
        assertTrue(KratosClaimsMapper.JSONNET.contains("'" + Scopes.GROUPS_CLAIM + "' in raw && std.isArray(raw." + Scopes.GROUPS_CLAIM + ")"),
                "Kratos keeps non-standard claims under raw_claims only");
        assertTrue(KratosClaimsMapper.JSONNET.contains("local raw = if 'raw_claims' in claims then claims.raw_claims else {};"));
    }

    @Test
    void itFillsTheTraitsOfKratosOperatorsDefaultSchema_andEmailOnlyWhenVerified() {
        for (String trait : new String[] {"name", "given_name", "family_name", "preferred_username"}) {
            assertTrue(KratosClaimsMapper.JSONNET.contains("[if has('" + trait + "') then '" + trait + "']: claims." + trait + ","), trait);
        }
        assertTrue(KratosClaimsMapper.JSONNET.contains(
                "[if has('email') && 'email_verified' in claims && claims.email_verified == true then 'email']: claims.email,"));
    }
}
