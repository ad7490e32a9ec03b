package dev.corelanes.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median and spread of repeated measurements, for benchmark tables. */
public record Stats(double median, double min, double max, double p95, int n) {

    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        double p95 = v[Math.min(v.length - 1, (int) Math.ceil(0.95 * v.length) - 1)];
        return new Stats(median, v[0], v[v.length - 1], p95, v.length);
    }

    /** "1.234 (1.201–1.250)" with the given decimals. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
    }
}
