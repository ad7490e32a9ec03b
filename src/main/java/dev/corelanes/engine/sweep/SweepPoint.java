package dev.corelanes.engine.sweep;

import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.platform.CpuList;
import dev.corelanes.engine.Trace;

/**
 * One run of a scaling sweep.
 *
 * @param n       cores (or workers) the run had
 * @param trace   the run itself
 * @param speedup wall time of the first point (1 core or 1 worker) ÷ this run's wall time
 * @param added   what the n-th CPU added was: {@link #CORE}, {@link #SMT_SIBLING}, {@link #EFFICIENCY_CORE}, or
 *                empty for a sweep of workers
 */
public record SweepPoint(int n, Trace trace, double speedup, String added) {

    public static final String CORE = "core";
    public static final String SMT_SIBLING = "SMT sibling";
    public static final String EFFICIENCY_CORE = "efficiency core";

    public double wallSeconds() {
        return trace.wallSeconds();
    }

    /** The best speedup the run allowed: its usable cores (capped by tasks and workers), from the trace. */
    public int idealSpeedup() {
        return RunFigures.of(trace).usableCores();
    }

    /** "0-3", or "" when the run was not pinned. */
    public String cpus() {
        return CpuList.format(trace.machine().pinnedCpus());
    }
}
