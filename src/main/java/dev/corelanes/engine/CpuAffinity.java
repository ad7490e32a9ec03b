package dev.corelanes.engine;

import java.util.List;

/**
 * Pins a run to some CPUs ("use only N cores"). Linux pins each of the run's threads (sched_setaffinity);
 * child processes inherit the mask of the thread that starts them. Windows pins the whole process for the
 * run (SetProcessAffinityMask), because children inherit the process's mask, not a thread's. macOS has no
 * affinity API, so there the option is unavailable with its reason.
 */
public interface CpuAffinity {

    /** True when this OS lets a run be pinned. */
    boolean supported();

    /** Why pinning is not possible here, in words for the screen; empty when it is. */
    String unsupportedReason();

    /** The CPUs this process may run on now (its affinity mask), sorted. */
    List<Integer> allowedCpus();

    /**
     * Pins the calling thread (the run's coordinator) to {@code cpus}; threads it starts from now on follow.
     *
     * @throws IllegalStateException with a one-line reason when the OS refuses
     */
    Pinning pin(List<Integer> cpus);

    /** One run's pinning: each run thread calls {@link #pinThisThread()}; {@link #close()} undoes it all. */
    interface Pinning extends AutoCloseable {

        /** Pins the calling thread too (a virtual thread's carrier, a pool thread started elsewhere). */
        void pinThisThread();

        /** Gives every thread the run pinned back its former CPUs. */
        @Override
        void close();
    }

    /** No pinning: what an unpinned run uses. */
    Pinning NONE = new Pinning() {
        @Override
        public void pinThisThread() {
        }

        @Override
        public void close() {
        }
    };

    /** The affinity API of this OS (or an honest "not available"). */
    static CpuAffinity detect() {
        return CpuAffinities.detect();
    }
}
