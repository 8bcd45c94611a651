package dev.keycloakoidc.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void segments_areAppendedToTheBasePath_eachEscapedWhole() {
        URI url = Urls.withSegments(URI.create("https://kc.example.com/auth/"), "admin", "realms", "a/b c", "é?#%");

        assertEquals("https://kc.example.com/auth/admin/realms/a%2Fb%20c/%C3%A9%3F%23%25", url.toString());
        assertEquals("/auth/admin/realms/a%2Fb%20c/%C3%A9%3F%23%25", url.getRawPath());
        assertEquals("/auth/admin/realms/a/b c/é?#%", url.getPath());
    }

    @Test
    void aBaseWithoutPath_getsNoDoubleSlash() {
        assertEquals("http://127.0.0.1:8080/realms/kubeflow",
                Urls.withSegments(URI.create("http://127.0.0.1:8080"), "realms", "kubeflow").toString());
    }

    @Test
    void queryValues_areEscaped_soAPlusStaysAPlus() {
        URI url = Urls.withQuery(URI.create("https://kc/admin/realms/r/users"), "email", "a+b@example.com", "exact", "true");

        assertEquals("email=a%2Bb%40example.com&exact=true", url.getRawQuery());
        assertEquals("email=a+b@example.com&exact=true", url.getQuery());
    }

    @Test
    void aNameWithoutValue_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> Urls.withQuery(URI.create("https://kc/"), "clientId"));
    }
}
