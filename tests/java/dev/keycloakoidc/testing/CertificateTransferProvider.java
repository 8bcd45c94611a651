package dev.keycloakoidc.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code certificate_transfer} provider as self-signed-certificates (and lego, and
 * manual-tls-certificates) sends its CA: through the v1 library's {@code add_certificates}
 * (LIBPATCH 15; {@code charmlibs-interfaces-certificate-transfer} 1.0.0 is the same code). Use it
 * where keycloak-oidc is the requirer ({@code receive-ca-cert}): the requirer's bag is the
 * charm's own application bag, the provider's are the remote ones.
 *
 * <p>Facts from the library's source (canonical/kratos-operator,
 * {@code lib/charms/certificate_transfer_interface/v1/certificate_transfer.py}): only the leader
 * writes (a non-leader logs a warning); the certificates already sent
 * ({@code _get_relation_data}) are unioned with the new ones; {@code _set_relation_data} writes
 * v1 when the requirer's app bag holds {@code version == "1"}, clearing the provider's app bag
 * and dumping {@code certificates} ({@code json.dumps} of the set as a list) and
 * {@code version: 1}; else, only when there are certificates, the writing unit's bag, cleared,
 * with {@code ca} and {@code certificate} the first certificate and {@code chain} all of them
 * (each value {@code json.dumps}ed, so {@code ca} is a quoted JSON string) and {@code version: 0}.
 * Python's set order varies from process to process; this stand-in keeps insertion order.
 */
public final class CertificateTransferProvider {

    private CertificateTransferProvider() {}

    /** The provider's bags after one call; a bag the library does not touch is {@code Optional.empty()}. */
    public record Written(Optional<Map<String, String>> app, Optional<Map<String, String>> unit) {}

    /**
     * {@code add_certificates(certificates)} on the leader, given the requirer's app bag and the
     * provider's own bags as they are.
     */
    public static Written addCertificates(Map<String, String> requirerApp, Map<String, String> providerApp,
                                          Map<String, String> providerUnit, Set<String> certificates) {
        boolean v1 = "1".equals(requirerApp.getOrDefault("version", "0"));
        Set<String> all = new LinkedHashSet<>(v1 ? sentV1(providerApp) : sentV0(providerUnit));
        all.addAll(certificates);
        return set(v1, all);
    }

    /** {@code remove_all_certificates()} on the leader. */
    public static Written removeAllCertificates(Map<String, String> requirerApp) {
        return set("1".equals(requirerApp.getOrDefault("version", "0")), Set.of());
    }

    /**
     * Plays {@code add_certificates(certificates)} by the provider's leader {@code leaderUnit} on
     * {@code relationId} of {@code juju}, whose charm is the requirer.
     */
    public static void addCertificates(FakeJuju juju, String relationId, String leaderUnit, Set<String> certificates) {
        apply(juju, relationId, leaderUnit, addCertificates(juju.localAppData(relationId), juju.remoteAppData(relationId),
                juju.remoteUnitData(relationId, leaderUnit), certificates));
    }

    /** Plays {@code remove_all_certificates()} by {@code leaderUnit}. */
    public static void removeAllCertificates(FakeJuju juju, String relationId, String leaderUnit) {
        apply(juju, relationId, leaderUnit, removeAllCertificates(juju.localAppData(relationId)));
    }

    /**
     * What a provider on the v0 library (LIBPATCH 11) writes with {@code set_certificate}:
     * {@code certificate} and {@code ca} as raw PEM (not JSON, unlike the v1 library's v0 bags),
     * {@code chain} as {@code json.dumps}, {@code version} as {@code str(0)}.
     */
    public static Map<String, String> v0LibraryUnitData(String certificate, String ca, List<String> chain) {
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("certificate", certificate);
        bag.put("ca", ca);
        bag.put("chain", PythonJson.dumps(chain));
        bag.put("version", "0");
        return bag;
    }

    private static void apply(FakeJuju juju, String relationId, String unit, Written written) {
        written.app().ifPresent(bag -> juju.setRemoteAppData(relationId, bag));
        written.unit().ifPresent(bag -> juju.setRemoteUnitData(relationId, unit, bag));
    }

    private static Written set(boolean v1, Set<String> certificates) {
        if (v1) {
            Map<String, String> app = new LinkedHashMap<>();
            app.put("certificates", PythonJson.dumps(new ArrayList<>(certificates)));
            app.put("version", PythonJson.dumps(1));
            return new Written(Optional.of(app), Optional.empty());
        }
        if (certificates.isEmpty()) {
            return new Written(Optional.empty(), Optional.empty());
        }
        String first = certificates.iterator().next();
        Map<String, String> unit = new LinkedHashMap<>();
        unit.put("ca", PythonJson.dumps(first));
        unit.put("certificate", PythonJson.dumps(first));
        unit.put("chain", PythonJson.dumps(new ArrayList<>(certificates)));
        unit.put("version", PythonJson.dumps(0));
        return new Written(Optional.empty(), Optional.of(unit));
    }

    /** {@code ProviderApplicationData().load(databag).certificates}, the empty set on any error. */
    private static Set<String> sentV1(Map<String, String> providerApp) {
        return CertificateTransferRequirer.read(providerApp, Optional.empty()).certificates();
    }

    /** {@code ProviderUnitDataV0.load(databag).chain}, the empty set when absent or on any error. */
    private static Set<String> sentV0(Map<String, String> providerUnit) {
        return CertificateTransferRequirer.readV0Unit(providerUnit).certificates();
    }
}
