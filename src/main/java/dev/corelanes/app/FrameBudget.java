package dev.corelanes.app;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * How often the window may draw while compute tasks run. Every frame is CPU taken from the tasks being
 * measured, and what a frame costs depends on the machine: next to nothing with a graphics card, tens of
 * milliseconds a frame with software rendering. So the rate follows the measured cost of drawing — the CPU
 * time of JavaFX's application and renderer threads — aiming at {@value #TARGET_SHARE_PERCENT} % of one CPU,
 * between {@value #MAX_FPS} and {@value #MIN_FPS} frames a second.
 */
final class FrameBudget {

    /**
     * 2 % of one CPU. With as many compute tasks as cores, the run's wall time is its slowest task's, and the
     * drawing lands on one core: nearly all of its CPU time adds to that task's, and so to the wall. At 5 % (the
     * target before) a threads run of 2 × 1 s in a 1280×720 window drew for 42–64 ms and measured ×1.04–1.05 the
     * same run from the command line, the goal's own edge; 2 % leaves the goal its margin.
     */
    static final int TARGET_SHARE_PERCENT = 2;
    static final int MAX_FPS = 10;
    /**
     * 1: one live frame costs ~10–20 ms of CPU with software rendering here (1280×720 to 1920×1080), so one frame a
     * second is about the target. The clock's digits follow the same rate.
     */
    static final int MIN_FPS = 1;
    static final long MIN_INTERVAL_NANOS = 1_000_000_000L / MAX_FPS;
    static final long MAX_INTERVAL_NANOS = 1_000_000_000L / MIN_FPS;

    private FrameBudget() {
    }

    /**
     * The next interval between frames, from the current one and what drawing cost during {@code wallNanos}
     * ({@code drawCpuNanos} < 0: not measurable here, the interval stays). Drawing that costs more than the target
     * slows the rate at once to the interval that meets it (a run of a second has no second to spare); drawing
     * that got cheaper speeds it up halfway toward that interval, so one cheap moment does not swing the rate.
     */
    static long next(long intervalNanos, long drawCpuNanos, long wallNanos) {
        long current = clamp(intervalNanos);
        if (drawCpuNanos < 0 || wallNanos <= 0) {
            return current;
        }
        double share = (double) drawCpuNanos / wallNanos;
        double meetsTarget = current * share / (TARGET_SHARE_PERCENT / 100.0);
        return clamp(meetsTarget > current ? (long) meetsTarget : (long) ((current + meetsTarget) / 2));
    }

    private static long clamp(long nanos) {
        return Math.max(MIN_INTERVAL_NANOS, Math.min(MAX_INTERVAL_NANOS, nanos));
    }

    /** The CPU time of the threads that draw the window (JavaFX's application and renderer threads). */
    static final class DrawingThreads {

        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final long[] ids;

        DrawingThreads() {
            List<Long> found = new ArrayList<>();
            if (mx.isThreadCpuTimeSupported()) {
                // Names and ids only (no stacks): this runs on the FX thread as a run's threads start.
                for (java.lang.management.ThreadInfo t : mx.dumpAllThreads(false, false, 0)) {
                    String n = t.getThreadName();
                    if (n.equals("JavaFX Application Thread") || n.startsWith("QuantumRenderer")) {
                        found.add(t.getThreadId());
                    }
                }
            }
            ids = found.stream().mapToLong(Long::longValue).toArray();
        }

        /** Their CPU time so far, or -1 when this JVM cannot tell. */
        long cpuNanos() {
            if (ids.length == 0) {
                return -1;
            }
            long sum = 0;
            for (long id : ids) {
                long t = mx.getThreadCpuTime(id);
                if (t < 0) {
                    return -1;
                }
                sum += t;
            }
            return sum;
        }
    }
}
