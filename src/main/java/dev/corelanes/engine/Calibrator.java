package dev.corelanes.engine;

/**
 * Measures how many kernel steps this CPU runs per second on one core, once per JVM. It first lets the
 * JIT compile the kernel, then keeps the best of several short rounds: the best round is the one least
 * disturbed by other work on the machine.
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
        double best = 0;
        for (int r = 0; r < ROUNDS; r++) {
            long steps = 0;
            long t0 = System.nanoTime();
            long t1;
            do {
                x = ComputeKernel.spin(x, STEPS_PER_CALL);
                steps += STEPS_PER_CALL;
                t1 = System.nanoTime();
            } while (t1 - t0 < ROUND_NANOS);
            best = Math.max(best, steps * 1e9 / (t1 - t0));
        }
        ComputeKernel.publish(x);
        return new Calibration(Math.round(best), (System.nanoTime() - begin) / 1e6);
    }
}
