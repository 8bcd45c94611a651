package dev.keycloakoidc.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.keycloakoidc.http.CaBundle;
import dev.keycloakoidc.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code certificate_transfer} provider sends to the charm, read from its bags the way
 * the interface's library (LIBPATCH 15) reads them, with one difference: where the library logs
 * an error and trusts nothing, this says what is wrong, so that the status can name the provider.
 *
 * <ul>
 *   <li>Version 1: the provider's application bag, {@code certificates}, a JSON array of PEM
 *       texts ({@code json.loads}, as Python reads JSON). {@code version} is not looked at: the
 *       library's reader does not either, beyond its type.</li>
 *   <li>Version 0, when {@code certificates} is absent or empty (the library's fall-back): the
 *       provider's unit bags, read as the v0 library reads them ({@code json.loads}, keeping the
 *       text where that fails, so both the v1 library's quoted {@code ca} and the v0 library's raw
 *       PEM read). {@code ca} and every {@code chain} entry are trusted; {@code certificate} is
 *       the provider's own certificate in v0 and is not. Every unit's bag counts, where the
 *       library reads one unit chosen at random; empty bags are skipped.</li>
 * </ul>
 *
 * <p>Each PEM text may hold several certificates (a bundle in one entry); each certificate is
 * read through {@link CaBundle#parse}. Repeats are dropped, order is kept.
 */
public final class ReceivedCertificates {

    /** What the charm writes as requirer, in its application bag (leader only): it reads version 1. */
    public static final Map<String, String> REQUIRER_APP_DATA = Map.of("version", "1");

    private ReceivedCertificates() {}

    /** Where the certificates came from. */
    public enum Source {
        /** The provider's application bag, {@code certificates}. */
        APP_V1,
        /** The provider's unit bags, {@code ca} and {@code chain}. */
        UNITS_V0,
        /** Nothing sent yet, or nothing at all. */
        NOTHING
    }

    /** The outcome of reading one relation's bags. */
    public sealed interface Parsed permits Valid, Invalid {}

    /** The provider's certificates, possibly none. */
    public record Valid(CaBundle certificates, Source source) implements Parsed {}

    /**
     * A status-ready reason naming the key and, for unit bags, the unit, e.g.
     * {@code certificates entry 2 is not a PEM certificate} or
     * {@code unit ca/0: chain is not a JSON list (text (abc))}.
     */
    public record Invalid(String problem) implements Parsed {}

    /**
     * Reads one relation.
     *
     * @param appData   the provider's application bag
     * @param unitsData each provider unit's bag by unit name, in the order to read them (unit
     *                  number order, for a stable result)
     */
    public static Parsed parse(Map<String, String> appData, Map<String, Map<String, String>> unitsData) {
        String certificates = appData.get("certificates");
        if (certificates != null) {
            Optional<JsonNode> list = jsonLoads(certificates);
            if (list.isEmpty()) {
                return new Invalid("certificates is not a JSON list (not JSON at all)");
            }
            if (!list.get().isArray()) {
                return new Invalid("certificates is not a JSON list (" + OAuthValues.describe(list.get()) + ")");
            }
            if (!list.get().isEmpty()) {
                List<CaBundle> read = new ArrayList<>();
                Optional<String> problem = entries(list.get(), "certificates entry ", read);
                return problem.<Parsed>map(Invalid::new)
                        .orElseGet(() -> new Valid(CaBundle.empty().union(read), Source.APP_V1));
            }
        }
        List<CaBundle> read = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> unit : unitsData.entrySet()) {
            Optional<String> problem = unitBag(unit.getValue(), read);
            if (problem.isPresent()) {
                return new Invalid("unit " + unit.getKey() + ": " + problem.get());
            }
        }
        CaBundle all = CaBundle.empty().union(read);
        return new Valid(all, all.isEmpty() ? Source.NOTHING : Source.UNITS_V0);
    }

    /** {@code ca}, then the entries of {@code chain}; an empty bag or one with neither adds nothing. */
    private static Optional<String> unitBag(Map<String, String> bag, List<CaBundle> read) {
        if (bag.containsKey("ca")) {
            JsonNode ca = jsonLoadsOrText(bag.get("ca"));
            if (!ca.isTextual()) {
                return Optional.of("ca is not a PEM certificate (" + OAuthValues.describe(ca) + ")");
            }
            Optional<String> problem = pem(ca.textValue(), "ca", read);
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (bag.containsKey("chain")) {
            JsonNode chain = jsonLoadsOrText(bag.get("chain"));
            if (!chain.isArray()) {
                return Optional.of("chain is not a JSON list (" + OAuthValues.describe(chain) + ")");
            }
            return entries(chain, "chain entry ", read);
        }
        return Optional.empty();
    }

    private static Optional<String> entries(JsonNode list, String what, List<CaBundle> read) {
        int n = 0;
        for (JsonNode entry : list) {
            n++;
            if (!entry.isTextual()) {
                return Optional.of(what + n + " is not a string (" + OAuthValues.describe(entry) + ")");
            }
            Optional<String> problem = pem(entry.textValue(), what + n, read);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> pem(String text, String what, List<CaBundle> read) {
        if (!text.contains("-----BEGIN ")) {
            return Optional.of(what + " is not a PEM certificate");
        }
        CaBundle.Parsed parsed = CaBundle.parse(text);
        if (parsed instanceof CaBundle.Invalid invalid) {
            return Optional.of(what + ": " + invalid.problem());
        }
        read.add(((CaBundle.Valid) parsed).bundle());
        return Optional.empty();
    }

    /** Python's {@code json.loads}; empty where it raises. */
    private static Optional<JsonNode> jsonLoads(String text) {
        try {
            JsonNode parsed = Json.parseLikePython(text);
            return parsed.isMissingNode() ? Optional.empty() : Optional.of(parsed);
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The v0 library's reading: {@code json.loads}, or the text itself where that raises. */
    private static JsonNode jsonLoadsOrText(String text) {
        return jsonLoads(text).orElseGet(() -> TextNode.valueOf(text));
    }
}
