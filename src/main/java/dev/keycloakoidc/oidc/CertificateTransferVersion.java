package dev.keycloakoidc.oidc;

import java.util.Map;

/**
 * Which databags a {@code certificate_transfer} provider writes for one requirer, as the
 * interface's library ({@code charms.certificate_transfer_interface.v1}, LIBPATCH 15) decides it:
 * version 1 only when the requirer's application bag holds {@code version} exactly {@code 1} (a
 * string comparison: {@code "1"} in quotes, {@code 1.0} or {@code  1} are version 0), else
 * version 0, the default for requirers that predate the key.
 */
public enum CertificateTransferVersion {

    /**
     * The provider writes unit bags: {@code ca}, {@code certificate}, {@code chain},
     * {@code version} (the library from its leader only; keycloak-oidc from every unit).
     */
    V0,

    /** The provider's leader writes its application bag: {@code certificates}, {@code version}. */
    V1;

    /** The version a requirer asks for through its application bag (empty when it wrote nothing yet). */
    public static CertificateTransferVersion askedBy(Map<String, String> requirerAppData) {
        return "1".equals(requirerAppData.get("version")) ? V1 : V0;
    }
}
