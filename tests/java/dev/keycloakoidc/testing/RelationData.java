package dev.keycloakoidc.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One relation of the local application: its id ({@code endpoint:N}), the remote application and
 * units, and the four data bags. Mutable, copied whole at the start of each hook so that a hook's
 * writes can be committed or dropped.
 */
final class RelationData {

    final int id;
    final String endpoint;
    final String remoteApp;
    final List<String> remoteUnits;
    final Map<String, String> localApp;
    final Map<String, Map<String, String>> localUnits;
    final Map<String, String> remoteAppBag;
    final Map<String, Map<String, String>> remoteUnitBags;

    RelationData(int id, String endpoint, String remoteApp) {
        this(id, endpoint, remoteApp, new ArrayList<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    private RelationData(int id, String endpoint, String remoteApp, List<String> remoteUnits, Map<String, String> localApp,
                         Map<String, Map<String, String>> localUnits, Map<String, String> remoteAppBag,
                         Map<String, Map<String, String>> remoteUnitBags) {
        this.id = id;
        this.endpoint = endpoint;
        this.remoteApp = remoteApp;
        this.remoteUnits = remoteUnits;
        this.localApp = localApp;
        this.localUnits = localUnits;
        this.remoteAppBag = remoteAppBag;
        this.remoteUnitBags = remoteUnitBags;
    }

    String ref() {
        return endpoint + ":" + id;
    }

    Map<String, String> localUnit(String unit) {
        return localUnits.computeIfAbsent(unit, u -> new TreeMap<>());
    }

    RelationData copy() {
        return new RelationData(id, endpoint, remoteApp, new ArrayList<>(remoteUnits), new TreeMap<>(localApp),
                deep(localUnits), new TreeMap<>(remoteAppBag), deep(remoteUnitBags));
    }

    private static Map<String, Map<String, String>> deep(Map<String, Map<String, String>> bags) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        bags.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    /** Every bag, for the secrets-hygiene check. */
    List<Map<String, String>> allBags() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(localApp);
        out.addAll(localUnits.values());
        out.add(remoteAppBag);
        out.addAll(remoteUnitBags.values());
        return out;
    }

    static Map<String, String> view(Map<String, String> bag) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bag));
    }
}
