package dev.corelanes.engine.sweep;

import java.util.List;

/**
 * Amdahl's law, S(n) = 1 / (f + (1 − f) / n), and its serial fraction f fitted to measured speedups.
 * Rewritten as 1/S − 1/n = f · (1 − 1/n), f has a closed-form least-squares fit: no iteration, no library.
 */
public final class Amdahl {

    private Amdahl() {
    }

    public static double speedup(double serialFraction, double n) {
        return 1 / (serialFraction + (1 - serialFraction) / n);
    }

    /**
     * The serial fraction that best fits the speedups measured at {@code ns}, within 0…1; NaN when no
     * point has n > 1 (a single core tells nothing about scaling).
     */
    public static double fit(List<Integer> ns, List<Double> speedups) {
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
