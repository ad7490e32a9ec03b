package dev.corelanes.engine;

import java.util.Arrays;

/**
 * Measures how many kernel steps this CPU runs per second of one core's CPU time.
 *
 * <p>Three rules make the figure hold in the first run after launch, on a busy machine too:
 * <ul>
 *   <li>Warm up until the kernel's rate has stopped rising. A fixed warm-up is not enough: while a window
 *       starts, the JIT compiler is busy with other code and the kernel may still run at a lower tier when
 *       a short warm-up ends; a calibration taken then makes every later task do too few steps.</li>
 *   <li>Time every round by the thread's own CPU time, not the wall clock: on a busy machine the thread is
 *       preempted, and wall time would make the CPU look slower than it is.</li>
 *   <li>Check the cached figure cheaply before each compute run ({@link #forRun()}) and measure again when
 *       it moved (the CPU clock changed) or when the last run drifted ({@link #invalidate()}).</li>
 * </ul>
 */
public final class Calibrator {

    /** Steps per kernel call while warming up: small, so the call counters reach the optimising compiler. */
    private static final int WARM_STEPS_PER_CALL = 20_000;
    /** Steps per kernel call while measuring: the order of what a task runs between two core samples. */
    private static final int STEPS_PER_CALL = 200_000;
    private static final long WARM_ROUND_CPU = 10_000_000L;
    /** The best rate must not rise by more than {@link #RISE} for this much CPU time. */
    private static final long STABLE_CPU = 300_000_000L;
    private static final long MIN_WARM_CPU = 150_000_000L;
    private static final long MAX_WARM_CPU = 4_000_000_000L;
    private static final double RISE = 1.01;
    private static final int ROUNDS = 5;
    private static final long ROUND_CPU = 20_000_000L;
    private static final int CHECK_ROUNDS = 3;
    private static final long CHECK_ROUND_CPU = 10_000_000L;
    /**
     * Rounds last at least this many ticks of the thread CPU clock ({@link ThreadCpuClock#tick()}): on Windows'
     * 15.625 ms clock a 20 ms round becomes 62.5 ms, a 10 ms check 31.25 ms. Each round is timed from tick to
     * tick (see {@link #round}), so what remains is one kernel call's error in a round of several ticks.
     */
    private static final int ROUND_TICKS = 4;
    private static final int CHECK_ROUND_TICKS = 2;
    private static final int WARM_ROUND_TICKS = 2;
    /** Steps per call while waiting for the clock to tick: ~10 µs, so a round starts close after the tick. */
    private static final int ALIGN_STEPS_PER_CALL = 5_000;
    /** A thread CPU clock that has not moved in this long never will (the thread is starved): start anyway. */
    private static final long ALIGN_GIVE_UP_NANOS = 1_000_000_000L;
    /** A cached figure further off than this from a quick check is measured again. */
    static final double CHECK_TOLERANCE = 0.03;

    private static volatile Calibration cached;

    private Calibrator() {
    }

    /** The cached calibration, measuring it first if needed (the first call takes ~0.5–1 s). */
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

    /**
     * The calibration a compute run should use: measured if there is none (or the last run drifted), else
     * the cached one after a quick check (~30 ms of CPU; ~94 ms on Windows' 15.625 ms clock), measured again if the check disagrees by more than
     * 3 %.
     */
    public static synchronized Calibration forRun() {
        Calibration c = cached;
        if (c == null) {
            return calibration();
        }
        if (!c.cpuTick().equals(ThreadCpuClock.tick()) || !stillHolds(c, check())) {
            // Another clock than the one that timed it (a simulated tick set since): its rounds were sized wrong.
            c = measure();
            cached = c;
        }
        return c;
    }

    /** True when a quick check's rate is within {@link #CHECK_TOLERANCE} of the calibration. */
    static boolean stillHolds(Calibration c, long checkedStepsPerSecond) {
        return Math.abs(checkedStepsPerSecond - c.stepsPerSecond()) <= CHECK_TOLERANCE * c.stepsPerSecond();
    }

    /** Forgets the cached figure: the next compute run measures again (its predecessor drifted). */
    public static void invalidate() {
        cached = null;
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

    /** The kernel's rate now, from a few short rounds of CPU time (steps per second; the median round). */
    public static long check() {
        Clock clock = new Clock();
        long x = clock.align(ComputeKernel.seed(1));
        double[] rates = new double[CHECK_ROUNDS];
        long length = ThreadCpuClock.atLeastTicks(CHECK_ROUND_CPU, CHECK_ROUND_TICKS);
        for (int r = 0; r < CHECK_ROUNDS; r++) {
            Round round = round(clock, x, STEPS_PER_CALL, length);
            x = round.x;
            rates[r] = round.rate;
        }
        ComputeKernel.publish(x);
        return Math.max(1, Math.round(median(rates)));
    }

    static Calibration measure() {
        long begin = System.nanoTime();
        ThreadCpuClock.Tick tick = ThreadCpuClock.tick();
        Clock clock = new Clock();
        Round warm = warm(clock, clock.align(ComputeKernel.seed(0)));
        long x = warm.x;
        double[] rates = new double[ROUNDS];
        long length = ThreadCpuClock.atLeastTicks(ROUND_CPU, ROUND_TICKS);
        for (int r = 0; r < ROUNDS; r++) {
            Round round = round(clock, x, STEPS_PER_CALL, length);
            x = round.x;
            rates[r] = round.rate;
        }
        ComputeKernel.publish(x);
        // The median, not the best: a task meets the same interruptions a typical round met.
        return new Calibration(Math.max(1, Math.round(median(rates))), (System.nanoTime() - begin) / 1e6, tick);
    }

    /** Rounds of kernel work until the best rate has not risen for {@link #STABLE_CPU} of CPU time. */
    private static Round warm(Clock clock, long x) {
        double best = 0;
        long spent = 0;
        long lastRise = 0;
        long length = ThreadCpuClock.atLeastTicks(WARM_ROUND_CPU, WARM_ROUND_TICKS);
        while (spent < MAX_WARM_CPU) {
            Round round = round(clock, x, WARM_STEPS_PER_CALL, length);
            x = round.x;
            spent += round.elapsed;
            if (round.rate > best * RISE) {
                lastRise = spent;
            }
            best = Math.max(best, round.rate);
            if (spent >= MIN_WARM_CPU && spent - lastRise >= STABLE_CPU) {
                break;
            }
        }
        return new Round(x, best, spent);
    }

    /**
     * One round of at least {@code length} CPU time, from the clock's last reading. The loop ends at the first
     * reading past the length, which on a coarse clock comes just after a tick (the reading only moves there), as
     * the round's start did (see {@link Clock#align}): so a round is timed from tick to tick, and its error is one
     * kernel call, not one tick.
     */
    private static Round round(Clock clock, long x, int stepsPerCall, long length) {
        long steps = 0;
        long t0 = clock.last;
        long elapsed;
        do {
            x = ComputeKernel.spin(x, stepsPerCall);
            steps += stepsPerCall;
            elapsed = clock.now() - t0;
        } while (elapsed < length);
        return new Round(x, steps * 1e9 / elapsed, elapsed);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private record Round(long x, double rate, long elapsed) {
    }

    /**
     * The calling thread's CPU time where the JVM offers it (not on virtual threads), else the wall clock; read
     * through {@link ThreadCpuClock}, so a simulated coarse tick applies here too.
     */
    private static final class Clock {
        private final boolean cpu = !Thread.currentThread().isVirtual() && ThreadCpuClock.currentThreadNanos() >= 0;
        /** The latest reading: where the next round starts. */
        long last = now();

        long now() {
            long t = cpu ? ThreadCpuClock.currentThreadNanos() : System.nanoTime();
            last = t;
            return t;
        }

        /**
         * Spins in small calls until the reading moves, so that the first round starts right after a tick of a
         * coarse clock (Windows: 15.625 ms) instead of somewhere inside one. Costs at most one tick; on a fine
         * clock, one call.
         */
        long align(long x) {
            long from = now();
            long waited = System.nanoTime();
            while (now() == from && System.nanoTime() - waited < ALIGN_GIVE_UP_NANOS) {
                x = ComputeKernel.spin(x, ALIGN_STEPS_PER_CALL);
            }
            return x;
        }
    }
}
