package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void defaultScopes_parseInOrder() {
        assertEquals(new Scopes.Valid(List.of("openid", "profile", "email")), Scopes.parse("openid profile email"));
    }

    @Test
    void extraWhitespaceAndRepeats_areForgiven() {
        assertEquals(new Scopes.Valid(List.of("profile", "openid", "groups")),
                Scopes.parse("  profile\topenid  groups\nopenid "));
    }

    @Test
    void withoutOpenid_isInvalid() {
        assertEquals(new Scopes.Invalid("scopes must contain openid"), Scopes.parse("profile email"));
        assertEquals(new Scopes.Invalid("scopes must contain openid"), Scopes.parse(""));
        assertEquals(new Scopes.Invalid("scopes must contain openid"), Scopes.parse("OpenID profile"));
    }

    @Test
    void charactersOutsideRfc6749_areNamed() {
        assertEquals(new Scopes.Invalid("scope pro\"file has a character OAuth does not allow (\")"),
                Scopes.parse("openid pro\"file"));
        assertEquals(new Scopes.Invalid("scope a\\b has a character OAuth does not allow (\\)"), Scopes.parse("openid a\\b"));
        assertEquals(new Scopes.Invalid("scope prófile has a character OAuth does not allow (U+00F3)"),
                Scopes.parse("openid prófile"));
    }

    @Test
    void commaSeparatedScopes_areOneScope_andTheMessageSaysSo() {
        assertEquals(new Scopes.Invalid("scopes must contain openid (separate scopes with spaces, not commas)"),
                Scopes.parse("openid,profile,email"));
    }

    @Test
    void theEchoedScope_staysOnOneShortLine() {
        assertEquals(new Scopes.Invalid("scope pro?file has a character OAuth does not allow (U+0007)"),
                Scopes.parse("openid pro\u0007file"));
        assertEquals(new Scopes.Invalid("scope \"" + "a".repeat(36) + "... has a character OAuth does not allow (\")"),
                Scopes.parseExtra("\"" + "a".repeat(100_000)));
    }

    @Test
    void rfc6749AllowsPunctuation() {
        assertEquals(new Scopes.Valid(List.of("openid", "api:read", "https://x/y", "a!#[]~")),
                Scopes.parse("openid api:read https://x/y a!#[]~"));
    }

    @Test
    void extraScopes_mayBeEmpty_andNeedNoOpenid() {
        assertEquals(new Scopes.Valid(List.of()), Scopes.parseExtra(""));
        assertEquals(new Scopes.Valid(List.of()), Scopes.parseExtra(null));
        assertEquals(new Scopes.Valid(List.of("groups")), Scopes.parseExtra("groups"));
    }

    @Test
    void merge_keepsOrder_dropsRepeats_andAddsOpenidWhenMissing() {
        assertEquals(List.of("openid", "profile", "email", "groups"),
                Scopes.merge(List.of("openid", "profile", "email"), List.of("email", "groups")));
        assertEquals(List.of("openid", "profile"), Scopes.merge(List.of("profile"), List.of()));
        assertEquals(List.of("profile", "openid"), Scopes.merge(List.of("profile", "openid"), List.of("openid")));
    }
}
