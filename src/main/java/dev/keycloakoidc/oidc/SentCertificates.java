package dev.keycloakoidc.oidc;

import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the charm sends on a {@code certificate_transfer} relation it provides: every CA it trusts
 * for Keycloak, one PEM certificate per entry, in a stable order. The bags are written as the
 * interface's library (LIBPATCH 15) writes them, every value through {@code json.dumps}: a list
 * as a JSON array, a string as a JSON string (so {@code ca} is quoted, with {@code \n} escapes),
 * a number as its digits. The library's readers run {@code json.loads} on each value and refuse
 * a bag where that fails.
 *
 * <p>Unlike the library, an empty bundle clears the bag instead of writing
 * {@code certificates: []} (v1) or leaving the last certificates in place (v0): with nothing to
 * trust, a requirer should hold nothing.
 *
 * @param certificates the CAs to send; may be empty
 */
public record SentCertificates(CaBundle certificates) {

    public SentCertificates {
        Objects.requireNonNull(certificates, "certificates");
    }

    /** The provider's two bags for one relation; the one the version does not use is empty. */
    public record Databags(Map<String, String> app, Map<String, String> unit) {
        public Databags {
            app = Collections.unmodifiableMap(new LinkedHashMap<>(app));
            unit = Collections.unmodifiableMap(new LinkedHashMap<>(unit));
        }
    }

    /**
     * Both bags for a requirer that asked for {@code version}: the other bag is emptied, so that a
     * requirer that moves from v0 to v1 (its leader writes {@code version} after the provider's
     * first hook) reads no stale unit data.
     */
    public Databags databags(CertificateTransferVersion version) {
        return version == CertificateTransferVersion.V1
                ? new Databags(appDatabag(), Map.of())
                : new Databags(Map.of(), unitDatabag());
    }

    /**
     * Version 1, the leader's application bag: {@code certificates}, a JSON array of PEM texts,
     * and {@code version: 1}. Empty when there is nothing to send.
     */
    public Map<String, String> appDatabag() {
        if (certificates.isEmpty()) {
            return Map.of();
        }
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("certificates", Json.write(certificates.pems()));
        bag.put("version", "1");
        return Collections.unmodifiableMap(bag);
    }

    /**
     * Version 0, a unit's own bag, as the library's provider writes it for a v0 requirer:
     * {@code ca} and {@code certificate} the first certificate (each a JSON string),
     * {@code chain} all of them (a JSON array), {@code version: 0}. Every unit writes the same,
     * since the library's v1 reader falls back to any one unit's bag. Empty when there is nothing
     * to send.
     */
    public Map<String, String> unitDatabag() {
        if (certificates.isEmpty()) {
            return Map.of();
        }
        String first = Json.write(certificates.pems().get(0));
        Map<String, String> bag = new LinkedHashMap<>();
        bag.put("ca", first);
        bag.put("certificate", first);
        bag.put("chain", Json.write(certificates.pems()));
        bag.put("version", "0");
        return Collections.unmodifiableMap(bag);
    }
}
