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
 * @param monotonicOriginNanos the run's time 0 on the OS's monotonic clock ({@link System#nanoTime()}, which on
 *                            Linux is {@code CLOCK_MONOTONIC}, the clock of {@code perf}, Perfetto and tracefs'
 *                            {@code mono}), so the run lines up with the kernel's own record; {@link #UNKNOWN_ORIGIN}
 *                            in old run files
 * @param samplerCpuNanos     the CPU time of whatever sampled the run from outside it ({@code corelanes trace}'s
 *                            sampler thread), -1 when there was none
 * @param windowCpuNanos      the CPU time the window that showed the run live spent drawing while it ran (its
 *                            JavaFX application and renderer threads, read at the run's start and end): CPU the
 *                            run's tasks may have waited for on a machine with few cores; -1 for runs without a
 *                            window (the command line) and in files from before it was measured
 * @param placedBy            what placed a traced program's lanes, in one line: "kernel switch records" (exact), or
 *                            "sampled /proc every 16 ms (why there were no records)"; "" for runs that were not traced
 *                            and in files from before it was said
 */
public record RunConditions(long stepsPerSecondAfter, double otherLoad, boolean runtimeCpuMeasured,
                            long monotonicOriginNanos, long samplerCpuNanos, long windowCpuNanos, String placedBy) {

    /** Conditions of a run whose lanes were not placed by a trace's sampler or the kernel's records. */
    public RunConditions(long stepsPerSecondAfter, double otherLoad, boolean runtimeCpuMeasured,
                         long monotonicOriginNanos, long samplerCpuNanos, long windowCpuNanos) {
        this(stepsPerSecondAfter, otherLoad, runtimeCpuMeasured, monotonicOriginNanos, samplerCpuNanos, windowCpuNanos,
                "");
    }

    /** No monotonic origin recorded (run files from before it was). */
    public static final long UNKNOWN_ORIGIN = Long.MIN_VALUE;

    public static final RunConditions UNKNOWN = new RunConditions(0, Double.NaN);

    /** Conditions without a recorded clock origin or sampler. */
    public RunConditions(long stepsPerSecondAfter, double otherLoad, boolean runtimeCpuMeasured) {
        this(stepsPerSecondAfter, otherLoad, runtimeCpuMeasured, UNKNOWN_ORIGIN, -1);
    }

    /** Conditions of a run no window drew. */
    public RunConditions(long stepsPerSecondAfter, double otherLoad, boolean runtimeCpuMeasured,
                         long monotonicOriginNanos, long samplerCpuNanos) {
        this(stepsPerSecondAfter, otherLoad, runtimeCpuMeasured, monotonicOriginNanos, samplerCpuNanos, -1);
    }

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
        samplerCpuNanos = samplerCpuNanos < 0 ? -1 : samplerCpuNanos;
        windowCpuNanos = windowCpuNanos < 0 ? -1 : windowCpuNanos;
        placedBy = placedBy == null ? "" : placedBy.strip();
    }

    /** True when a window drew the run live and measured what that cost. */
    public boolean windowKnown() {
        return windowCpuNanos >= 0;
    }

    public boolean originKnown() {
        return monotonicOriginNanos != UNKNOWN_ORIGIN;
    }

    public boolean samplerKnown() {
        return samplerCpuNanos >= 0;
    }

    public boolean rateChecked() {
        return stepsPerSecondAfter > 0;
    }

    public boolean loadKnown() {
        return !Double.isNaN(otherLoad);
    }
}
