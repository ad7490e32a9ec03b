package dev.corelanes.engine;

/**
 * What the machine was like during a run, as far as the engine could measure it: the evidence for why a
 * compute task's CPU time drifted from what was asked.
 *
 * @param stepsPerSecondAfter the kernel's rate checked again right after a compute run; 0 when not checked
 *                            (sleep runs, runs that never started, old run files)
 * @param otherLoad           the average CPU load of other programs during the run, 0..1 of all CPUs; NaN
 *                            when unknown
 */
public record RunConditions(long stepsPerSecondAfter, double otherLoad) {

    public static final RunConditions UNKNOWN = new RunConditions(0, Double.NaN);

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
