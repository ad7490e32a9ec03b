package dev.corelanes.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CPU time this JVM spent on a run: the whole process's — its tasks' threads, creating and scheduling them,
 * the JIT compiler and the garbage collector (JVM threads no thread list shows) — less the threads that were
 * already there and are not the run's: a window drawing its frames, a command line's main thread waiting, the
 * load sampler. Their time is not the run's, and in the window it was most of the "CPU time" of 10 000 sleeping
 * virtual threads.
 *
 * <p>The thread that starts the run and the virtual threads' carriers count as the run's even when they existed
 * before it. A thread that ends during the run takes its time with it (a bystander that ended is counted as the
 * run's: rare, and never more than the process used).
 */
final class RunCpu {

    /** The JDK's virtual-thread scheduler names its carriers so ("ForkJoinPool-1-worker-1"). */
    private static final Pattern CARRIER = Pattern.compile("ForkJoinPool-\\d+-worker-\\d+");

    private final long process0;
    private final Map<Long, Long> bystanders0;

    private RunCpu(long process0, Map<Long, Long> bystanders0) {
        this.process0 = process0;
        this.bystanders0 = bystanders0;
    }

    /** Reads the process's CPU time and that of the threads already there; call it on the run's own thread. */
    static RunCpu start() {
        long process = processCpu();
        Map<Long, Long> bystanders = new HashMap<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (process >= 0 && mx.isThreadCpuTimeSupported()) {
            long me = Thread.currentThread().threadId();
            for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t != null && t.getThreadId() != me && !CARRIER.matcher(t.getThreadName()).matches()) {
                    long cpu = ThreadCpuClock.floor(mx.getThreadCpuTime(t.getThreadId()));
                    if (cpu >= 0) {
                        bystanders.put(t.getThreadId(), cpu);
                    }
                }
            }
        }
        return new RunCpu(process, bystanders);
    }

    /** CPU nanoseconds the run cost this JVM since {@link #start}, or -1 when this JVM cannot tell. */
    long sinceStart() {
        long process = processCpu();
        if (process0 < 0 || process < 0) {
            return -1;
        }
        long others = 0;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Map.Entry<Long, Long> b : bystanders0.entrySet()) {
            long now = ThreadCpuClock.floor(mx.getThreadCpuTime(b.getKey()));
            if (now >= b.getValue()) {
                others += now - b.getValue();
            }
        }
        return Math.max(0, process - process0 - others);
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long cpu = os.getProcessCpuTime();
            return cpu >= 0 ? cpu : -1;
        }
        return -1;
    }
}
