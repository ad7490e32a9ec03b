package dev.corelanes.engine;

/**
 * Tells, from clock readings taken every few tens of microseconds inside a compute task's loop, where its thread
 * was off the CPU: a stretch between two readings that took far longer than the work in it. The core is read only
 * about once a millisecond (it costs more); the clock (~25 ns) between, so a preemption is placed to within one
 * stretch (~20 µs) instead of one core-sampling period (~1 ms). Not thread-safe: one per task.
 *
 * <p>The threshold: a stretch is a gap when it took at least {@value #FACTOR}× the time its work takes (~200 µs for
 * a ~20 µs stretch) and at least {@link #MIN_GAP_NANOS}. What slows a stretch while the thread stays on its CPU is
 * small: an interrupt costs a few microseconds; a busy neighbour (cache, memory bandwidth) slows it by a factor of
 * 2–4. A preemption by another runnable thread usually lasts a scheduler slice (0.75 ms and more on Linux). Measured
 * on a busy 2-CPU machine with ~40 µs stretches, each held against the thread's CPU time: of the stretches of
 * 100–150 µs a third had been off the CPU, of 150–200 µs two in three, from 300 µs on all of them. A shorter
 * preemption is drawn running, as before: at most ~200 µs each.
 *
 * <p>The time the work takes is the calibrated one, or what the recent stretches took when that is slower: a worker
 * JVM starts the kernel in the interpreter, many times slower than calibrated until the JIT compiles it, and those
 * slow stretches are not preemptions. So the first stretch only measures, a stretch that is no gap lowers the
 * reference to its own pace (it rises by at most a quarter per stretch), and a stretch taken for a gap doubles
 * it: code that stays slow (deoptimised, say) stops looking like a gap after a few stretches instead of every one.
 */
final class OffCpuWatch {

    /** Clock readings per core sample (~1 ms of work): one every ~20 µs. */
    static final int STRETCHES_PER_CHUNK = 50;
    /** A gap took at least this many times the work in it … */
    static final int FACTOR = 10;
    /** … and at least this long. */
    static final long MIN_GAP_NANOS = 100_000;

    private final double calibratedPerStep;
    private double typicalPerStep = Double.NaN;
    private long last;
    private long before;

    OffCpuWatch(long stepsPerSecond) {
        this.calibratedPerStep = 1e9 / Math.max(1, stepsPerSecond);
    }

    /** Kernel steps between two clock readings, for a chunk of {@code chunk} steps between two core samples. */
    static int stretchSteps(int chunk) {
        return Math.max(1, chunk / STRETCHES_PER_CHUNK);
    }

    /** The task (re)starts running at {@code now}: the next stretch is measured from here. */
    void from(long now) {
        last = now;
    }

    /** The latest reading. */
    long last() {
        return last;
    }

    /** The reading before the latest: where a gap the latest reading reported began. */
    long before() {
        return before;
    }

    /**
     * The clock read after {@code steps} kernel steps since the previous reading: true when the thread was off the
     * CPU in between, that is from {@link #before()} to {@code now}.
     */
    boolean offCpu(long now, int steps) {
        long took = now - last;
        before = last;
        last = now;
        double perStep = steps > 0 ? (double) took / steps : 0;
        if (Double.isNaN(typicalPerStep)) {
            if (steps > 0) {
                typicalPerStep = perStep;
            }
            return false;
        }
        double expected = steps * Math.max(calibratedPerStep, typicalPerStep);
        boolean gap = took >= MIN_GAP_NANOS && took >= FACTOR * expected;
        if (steps > 0) {
            typicalPerStep = gap ? typicalPerStep * 2 : Math.min(perStep, typicalPerStep * 1.25);
        }
        return gap;
    }
}
