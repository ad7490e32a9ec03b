package dev.corelanes.engine.platform;

import java.util.List;

/**
 * Pins a run to some CPUs ("use only N cores"). Linux pins each of the run's threads (sched_setaffinity);
 * child processes inherit the mask of the thread that starts them. Windows pins the whole process for the
 * run (SetProcessAffinityMask), because children inherit the process's mask, not a thread's. macOS has no
 * affinity API, so there the option is unavailable with its reason. {@code host.Host#affinity()} picks this
 * machine's.
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

    /** Pinning that is not possible here, for the reason {@code why}; the allowed CPUs are all the JVM sees. */
    static CpuAffinity unsupported(String why) {
        return new CpuAffinity() {
            @Override
            public boolean supported() {
                return false;
            }

            @Override
            public String unsupportedReason() {
                return why;
            }

            @Override
            public List<Integer> allowedCpus() {
                List<Integer> all = new java.util.ArrayList<>();
                for (int c = 0; c < Runtime.getRuntime().availableProcessors(); c++) {
                    all.add(c);
                }
                return all;
            }

            @Override
            public Pinning pin(List<Integer> cpus) {
                throw new IllegalStateException("cannot use only some cores: " + why);
            }
        };
    }

    /** A CPU set as the kernel's bit mask: bit c of word c / 64 (Linux's cpu_set_t, Windows's KAFFINITY). */
    static long[] mask(List<Integer> cpus, int words) {
        long[] m = new long[words];
        for (int c : cpus) {
            m[c / 64] |= 1L << (c % 64);
        }
        return m;
    }

    /** The CPUs of a bit mask, sorted. */
    static List<Integer> cpusOf(long[] mask) {
        List<Integer> cpus = new java.util.ArrayList<>();
        for (int w = 0; w < mask.length; w++) {
            for (int b = 0; b < 64; b++) {
                if ((mask[w] & (1L << b)) != 0) {
                    cpus.add(w * 64 + b);
                }
            }
        }
        return cpus;
    }

    /** The one-line refusal when a run asks for CPUs outside {@code allowed}, or null when all are allowed. */
    static String outside(List<Integer> cpus, List<Integer> allowed) {
        List<Integer> outside = cpus.stream().filter(c -> !allowed.contains(c)).toList();
        return outside.isEmpty() ? null : "CPU " + CpuList.format(outside) + " is not usable by this process"
                + " (it may use CPU " + CpuList.format(allowed) + ")";
    }
}
