package dev.corelanes.engine;

/**
 * Tells, from clock readings taken every few tens of microseconds inside a compute task's loop, where its thread
 * was off the CPU: a stretch between two readings that took far longer than the work in it. The core is read only
 * about once a millisecond (it costs more); the clock (~25 ns) between, so a preemption is placed to within one
 * stretch (~10 µs) instead of one core-sampling period (~1 ms). Not thread-safe: one per task.
 *
 * <p>The threshold: a stretch is a gap when it took at least {@value #FACTOR}× the time its work takes (~200 µs for
 * a ~10 µs stretch) and at least {@link #MIN_GAP_NANOS}. What slows a stretch while the thread stays on its CPU is
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

    /**
     * Clock readings per core sample (~1 ms of work): one every ~10 µs. A gap's edges are known to within one stretch,
     * and each gap is drawn about one stretch too long: held against the kernel's switch records (3 worker JVMs on 2
     * CPUs, ~260 gaps each in 0.5 s), a drawn gap was a median 22 µs longer than the kernel's with ~20 µs stretches and
     * 12 µs with ~10 µs ones. A clock reading costs ~25 ns: 0.25 % of the work.
     */
    static final int STRETCHES_PER_CHUNK = 100;
    /** A gap took at least this many times the work in it (~200 µs: what a ~10 µs stretch never takes on its CPU) … */
    static final int FACTOR = 20;
    /** … and at least this long. */
    static final long MIN_GAP_NANOS = 100_000;

    /**
     * A thread CPU clock this fine or finer tells where in a gap's stretch the thread got its CPU back
     * ({@link #resumeAt}); a coarser one (Windows' 15.6 ms ticks) cannot.
     */
    static final long FINE_CPU_TICK_NANOS = 20_000;

    /** The first stretch of a task is this much shorter than a calibrated one: the pace is not known yet. */
    static final int FIRST_STRETCH_DIVISOR = 64;

    private final double calibratedPerStep;
    private final int maxStretch;
    private final double targetNanos;
    private int stretch;
    private double typicalPerStep = Double.NaN;
    private long last;
    private long before;
    /** The thread's CPU time at {@link #markWall}, -1 unknown: where a gap's on-CPU time is counted from. */
    private long markCpu = -1;
    private long markWall;
    private boolean firstUnjudged;
    /** What the latest stretch's work takes, nanoseconds. */
    private double lastExpected;

    OffCpuWatch(long stepsPerSecond) {
        this(stepsPerSecond, stretchSteps(chunkSteps(stepsPerSecond)));
    }

    /** Kernel steps between two core samples: ~1 ms of work at the calibrated pace, at least 1 000. */
    static int chunkSteps(long stepsPerSecond) {
        return (int) Math.max(1_000, Math.min(Integer.MAX_VALUE, stepsPerSecond / 1_000));
    }

    /**
     * @param maxStretch the steps of a stretch at the calibrated pace ({@link #stretchSteps}); a slower pace gets
     *                   fewer ({@link #stretch()})
     */
    OffCpuWatch(long stepsPerSecond, int maxStretch) {
        this.calibratedPerStep = 1e9 / Math.max(1, stepsPerSecond);
        this.maxStretch = Math.max(1, maxStretch);
        this.targetNanos = this.maxStretch * calibratedPerStep;
        this.stretch = Math.max(1, this.maxStretch / FIRST_STRETCH_DIVISOR);
    }

    /**
     * Kernel steps to run before the next reading: as many as take ~10 µs at the pace the recent stretches went, at
     * most the calibrated stretch. A worker JVM runs its first task's kernel in the interpreter, hundreds of times
     * slower than calibrated: a calibrated stretch there took ~8 ms, a whole chunk tens of milliseconds, and a
     * preemption inside one could not be placed (held against the kernel's switch records, the first 50–100 ms of a
     * worker's task were drawn mostly preempted while it ran). The first stretch is short, in case; then the stretch
     * follows the pace, doubling at most per stretch as the JIT compiler speeds the kernel up.
     */
    int stretch() {
        return stretch;
    }

    /** Kernel steps between two clock readings, for a chunk of {@code chunk} steps between two core samples. */
    static int stretchSteps(int chunk) {
        return Math.max(1, chunk / STRETCHES_PER_CHUNK);
    }

    /** The task (re)starts running at {@code now}: the next stretch is measured from here. */
    void from(long now) {
        last = now;
    }

    /**
     * True right after the task's first stretch, which the pace cannot judge (there is none yet): it also carries the
     * task's first calls (in a worker JVM ~1 ms of loading and linking), and a preemption in it went unseen, the lanes
     * then drawing the task preempted from its start to the first core sample. See {@link #firstOffCpu}.
     */
    boolean firstUnjudged() {
        return firstUnjudged;
    }

    /**
     * The verdict on the first stretch from the thread's CPU clock {@code cpu}, read right after it: a gap when the
     * thread was off its CPU for at least {@link #MIN_GAP_NANOS} of it (placed as any, {@link #before()} to
     * {@link #resumeAt}). False without a mark to count from.
     */
    boolean firstOffCpu(long cpu) {
        firstUnjudged = false;
        return markCpu >= 0 && cpu >= markCpu && markWall <= before
                && (last - markWall) - (cpu - markCpu) >= MIN_GAP_NANOS;
    }

    /** The next stretch: ~10 µs at the recent pace, within one step and the calibrated stretch, at most doubled. */
    private void follow() {
        double fits = typicalPerStep > 0 ? targetNanos / typicalPerStep : maxStretch;
        stretch = (int) Math.max(1, Math.min(Math.min(maxStretch, 2L * stretch), Math.round(fits)));
    }

    /**
     * The thread's CPU clock read {@code cpu} (-1 unknown) right after the clock read {@code wall}: from here the
     * thread runs until the next gap this watch reports (a shorter preemption in between makes the next gap's end
     * come later, never earlier, see {@link #resumeAt}).
     */
    void mark(long wall, long cpu) {
        markWall = wall;
        markCpu = cpu;
    }

    /**
     * Where, within the gap the latest reading reported, the thread got its CPU back, given its CPU clock
     * {@code cpu} read right after that reading (-1 unknown): the reading itself, less the CPU time the thread was
     * on its CPU in the gap's stretch. The kernel counts a thread on its CPU from the switch that gave it back,
     * yet the first reading came well after: the rest of the stretch, plus — measured against the kernel's switch
     * records on a 2-CPU VM — ~45 µs after a switch between two threads of one JVM and ~100 µs after a switch
     * between two processes, before the loop was back to its pace. Those microseconds were the thread's on the
     * CPU, and are drawn so. What the thread ran of the stretch before it was switched out is unknown, at most the
     * stretch's own work: that much is taken off, so the run never starts before the switch that gave the CPU back —
     * where the task that had the core before may still be drawn (a few microseconds of overlap there would cost a
     * whole sampling period: see CpuLanes). Marks the reading.
     */
    long resumeAt(long cpu) {
        long resume = last;
        if (markCpu >= 0 && cpu >= markCpu && markWall <= before) {
            // On the CPU in the gap's stretch: all it used since the mark, less the running up to the stretch …
            long onCpu = (cpu - markCpu) - (before - markWall);
            // … less the stretch's own work, which may have come before the gap.
            long afterGap = onCpu - Math.round(lastExpected);
            resume = last - Math.max(0, Math.min(afterGap, last - before));
        }
        mark(last, cpu);
        return resume;
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
                follow();
            }
            firstUnjudged = true;
            return false;
        }
        firstUnjudged = false;
        double expected = steps * Math.max(calibratedPerStep, typicalPerStep);
        lastExpected = expected;
        boolean gap = took >= MIN_GAP_NANOS && took >= FACTOR * expected;
        if (steps > 0) {
            typicalPerStep = gap ? typicalPerStep * 2 : Math.min(perStep, typicalPerStep * 1.25);
        }
        follow();
        return gap;
    }
}
