package dev.corelanes.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures how many kernel steps this CPU runs per second on one core, once per JVM. It first lets the
 * JIT compile the kernel, then keeps the best of several short rounds. Each round is timed by the
 * thread's own CPU time where the JVM offers it, not by the wall clock: on a busy machine the thread is
 * preempted during calibration, and wall time would make the CPU look slower than it is (and every compute
 * task shorter than asked).
 */
public final class Calibrator {

    private static final long WARMUP_NANOS = 80_000_000L;
    private static final int ROUNDS = 6;
    private static final long ROUND_NANOS = 25_000_000L;
    private static final int STEPS_PER_CALL = 100_000;

    private static volatile Calibration cached;

    private Calibrator() {
    }

    /** The cached calibration, measuring it first if needed (~230 ms). */
    public static Calibration calibration() {
        Calibration c = cached;
        if (c == null) {
            synchronized (Calibrator.class) {
                c = cached;
                if (c == null) {
                    c = measure();
                    cached = c;
                }
            }
        }
        return c;
    }

    /** The cached calibration, or {@code fallback} without measuring. */
    public static Calibration cachedOr(Calibration fallback) {
        Calibration c = cached;
        return c == null ? fallback : c;
    }

    /** Uses a calibration measured elsewhere (a child process takes its parent's, so work is equal). */
    public static void use(Calibration c) {
        cached = c;
    }

    static Calibration measure() {
        long begin = System.nanoTime();
        long x = ComputeKernel.seed(0);
        long until = begin + WARMUP_NANOS;
        while (System.nanoTime() < until) {
            x = ComputeKernel.spin(x, STEPS_PER_CALL);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = !Thread.currentThread().isVirtual() && threads.isCurrentThreadCpuTimeSupported()
                && threads.getCurrentThreadCpuTime() >= 0;
        double best = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long steps = 0;
            long t0 = System.nanoTime();
            long c0 = cpuClock ? threads.getCurrentThreadCpuTime() : 0;
            long t1;
            do {
                x = ComputeKernel.spin(x, STEPS_PER_CALL);
                steps += STEPS_PER_CALL;
                t1 = System.nanoTime();
            } while (t1 - t0 < ROUND_NANOS);
            long elapsed = cpuClock ? threads.getCurrentThreadCpuTime() - c0 : t1 - t0;
            if (elapsed > 0) {
                best = Math.max(best, steps * 1e9 / elapsed);
            }
        }
        ComputeKernel.publish(x);
        return new Calibration(Math.round(best), (System.nanoTime() - begin) / 1e6);
    }
}
