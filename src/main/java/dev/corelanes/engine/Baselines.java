package dev.corelanes.engine;

import dev.corelanes.engine.platform.CpuList;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for what a run's speedup is measured against. A sequential run is a baseline for another run
 * only when the comparison is fair: the same workload, in the same runtime, on the same machine and the same
 * usable cores, measured under comparable conditions (other programs' load, calibration, CPU clock). The
 * baseline is chosen once, when the run ends, from the runs made before it, and kept with the run; a run with
 * no fair baseline compares with its own work (compute) or has no speedup (sleep), and says why.
 */
public final class Baselines {

    /**
     * The most other programs' load may differ between a run and its baseline, as a share of all CPUs. Above
     * it one of the two runs waited for other programs noticeably more than the other (on 2 CPUs, 15 % is
     * 0.3 of a core), so the ratio of their walls measures the other programs as much as the model.
     */
    public static final double LOAD_DIFFERENCE = 0.15;

    private Baselines() {
    }

    /**
     * The baseline of {@code run}, chosen from {@code earlier} (the runs made before it, oldest first): the
     * latest fair sequential run, else total work or none with the reason the latest candidate was refused.
     */
    public static RunBaseline choose(Trace run, List<Trace> earlier) {
        RunBaseline alone = alone(run);
        if (run.status() != TaskStatus.COMPLETED || run.wallNanos() <= 0 || alone.isSelf()) {
            return alone; // no speedup at all, or a sequential run: its own baseline
        }
        String refused = "";
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Trace c = earlier.get(i);
            if (c == null || c == run || !isSequentialOf(c, run)) {
                continue;
            }
            String why = unfair(c, run);
            if (why.isEmpty()) {
                return new RunBaseline(RunBaseline.Kind.SEQUENTIAL_RUN, RunBaseline.Reference.of(c, false), "");
            }
            if (refused.isEmpty()) {
                refused = why; // the latest candidate's reason is the one a class would ask about
            }
        }
        return refused.isEmpty() ? alone : new RunBaseline(alone.kind(), null, refused);
    }

    /** The baseline of a run on its own: itself if sequential, else its total work (compute) or none. */
    public static RunBaseline alone(Trace t) {
        return alone(t.spec(), t.status(), t.wallNanos(), RunBaseline.Reference.of(t, true));
    }

    static RunBaseline alone(ExperimentSpec spec, TaskStatus status, long wallNanos, RunBaseline.Reference self) {
        if (status != TaskStatus.COMPLETED || wallNanos <= 0) {
            return new RunBaseline(RunBaseline.Kind.NONE, null, "");
        }
        if (spec.mode() == ExecutionMode.SEQUENTIAL) {
            return new RunBaseline(RunBaseline.Kind.SEQUENTIAL_RUN, self, "");
        }
        if (spec.mode() == ExecutionMode.TRACED) {
            return new RunBaseline(RunBaseline.Kind.NONE, null, "");
        }
        return new RunBaseline(spec.kind() == TaskKind.COMPUTE ? RunBaseline.Kind.TOTAL_WORK : RunBaseline.Kind.NONE,
                null, "");
    }

    /** A completed sequential run of the same workload as {@code run}: a candidate, fair or not. */
    public static boolean isSequentialOf(Trace candidate, Trace run) {
        return candidate.status() == TaskStatus.COMPLETED && candidate.wallNanos() > 0
                && candidate.spec().mode() == ExecutionMode.SEQUENTIAL && sameWorkload(candidate.spec(), run.spec());
    }

    /** Same tasks, kind and seconds: the same work, whatever the mode. */
    public static boolean sameWorkload(ExperimentSpec a, ExperimentSpec b) {
        return a.kind() == b.kind() && a.tasks() == b.tasks() && a.taskSeconds() == b.taskSeconds();
    }

    /**
     * Why {@code a} would not be a fair baseline for {@code b}, in words for a student; empty when it would be:
     * the same machine, runtime and usable cores ({@link #differentSetup}), measured under comparable
     * conditions ({@link #differentConditions}).
     */
    public static String unfair(Trace a, Trace b) {
        String an = a.spec().mode() == ExecutionMode.SEQUENTIAL && b.spec().mode() != ExecutionMode.SEQUENTIAL
                ? "the sequential run" : "the earlier run";
        String bn = "this run";
        String why = differentSetup(a, an, b, bn);
        return why.isEmpty() ? differentConditions(a, an, b, bn) : why;
    }

    /** How the two runs' machine, runtime or usable cores differ, naming them {@code an} and {@code bn}; or "". */
    public static String differentSetup(Trace a, String an, Trace b, String bn) {
        MachineInfo ma = a.machine();
        MachineInfo mb = b.machine();
        if (!ma.cpu().equals(mb.cpu()) || ma.logicalCores() != mb.logicalCores()) {
            return an + " was measured on another machine (" + ma.cpu() + ")";
        }
        if (!sameRuntime(a.runtime(), b.runtime())) {
            return an + " ran in " + a.runtime().label() + ", " + bn + " in " + b.runtime().label();
        }
        if (ma.usableCores() != mb.usableCores() || !ma.pinnedCpus().equals(mb.pinnedCpus())) {
            return an + " could use " + cores(ma) + ", " + bn + " " + cores(mb);
        }
        return "";
    }

    /**
     * Why the two runs' wall times do not compare fairly although their setups may: for compute runs, other
     * programs' load (unknown, or differing by more than {@link #LOAD_DIFFERENCE}), the CPU's speed for the
     * compute kernel (calibration, clock after the run) or a drifted calibration. Sleep runs always compare:
     * a wait needs no CPU. Empty when the conditions compare.
     */
    public static String differentConditions(Trace a, String an, Trace b, String bn) {
        RunConditions ca = a.conditions();
        RunConditions cb = b.conditions();
        if (a.spec().kind() == TaskKind.SLEEP && b.spec().kind() == TaskKind.SLEEP) {
            return ""; // waiting needs no CPU: other programs' load does not lengthen a sleep
        }
        if (!ca.loadKnown() || !cb.loadKnown()) {
            return "other programs' load was not measured during " + (ca.loadKnown() ? bn : an);
        }
        if (Math.abs(ca.otherLoad() - cb.otherLoad()) > LOAD_DIFFERENCE) {
            boolean aBusier = ca.otherLoad() > cb.otherLoad();
            return (aBusier ? an : bn) + " was measured while other programs used "
                    + FigureText.percent(Math.max(ca.otherLoad(), cb.otherLoad())) + " of the CPUs, "
                    + (aBusier ? bn : an) + " " + FigureText.percent(Math.min(ca.otherLoad(), cb.otherLoad()));
        }
        if (a.spec().kind() == TaskKind.COMPUTE && b.spec().kind() == TaskKind.COMPUTE) {
            double calibrations = (double) b.calibration().stepsPerSecond() / a.calibration().stepsPerSecond() - 1;
            if (Math.abs(calibrations) > RunFigures.RATE_CHANGE) {
                return "the CPU ran the compute kernel " + FigureText.percent(Math.abs(calibrations)) + " "
                        + (calibrations > 0 ? "faster" : "slower") + " for " + bn + " than for " + an
                        + " (its clock speed changed)";
            }
            if (ca.rateChecked() && cb.rateChecked()) {
                double after = (double) cb.stepsPerSecondAfter() / ca.stepsPerSecondAfter() - 1;
                if (Math.abs(after) > RunFigures.RATE_CHANGE) {
                    return "the CPU's clock speed changed between the runs (the kernel ran "
                            + FigureText.percent(Math.abs(after)) + (after > 0 ? " faster" : " slower") + " after "
                            + bn + ")";
                }
            }
            for (Trace t : List.of(a, b)) {
                if (RunFigures.of(t).drift().recalibrate()) {
                    return "the tasks of " + (t == a ? an : bn) + " did not do the work asked (calibration drift)";
                }
            }
        }
        return "";
    }

    /** Java with Java, or the same interpreter version with the same GIL. */
    static boolean sameRuntime(RunRuntime a, RunRuntime b) {
        return a.id().equals(b.id()) && a.version().equals(b.version()) && a.gil().equals(b.gil());
    }

    private static String cores(MachineInfo m) {
        return MachineInfo.count(m.usableCores(), "core")
                + (m.pinnedCpus().isEmpty() ? "" : " (CPU " + CpuList.format(m.pinnedCpus()) + ")");
    }
}
