package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keycloakoidc.http.HttpUrl.Defect;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one parse behind keycloak-url, issuer, redirect URIs, Dex issuer URLs and discovery. */
class HttpUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://kc.example.com/realms/x",
        "http://127.0.0.1:8080",
        "HTTPS://Keycloak.Example.com",
        "Http://kc.example.com:8443/auth/",
        "HTTP://[::1]:8080",
        // the caller's rules decide about these
        "https://kc.example.com/?a=1#f",
        "https://user:pw@kc.example.com/",
    })
    void absoluteHttpUrls_inAnyCase_areValid_asGiven(String text) {
        assertEquals(new HttpUrl.Valid(URI.create(text)), HttpUrl.parse(text));
        assertEquals(Optional.of(URI.create(text)), HttpUrl.valid(text));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        /dex/callback                    | RELATIVE
        keycloak.example.com             | RELATIVE
        //kc.example.com/x               | RELATIVE
        ftp://kc.example.com/            | NOT_HTTP
        javascript:alert(1)              | NOT_HTTP
        dex-auth:5556                    | NOT_HTTP
        https:///realms/x                | NO_HOST
        https:kc.example.com             | NO_HOST
        https://kube_flow.example.com/cb | INVALID_HOST
        https://kc.example.com:0/        | INVALID_PORT
        HTTPS://kc.example.com:70000/    | INVALID_PORT
        """)
    void urisThatNoRequestCouldUse_areUnfit_sayingWhy(String text, Defect defect) {
        assertEquals(new HttpUrl.Unfit(defect, URI.create(text)), HttpUrl.parse(text));
        assertEquals(Optional.empty(), HttpUrl.valid(text));
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        http://                   | Expected authority           | 7
        `https://kc example/`     | Illegal character in authority | 8
        https://kc.example.com/%zz | Malformed escape pair       | 23
        """)
    void textThatIsNoUri_isMalformed_withUrisReason(String text, String reason, int index) {
        assertEquals(new HttpUrl.Malformed(reason, index), HttpUrl.parse(text));
    }
}
