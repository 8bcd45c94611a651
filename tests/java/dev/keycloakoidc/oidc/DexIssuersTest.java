package dev.keycloakoidc.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DexIssuersTest {

    @ParameterizedTest
    @CsvSource({
        "https://kubeflow.example.com/dex, https://kubeflow.example.com/dex/callback",
        "https://kubeflow.example.com/dex/, https://kubeflow.example.com/dex/callback",
        "http://10.64.140.43.nip.io/dex//, http://10.64.140.43.nip.io/dex/callback",
        "https://dex.example.com, https://dex.example.com/callback",
        "https://dex.example.com/, https://dex.example.com/callback",
    })
    void callbackUrl_isIssuerPlusCallback_withoutDoubleSlash(String issuer, String callback) {
        assertEquals(callback, DexIssuers.callbackUrl(issuer));
    }

    @ParameterizedTest
    @CsvSource({
        "http://dex-auth.kubeflow.svc:5556/dex, dex-auth.kubeflow.svc",
        "http://dex-auth.kubeflow.svc.cluster.local:5556/dex, dex-auth.kubeflow.svc.cluster.local",
        "http://dex-auth:5556/dex, dex-auth",
        "http://DEX-AUTH.kubeflow.SVC/dex, dex-auth.kubeflow.svc",
    })
    void clusterInternalHosts_areWarnedAbout(String issuer, String host) {
        assertEquals(Optional.of("browsers cannot reach " + host + " (Dex issuer-url is cluster-internal)"),
                DexIssuers.warning(issuer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://kubeflow.example.com/dex", "http://10.64.140.43.nip.io/dex",
        "http://localhost:5556/dex", "http://127.0.0.1:5556/dex", "http://[::1]:5556/dex",
        "https://svc.example.com/dex", "HTTPS://Kubeflow.Example.com/dex"})
    void reachableHosts_areNot(String issuer) {
        assertEquals(Optional.empty(), DexIssuers.warning(issuer));
    }

    @Test
    void notAUrl_isSaidSo() {
        assertEquals(Optional.of("Dex issuer-url is not an http or https URL: dex-auth:5556"), DexIssuers.warning("dex-auth:5556"));
    }
}
