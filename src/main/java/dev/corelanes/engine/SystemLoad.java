package dev.corelanes.engine;

import java.lang.management.ManagementFactory;

/**
 * The share of all CPUs that other programs used over an interval: the machine's load minus this
 * process's own. It tells a busy machine (a reason a compute task took longer than asked) from a quiet one.
 * Uses the JVM's operating-system bean, which reports the load since its previous reading.
 */
final class SystemLoad {

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

    static SystemLoad start() {
        return new SystemLoad(ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean o ? o : null);
    }

    /** Other programs' average load since {@link #start()}, 0..1, or NaN when the OS does not tell. */
    double othersSinceStart() {
        if (os == null) {
            return Double.NaN;
        }
        double all = os.getCpuLoad();
        long wall = System.nanoTime() - wall0;
        long own = os.getProcessCpuTime() - process0;
        int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (!(all >= 0) || wall <= 0 || own < 0) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, all - (double) own / wall / cpus));
    }
}
