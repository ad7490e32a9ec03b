package dev.corelanes.engine;

import java.lang.management.ManagementFactory;

/**
 * The share of all CPUs that other programs used over an interval: the machine's load minus this
 * process's own. It tells a busy machine (a reason a compute task took longer than asked) from a quiet one.
 * Uses the JVM's operating-system bean, which reports the load since its previous reading.
 */
public final class SystemLoad {

    private final com.sun.management.OperatingSystemMXBean os;
    private final long wall0;
    private final long process0;

    private SystemLoad(com.sun.management.OperatingSystemMXBean os) {
        this.os = os;
        if (os != null) {
            os.getCpuLoad(); // starts the interval
        }
        this.wall0 = System.nanoTime();
        this.process0 = os == null ? 0 : os.getProcessCpuTime();
    }

    public static SystemLoad start() {
        return new SystemLoad(ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean o ? o : null);
    }

    /**
     * Other programs' average load since {@link #start()}, 0..1, or NaN when the OS does not tell.
     *
     * @param childCpuNanos CPU time the run's own child processes (worker JVMs, a Python interpreter and its
     *                      children) used meanwhile: the run's, not other programs'
     */
    public double othersSinceStart(long childCpuNanos) {
        if (os == null) {
            return Double.NaN;
        }
        return others(os.getCpuLoad(), os.getProcessCpuTime() - process0, childCpuNanos, System.nanoTime() - wall0,
                Runtime.getRuntime().availableProcessors());
    }

    /** The machine's load minus what this process and the run's children used, as a share of all CPUs. */
    static double others(double all, long ownNanos, long childNanos, long wallNanos, int cpus) {
        if (!(all >= 0) || wallNanos <= 0 || ownNanos < 0) {
            return Double.NaN;
        }
        double ours = (double) (ownNanos + Math.max(0, childNanos)) / wallNanos / Math.max(1, cpus);
        return Math.max(0, Math.min(1, all - ours));
    }
}
