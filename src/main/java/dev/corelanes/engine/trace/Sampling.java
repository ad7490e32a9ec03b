package dev.corelanes.engine.trace;

import java.util.List;
import java.util.Map;

/**
 * What a {@link TreeSampler} saw: every thread's samples in time order, every process of the tree, when each sweep
 * began, and what the sampling itself cost.
 *
 * @param rootPid      the tree's root
 * @param threads      samples per thread id, in the order the threads were first seen
 * @param processes    the processes of the tree, in the order they were first seen
 * @param sweeps       when each sweep began (run timeline)
 * @param ownCpuNanos  the sampler thread's own CPU time
 * @param wallNanos    how long the sampler ran
 * @param periodNanos  the mean time between two sweeps, as they happened (on a busy machine the sampler waits for a
 *                     CPU like every other thread, and sweeps come later than aimed)
 * @param aimedPeriodNanos the mean period it aimed at (its cost within its budget)
 * @param samplerTid   the sampler thread's Linux thread id (-1 unknown)
 */
public record Sampling(int rootPid, Map<Integer, List<ThreadSample>> threads, List<ProcessSeen> processes,
                       List<Long> sweeps, long ownCpuNanos, long wallNanos, long periodNanos, long aimedPeriodNanos,
                       long samplerTid) {

    /** The sampler's CPU time as a share of one core over its run (0.01 = 1 %). */
    public double cpuShare() {
        return wallNanos <= 0 ? 0 : (double) ownCpuNanos / wallNanos;
    }
}
