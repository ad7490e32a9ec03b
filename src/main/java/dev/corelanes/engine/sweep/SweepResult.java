package dev.corelanes.engine.sweep;

import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;

import java.util.List;

/**
 * A scaling sweep's runs and the Amdahl fit through them.
 *
 * @param serialFraction the fitted serial fraction, 0…1, or NaN with fewer than two points
 * @param note           why the sweep stopped early (a failed or cancelled run), else empty
 */
public record SweepResult(ScalingSweep.By by, ExperimentSpec workload, MachineInfo machine, List<SweepPoint> points,
                          double serialFraction, String note) {

    public SweepResult {
        points = List.copyOf(points);
        note = note == null ? "" : note;
    }

    /** The first n at which a CPU of that kind was added (0 when none was): where the curve may bend. */
    public int firstAdded(String kind) {
        return points.stream().filter(p -> p.added().equals(kind)).mapToInt(SweepPoint::n).findFirst().orElse(0);
    }

    /** "serial fraction 8 % (Amdahl: at most 12.5× however many cores)", or why it cannot be said. */
    public String fitSentence() {
        if (Double.isNaN(serialFraction)) {
            return "no Amdahl fit: it needs runs on 2 or more " + by.unit() + "s";
        }
        String limit = serialFraction < 1e-3 ? "no limit in sight"
                : String.format(java.util.Locale.ROOT, "at most %.1f× however many %ss", 1 / serialFraction, by.unit());
        return String.format(java.util.Locale.ROOT, "fitted serial fraction %.1f %% (Amdahl: %s)",
                serialFraction * 100, limit);
    }
}
