package dev.keycloakoidc.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample. */
final class Stats {

    private Stats() {}

    static long median(List<Long> values) {
        return percentile(values, 50);
    }

    /** The smallest value with at least {@code p}% of the sample at or below it. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
