package dev.corelanes.engine.sweep;

import java.util.List;

/**
 * Amdahl's law, S(n) = 1 / (f + (1 − f) / n), and its serial fraction f fitted to measured speedups.
 * Rewritten as 1/S − 1/n = f · (1 − 1/n), f has a closed-form least-squares fit: no iteration, no library.
 */
public final class Amdahl {

    /**
     * The fewest runs a fit is made from: the baseline (n = 1) and at least two more. The baseline's speedup
     * is 1 by definition and tells the fit nothing; through ONE point with n > 1 the curve passes exactly,
     * so its "limit" would only restate that one measurement. Two points with n > 1 are the fewest the law
     * can fail to fit.
     */
    public static final int MIN_RUNS = 3;

    private Amdahl() {
    }

    public static double speedup(double serialFraction, double n) {
        return 1 / (serialFraction + (1 - serialFraction) / n);
    }

    /** How many of these points a fit can use: distinct n > 1 with a finite, positive speedup, plus the baseline. */
    public static int usableRuns(List<Integer> ns, List<Double> speedups) {
        return (int) java.util.stream.IntStream.range(0, ns.size())
                .filter(i -> ns.get(i) > 1 && speedups.get(i) > 0 && Double.isFinite(speedups.get(i)))
                .map(ns::get).distinct().count() + (ns.contains(1) ? 1 : 0);
    }

    /**
     * The serial fraction that best fits the speedups measured at {@code ns}, within 0…1; NaN with fewer than
     * {@link #MIN_RUNS} usable runs (see {@link #usableRuns}): too few to say anything about scaling.
     */
    public static double fit(List<Integer> ns, List<Double> speedups) {
        if (usableRuns(ns, speedups) < MIN_RUNS || !ns.contains(1)) {
            return Double.NaN;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < ns.size(); i++) {
            double n = ns.get(i);
            double s = speedups.get(i);
            if (n <= 1 || !(s > 0) || !Double.isFinite(s)) {
                continue;
            }
            double x = 1 - 1 / n;
            num += (1 / s - 1 / n) * x;
            den += x * x;
        }
        return den == 0 ? Double.NaN : Math.max(0, Math.min(1, num / den));
    }
}
