package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectUrisTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://kubeflow.example.com/dex/callback",
        "http://10.64.140.43.nip.io/dex/callback",
        "https://kubeflow.example.com:8443/dex/callback",
        "http://localhost:5556/dex/callback",
        "https://kubeflow.example.com/dex/callback?tenant=a&x=1",
        "HTTPS://Kubeflow.Example.com/dex/callback",
        "https://[::1]:8443/callback",
        "https://kubeflow.example.com",
    })
    void acceptable(String uri) {
        assertEquals(Optional.empty(), RedirectUris.problem(uri));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        ``                                             | is empty
        /dex/callback                                  | is not an absolute URL
        dex/callback                                   | is not an absolute URL
        //kubeflow.example.com/dex/callback            | is not an absolute URL
        javascript:alert(1)                            | must be http or https, not javascript
        ftp://kubeflow.example.com/dex/callback        | must be http or https, not ftp
        https://kubeflow.example.com/dex/callback#x    | has a fragment
        https://kubeflow.example.com/dex/callback#     | has a fragment
        https://*.example.com/dex/callback             | has a wildcard (*)
        https://kubeflow.example.com/*                 | has a wildcard (*)
        https://kubeflow.example.com/dex/callback?a=*  | has a wildcard (*)
        *                                              | has a wildcard (*)
        https://user:pass@kubeflow.example.com/cb      | has user info
        https://user@kubeflow.example.com/cb           | has user info
        `https://kubeflow.example.com/dex/ callback`   | contains whitespace or control characters
        ` https://kubeflow.example.com/dex/callback`   | contains whitespace or control characters
        https:///dex/callback                          | has no host
        https:kubeflow.example.com                     | has no host
        https://kubeflow.example.com:0/cb              | has an invalid port
        https://kubeflow.example.com:70000/cb          | has an invalid port
        https://kube_flow.example.com/cb               | has no valid host
        https://kubeflow.example.com/a^b               | is not a valid URL (Illegal character in path at index 30)
        """)
    void refused(String uri, String problem) {
        assertEquals(Optional.of(problem), RedirectUris.problem(uri));
    }

    @Test
    void controlCharacters_areRefused() {
        assertEquals(Optional.of("contains whitespace or control characters"),
                RedirectUris.problem("https://kubeflow.example.com/cb\n"));
        assertEquals(Optional.of("contains whitespace or control characters"),
                RedirectUris.problem("https://kubeflow.example.com/c\u0000b"));
    }

    /** Regression: these passed java.net.URI ("other" characters) and were registered in Keycloak. */
    @Test
    void nonAsciiCharacters_areRefused() {
        assertEquals(Optional.of("contains a non-ASCII character (U+FFFD); percent-encode it"),
                RedirectUris.problem("https://kubeflow.example.com/cb\uFFFD"));
        assertEquals(Optional.of("contains a non-ASCII character (U+D800); percent-encode it"),
                RedirectUris.problem("https://kubeflow.example.com/cb\uD800"));
        assertEquals(Optional.of("contains a non-ASCII character (U+200B); percent-encode it"),
                RedirectUris.problem("https://kubeflow.example.com/c\u200Bb"));
        assertEquals(Optional.of("contains a non-ASCII character (U+00FC); percent-encode it"),
                RedirectUris.problem("https://m\u00FCnchen.example/cb"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals(Optional.of("is empty"), RedirectUris.problem(null));
    }

    @Test
    void length_isLimitedTo2048() {
        String prefix = "https://kubeflow.example.com/";
        String longest = prefix + "a".repeat(RedirectUris.MAX_LENGTH - prefix.length());

        assertEquals(Optional.empty(), RedirectUris.problem(longest));
        assertEquals(Optional.of("is longer than 2048 characters"), RedirectUris.problem(longest + "a"));
    }
}
