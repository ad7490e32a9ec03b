package dev.corelanes.engine.process;

/**
 * A real worker whose clock runs 7 s ahead of everyone else's: proves that the parent measures the
 * offset instead of assuming the clocks of two processes agree. Started as {@code ... SkewedClockWorker
 * --worker NAME}.
 */
public final class SkewedClockWorker {

    static final long SKEW_NANOS = 7_000_000_000L;

    private SkewedClockWorker() {
    }

    public static void main(String[] args) {
        WorkerMain.serve(new String[]{args[1]}, () -> System.nanoTime() + SKEW_NANOS);
    }
}
