package dev.corelanes.engine;

/**
 * The CPU-bound work of a compute task: an xorshift64 sequence. Each step depends on the previous one,
 * so the JIT can neither skip nor vectorise it, and the final value is published so it is not dead code.
 */
public final class ComputeKernel {

    /** Results land here so the JIT must compute them; nobody reads it. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    private ComputeKernel() {
    }

    /** Runs {@code steps} xorshift steps from {@code x} and returns the new state. */
    public static long spin(long x, int steps) {
        for (int i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** Keeps a result alive. */
    public static void publish(long x) {
        sink = x;
    }

    /** A non-zero seed per task, so tasks do not share a sequence. */
    public static long seed(int task) {
        return 0x9E3779B97F4A7C15L * (task + 1L) | 1L;
    }
}
