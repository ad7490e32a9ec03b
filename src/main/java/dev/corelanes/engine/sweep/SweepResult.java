package dev.corelanes.engine.sweep;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;

import java.util.List;
import java.util.Locale;

/**
 * A scaling sweep's runs and the Amdahl fit through them. The fit is made here, from the points, so every
 * surface (window, chart, CSV, command line) shows the same fit under the same rule ({@link Amdahl#MIN_RUNS}).
 *
 * @param note why the sweep stopped early (a failed or cancelled run), else empty
 */
public record SweepResult(ScalingSweep.By by, ExperimentSpec workload, MachineInfo machine, List<SweepPoint> points,
                          String note) {

    public SweepResult {
        points = List.copyOf(points);
        note = note == null ? "" : note;
    }

    /** The fitted serial fraction, 0…1, or NaN with fewer than {@link Amdahl#MIN_RUNS} runs. */
    public double serialFraction() {
        return Amdahl.fit(ns(), speedups());
    }

    public boolean hasFit() {
        return !Double.isNaN(serialFraction());
    }

    /** The runs the fit can use (it is made only from {@link Amdahl#MIN_RUNS} or more). */
    public int fitRuns() {
        return Amdahl.usableRuns(ns(), speedups());
    }

    /** The largest n measured: beyond it, anything the fit says is an extrapolation. 0 with no runs. */
    public int measuredUpTo() {
        return points.stream().mapToInt(SweepPoint::n).max().orElse(0);
    }

    /**
     * The speedup Amdahl's law allows with any number of cores, from the fitted fraction (1/f; infinite when
     * f = 0), NaN without a fit. An extrapolation beyond {@link #measuredUpTo()}: say so wherever it is shown.
     */
    public double extrapolatedLimit() {
        double f = serialFraction();
        return Double.isNaN(f) ? Double.NaN : f == 0 ? Double.POSITIVE_INFINITY : 1 / f;
    }

    private List<Integer> ns() {
        return points.stream().map(SweepPoint::n).toList();
    }

    private List<Double> speedups() {
        return points.stream().map(SweepPoint::speedup).toList();
    }

    /** The first n at which a CPU of that kind was added (0 when none was): where the curve may bend. */
    public int firstAdded(String kind) {
        return points.stream().filter(p -> p.added().equals(kind)).mapToInt(SweepPoint::n).findFirst().orElse(0);
    }

    /**
     * "Amdahl fit from 4 runs: serial fraction 2.8 %; the fit suggests at most ×35.9 with any number of cores
     * — an extrapolation: measured up to 4 cores", or why there is no fit.
     */
    public String fitSentence() {
        String unit = by.unit();
        int up = measuredUpTo();
        if (!hasFit()) {
            int runs = fitRuns();
            return "no Amdahl fit: it needs at least " + Amdahl.MIN_RUNS + " runs (1 " + unit + " and "
                    + (Amdahl.MIN_RUNS - 1) + " more); " + (points.isEmpty() ? "no run was measured"
                    : "this sweep measured " + runs + (runs == 1 ? " run" : " runs") + ", up to " + plural(up, unit));
        }
        double f = serialFraction();
        double limit = extrapolatedLimit();
        String suggests = f < 1e-3 ? "the fit suggests no limit in sight"
                : limit < 1.05 ? "the fit suggests no speedup from more " + unit + "s"
                : String.format(Locale.ROOT, "the fit suggests at most ×%.1f with any number of %ss", limit, unit);
        return String.format(Locale.ROOT, "Amdahl fit from %d runs: serial fraction %.1f %%; %s — an extrapolation: "
                + "measured up to %s", fitRuns(), f * 100, suggests, plural(up, unit));
    }

    private static String plural(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
