package dev.keycloakoidc.oidc;

import dev.keycloakoidc.http.TlsFixtures;
import java.nio.file.Files;
import java.nio.file.Path;

/** Three CA certificates made once per test JVM by keytool, for the certificate_transfer tests. */
final class CertificateTransferFixtures {

    static final TlsFixtures.PrivateCa CA_A;
    static final TlsFixtures.PrivateCa CA_B;
    static final TlsFixtures.PrivateCa CA_C;

    static {
        try {
            Path dir = Files.createTempDirectory("certificate-transfer");
            dir.toFile().deleteOnExit();
            CA_A = TlsFixtures.privateCa(dir, "CA A");
            CA_B = TlsFixtures.privateCa(dir, "CA B");
            CA_C = TlsFixtures.privateCa(dir, "CA C");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CertificateTransferFixtures() {}
}
