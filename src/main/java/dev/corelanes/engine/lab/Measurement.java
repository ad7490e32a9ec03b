package dev.corelanes.engine.lab;

import java.util.Arrays;
import java.util.List;

/**
 * One cost measured many times on this machine, in nanoseconds per operation. {@code available} is false
 * (with the reason in {@code note}) when this OS cannot measure it, e.g. no {@code /bin/true}.
 */
public record Measurement(String name, String description, List<Long> samplesNanos, boolean available, String note) {

    public Measurement {
        samplesNanos = List.copyOf(samplesNanos);
        note = note == null ? "" : note;
    }

    public static Measurement unavailable(String name, String description, String why) {
        return new Measurement(name, description, List.of(), false, why);
    }

    private long[] sorted() {
        long[] v = samplesNanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v;
    }

    public double medianNanos() {
        long[] v = sorted();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    /** The 10th and 90th percentiles: the spread shown as whiskers. */
    public double percentileNanos(double p) {
        long[] v = sorted();
        if (v.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(v.length - 1, Math.max(0, Math.round(p / 100.0 * (v.length - 1))));
        return v[i];
    }
}
