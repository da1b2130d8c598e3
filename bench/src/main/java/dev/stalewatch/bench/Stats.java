package dev.stalewatch.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Percentiles (nearest rank) and number formatting for the table. */
final class Stats {

    private Stats() {
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double value, double baseline) {
        if (baseline <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f×", value / baseline);
    }

    static String ms(long millis) {
        return String.format(Locale.ROOT, "%,d ms", millis);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    static String mb(long kib) {
        return String.format(Locale.ROOT, "%,d MB", Math.round(kib / 1024.0));
    }
}
