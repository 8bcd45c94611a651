package dev.keycloakoidc.oidc;

import dev.keycloakoidc.http.TlsFixtures;

/** Three CA certificates made by keytool, shared by the certificate_transfer tests. */
final class CertificateTransferFixtures {

    static final TlsFixtures.PrivateCa CA_A = TlsFixtures.sharedCas().get(0);
    static final TlsFixtures.PrivateCa CA_B = TlsFixtures.sharedCas().get(1);
    static final TlsFixtures.PrivateCa CA_C = TlsFixtures.sharedCas().get(2);

    private CertificateTransferFixtures() {}
}
