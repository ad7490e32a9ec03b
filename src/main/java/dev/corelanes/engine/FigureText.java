package dev.corelanes.engine;

import java.util.Locale;

/**
 * The one way figures are written, on screen, on slides and on the command line: "×1.80", "44 %",
 * "0.302 s". A figure that does not exist is a dash with its reason, never a number.
 */
public final class FigureText {

    public static final String DASH = "—";

    private FigureText() {
    }

    /** Seconds with a precision that suits their size: "0.302 s", "12.4 s", "850 µs". */
    public static String seconds(double s) {
        if (Double.isNaN(s)) {
            return DASH;
        }
        double a = Math.abs(s);
        if (a == 0) {
            return "0 s";
        }
        if (a < 0.001) {
            return String.format(Locale.ROOT, "%.0f µs", s * 1e6);
        }
        if (a < 1) {
            return String.format(Locale.ROOT, "%.3f s", s);
        }
        if (a < 100) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    /** "×1.80", "×12.3", "×8120": three significant digits, no more; a dash when there is none. */
    public static String ratio(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return DASH;
        }
        double a = Math.abs(x);
        String f = a < 9.995 ? "%.2f" : a < 99.95 ? "%.1f" : "%.0f";
        return "×" + String.format(Locale.ROOT, f, x);
    }

    /** "44 %"; a dash when there is none. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
            return DASH;
        }
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    /** "×1.80 vs sequential", "×1.95 vs total work", or "— (run cancelled)", "— (past the limit of 2 cores: …)". */
    public static String speedup(RunFigures f) {
        if (!f.hasSpeedup()) {
            return DASH + " (" + f.noSpeedupReason() + ")";
        }
        return ratio(f.speedup()) + " " + f.baseline().label();
    }

    /** "44 %", or "— (run cancelled)", "— (calibration drift: …)": never above 100 %. */
    public static String efficiency(RunFigures f) {
        if (!f.hasEfficiency()) {
            return DASH + " (" + f.noEfficiencyReason() + ")";
        }
        return percent(f.efficiency());
    }

    /**
     * What the speedup was measured against and why, for a caption, a tooltip or the command line:
     * "the sequential run of 14:02:11 (2.01 s, Java, 2 cores, other programs 3 %)", "its tasks' measured CPU
     * time (2.00 s): the sequential run was measured while …", or "" when there is no speedup.
     */
    public static String baseline(RunFigures f) {
        if (!f.hasSpeedup()) {
            return "";
        }
        if (f.baseline() == RunBaseline.Kind.SEQUENTIAL_RUN) {
            RunBaseline.Reference r = f.baselineRun();
            if (r.self()) {
                return "itself: a sequential run is the baseline of its workload";
            }
            String when = r.startedAt() == null ? "" : " of " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss",
                    Locale.ROOT).withZone(java.time.ZoneId.systemDefault()).format(r.startedAt());
            return "the sequential run" + when + " (" + seconds(r.wallSeconds()) + ", " + r.runtime() + ", "
                    + MachineInfo.count(r.usableCores(), "core")
                    + (Double.isNaN(r.otherLoad()) ? "" : ", other programs " + percent(r.otherLoad())) + ")";
        }
        String work = "its tasks' measured CPU time (" + seconds(f.baselineSeconds()) + ")";
        return f.baselineWhy().isEmpty() ? work : work + ": no fair sequential run, " + f.baselineWhy();
    }

    /** A short tag for a drift, for beside a figure: "calibration drift", "process start-up", or "". */
    public static String driftTag(RunFigures f) {
        RunFigures.Drift d = f.drift();
        return !d.detected() ? "" : d.processWarmUp() ? "process start-up" : "calibration drift";
    }

    /**
     * True when a completed run's speedup is withheld for a reason a class should see (past the physical
     * limit, or no fair sequential run), rather than simply never measured.
     */
    public static boolean speedupWithheld(RunFigures f) {
        return !f.hasSpeedup() && f.status() == TaskStatus.COMPLETED && !f.noSpeedupReason().isEmpty()
                && !f.noSpeedupReason().startsWith("no sequential run");
    }

    /** "×1.80 vs sequential", or a dash with the reason's first clause: "— (past the limit of 2 cores)". */
    public static String speedupShort(RunFigures f) {
        if (f.hasSpeedup()) {
            return speedup(f);
        }
        String reason = f.noSpeedupReason();
        int colon = reason.indexOf(':');
        return DASH + " (" + (colon > 0 ? reason.substring(0, colon) : reason) + ")";
    }

    /** The speedup alone for a table cell: "×1.80", or a dash. */
    public static String speedupCell(RunFigures f) {
        return f.hasSpeedup() ? ratio(f.speedup()) : DASH;
    }

    /** "(4 at a time)" style description of the ideal: "ideal 2.00 s (2 cores at a time)". */
    public static String ideal(RunFigures f) {
        return "ideal " + seconds(f.idealSeconds()) + " (" + f.usableCores() + " at a time)";
    }

    /**
     * A sentence about compute tasks whose CPU time was off, or "" when none: "Calibration drift: 3 of 4
     * compute tasks used less CPU time than asked (up to 28 % less); machine busy: … The next run
     * recalibrates." When only the first tasks of new worker processes were slower, it says so instead
     * ("Process start-up: …"): the calibration was right.
     */
    public static String drift(RunFigures f) {
        RunFigures.Drift d = f.drift();
        if (!d.detected()) {
            return "";
        }
        String what;
        if (d.tasksOff() > 0) {
            double off = d.worstRatio() - 1;
            what = String.format(Locale.ROOT, "%d of %d compute tasks used %s CPU time than asked (up to %.0f %% %s)",
                    d.tasksOff(), d.tasksChecked(), off < 0 ? "less" : "more", Math.abs(off) * 100,
                    off < 0 ? "less" : "more");
        } else {
            what = "the run finished more than 10 % before its ideal time, so its tasks did less work than asked";
        }
        if (d.processWarmUp()) {
            return "Process start-up: " + what + "; " + d.why() + ", a cost of starting a process (the calibration "
                    + "holds).";
        }
        return "Calibration drift: " + what + "; " + d.why() + ". The next run recalibrates.";
    }
}
