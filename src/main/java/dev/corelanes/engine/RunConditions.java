package dev.corelanes.engine;

/**
 * What the machine was like during a run, as far as the engine could measure it: the evidence for why a
 * compute task's CPU time drifted from what was asked.
 *
 * @param stepsPerSecondAfter the kernel's rate checked again right after a compute run; 0 when not checked
 *                            (sleep runs, runs that never started, old run files)
 * @param otherLoad           the average CPU load of other programs during the run, 0..1 of all CPUs; NaN
 *                            when unknown
 * @param runtimeCpuMeasured  true when the trace's CPU time holds the runtime's own work around the tasks too
 *                            (creating threads and processes, JIT, GC, a worker's start-up), so that it can be
 *                            told apart from the tasks' ({@link RunFigures.CpuSplit}); false in run files from
 *                            before it was measured, and when part of it could not be read
 */
public record RunConditions(long stepsPerSecondAfter, double otherLoad, boolean runtimeCpuMeasured) {

    public static final RunConditions UNKNOWN = new RunConditions(0, Double.NaN);

    /** Conditions of a run whose runtime CPU time was not measured (fixtures, old run files). */
    public RunConditions(long stepsPerSecondAfter, double otherLoad) {
        this(stepsPerSecondAfter, otherLoad, false);
    }

    public RunConditions {
        if (stepsPerSecondAfter < 0) {
            stepsPerSecondAfter = 0;
        }
        if (!(otherLoad >= 0)) {
            otherLoad = Double.NaN;
        } else {
            otherLoad = Math.min(1, otherLoad);
        }
    }

    public boolean rateChecked() {
        return stepsPerSecondAfter > 0;
    }

    public boolean loadKnown() {
        return !Double.isNaN(otherLoad);
    }
}
