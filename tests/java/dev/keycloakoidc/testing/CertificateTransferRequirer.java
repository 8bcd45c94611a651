package dev.keycloakoidc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code certificate_transfer} requirer as the interface's library reads a provider: the v1
 * library ({@code charms.certificate_transfer_interface.v1.certificate_transfer}, LIBPATCH 15, the
 * same code as LIBPATCH 12 in oauth2-proxy-k8s and {@code charmlibs-interfaces-certificate-transfer}
 * 1.0.0 in lego), used by kratos and oauth2-proxy-k8s, and the v0 library (LIBPATCH 11). Use it
 * where keycloak-oidc is the provider ({@code send-ca-cert}): the provider's bags are the charm's
 * own ({@link FakeJuju#localAppData}, {@link FakeJuju#localUnitData}).
 *
 * <p>Facts from the library's source (read in canonical/kratos-operator,
 * {@code lib/charms/certificate_transfer_interface/v1/certificate_transfer.py}):
 * {@code _on_relation_created} has the leader dump {@code RequirerApplicationData()}, that is
 * {@code version: "1"}; {@code _get_relation_data} loads {@code ProviderApplicationData} from the
 * provider's app bag (each of {@code certificates}, {@code version} through {@code json.loads},
 * then pydantic: a set of strings, an int) and, when its certificates are empty and the relation
 * has units, {@code ProviderUnitDataV0} from the bag of {@code relation.units.pop()}, one unit
 * out of a Python set, so any unit ({@code ca}, {@code certificate} required strings,
 * {@code chain} an optional list of strings), returning {@code set(chain)}. Any
 * {@code DataValidationError} is logged and gives the empty set.
 */
public final class CertificateTransferRequirer {

    private CertificateTransferRequirer() {}

    /** What the requirer's leader writes in its application bag on {@code relation-created}. */
    public static Map<String, String> appData() {
        return Map.of("version", PythonJson.dumps(1));
    }

    /** What the library's v0 requirer (LIBPATCH 11) writes instead: {@code str(LIBAPI)}. */
    public static Map<String, String> appDataV0() {
        return Map.of("version", "0");
    }

    /**
     * What {@code get_all_certificates} returns for one relation, and the error the library logs
     * when it gives up on a bag.
     */
    public record Read(Set<String> certificates, Optional<String> error) {
        public Read {
            certificates = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(certificates));
        }
    }

    /**
     * {@code _get_relation_data}, with {@code poppedUnit} the bag of the unit that
     * {@code relation.units.pop()} returned (empty when the relation has no units).
     */
    public static Read read(Map<String, String> providerApp, Optional<Map<String, String>> poppedUnit) {
        Map<String, JsonNode> app = new java.util.HashMap<>();
        for (String key : List.of("certificates", "version")) {
            if (providerApp.containsKey(key)) {
                Optional<JsonNode> value = PythonJson.loads(providerApp.get(key));
                if (value.isEmpty()) {
                    return new Read(Set.of(), Optional.of("invalid databag contents: expecting json. " + providerApp));
                }
                app.put(key, value.get());
            }
        }
        Optional<Set<String>> certificates = app.containsKey("certificates") ? strings(app.get("certificates")) : Optional.of(Set.of());
        if (certificates.isEmpty() || (app.containsKey("version") && !isInt(app.get("version")))) {
            return new Read(Set.of(), Optional.of("failed to validate databag: " + providerApp));
        }
        if (!certificates.get().isEmpty() || poppedUnit.isEmpty()) {
            return new Read(certificates.get(), Optional.empty());
        }
        return readV0Unit(poppedUnit.get());
    }

    /** {@code ProviderUnitDataV0.load(databag).chain}, as the v1 library falls back to it. */
    static Read readV0Unit(Map<String, String> bag) {
        Map<String, JsonNode> unit = new java.util.HashMap<>();
        for (String key : List.of("ca", "certificate", "chain", "version")) {
            if (bag.containsKey(key)) {
                Optional<JsonNode> value = PythonJson.loads(bag.get(key));
                if (value.isEmpty()) {
                    return new Read(Set.of(), Optional.of("invalid databag contents: expecting json. " + bag));
                }
                unit.put(key, value.get());
            }
        }
        boolean valid = unit.containsKey("ca") && unit.get("ca").isTextual()
                && unit.containsKey("certificate") && unit.get("certificate").isTextual()
                && (!unit.containsKey("version") || isInt(unit.get("version")));
        JsonNode chain = unit.get("chain");
        Optional<Set<String>> chainSet = chain == null || chain.isNull() ? Optional.of(Set.of()) : strings(chain);
        if (!valid || chainSet.isEmpty()) {
            return new Read(Set.of(), Optional.of("failed to validate databag: " + bag));
        }
        return new Read(chainSet.get(), Optional.empty());
    }

    /**
     * The library's reading of one relation whichever provider unit {@code relation.units.pop()}
     * returns: one {@link Read} per unit of the charm (the provider), in unit order. A provider
     * that serves v0 requirers correctly gives the same for every unit.
     */
    public static List<Read> readEveryWay(FakeJuju juju, String relationId) {
        List<Read> reads = new ArrayList<>();
        for (String unit : juju.units()) {
            reads.add(read(juju.localAppData(relationId), Optional.of(juju.localUnitData(relationId, unit))));
        }
        return reads;
    }

    /**
     * The v0 library (LIBPATCH 11) on {@code relation-changed} from {@code unitBag}'s unit: each
     * value through {@code json.loads}, the text kept where that fails, then its JSON schema
     * (at least one of {@code certificate}, {@code ca}, {@code chain}; strings, a list of
     * strings, an integer {@code version}). Empty when the schema refuses it (the library logs a
     * warning and emits nothing).
     */
    public static Optional<V0Event> readV0(Map<String, String> unitBag) {
        Map<String, JsonNode> data = new java.util.HashMap<>();
        unitBag.forEach((key, value) -> data.put(key, PythonJson.loadsOrText(value)));
        boolean any = data.containsKey("certificate") || data.containsKey("ca") || data.containsKey("chain");
        boolean typed = textOrAbsent(data.get("certificate")) && textOrAbsent(data.get("ca"))
                && (data.get("chain") == null || strings(data.get("chain")).isPresent())
                && (data.get("version") == null || data.get("version").isIntegralNumber());
        if (!any || !typed) {
            return Optional.empty();
        }
        List<String> chain = new ArrayList<>();
        if (data.get("chain") != null) {
            data.get("chain").forEach(entry -> chain.add(entry.textValue()));
        }
        return Optional.of(new V0Event(text(data.get("certificate")), text(data.get("ca")), chain));
    }

    /** The v0 library's {@code CertificateAvailableEvent}: {@code certificate}, {@code ca}, {@code chain}. */
    public record V0Event(Optional<String> certificate, Optional<String> ca, List<String> chain) {}

    private static boolean textOrAbsent(JsonNode value) {
        return value == null || value.isTextual();
    }

    private static Optional<String> text(JsonNode value) {
        return value == null ? Optional.empty() : Optional.of(value.textValue());
    }

    /** pydantic's {@code set[str]} from JSON: an array of strings, repeats collapsed. */
    private static Optional<Set<String>> strings(JsonNode value) {
        if (!value.isArray()) {
            return Optional.empty();
        }
        Set<String> set = new LinkedHashSet<>();
        for (JsonNode entry : value) {
            if (!entry.isTextual()) {
                return Optional.empty();
            }
            set.add(entry.textValue());
        }
        return Optional.of(set);
    }

    /**
     * pydantic's lax {@code int} from JSON: an integer, a float with no fraction, or a string of
     * an integer. (Booleans, which pydantic also takes, do not occur here.)
     */
    private static boolean isInt(JsonNode value) {
        if (value.isIntegralNumber()) {
            return true;
        }
        if (value.isFloatingPointNumber()) {
            return Double.isFinite(value.doubleValue()) && value.doubleValue() == Math.rint(value.doubleValue());
        }
        return value.isTextual() && value.textValue().strip().matches("[+-]?\\d+");
    }
}
