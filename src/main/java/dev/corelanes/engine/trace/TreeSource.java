package dev.corelanes.engine.trace;

import java.util.List;
import java.util.Map;

/**
 * Where a {@link TreeSampler}'s sweeps read a process tree's threads: Linux's {@code /proc} ({@link ProcTreeSource})
 * or, where there is none, the OS's thread table ({@link TableTreeSource}: macOS, Windows). The sampler owns the
 * timing, its budget and what was seen; a source reads.
 */
interface TreeSource {

    /**
     * One sweep, begun at {@code now} on the run's timeline: appends a sample of every live thread of the tree to
     * {@code threads} (by thread id, in the order first seen), and adds or updates the tree's processes in
     * {@code processes} (a process missed by a sweep is marked gone). Called under the sampler's lock.
     */
    void sweep(long now, Map<Integer, List<ThreadSample>> threads, Map<Integer, ProcessSeen> processes);

    /** The calling thread's OS thread id, or -1 (the sampler's own, kept with the run). */
    long ownTid();

    /** Lets go of what it keeps open. */
    void close();
}
