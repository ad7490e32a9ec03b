package dev.corelanes.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thread CPU clock, and how coarse it is. Every reading of a thread's CPU time in the engine goes through
 * {@link #floor} (or {@link #currentThreadNanos}), so one system property can make a fine clock as coarse as
 * another OS's:
 *
 * <ul>
 *   <li>On Windows a thread's CPU time comes from {@code GetThreadTimes} (what {@code ThreadMXBean} and Python's
 *       {@code time.thread_time_ns()} read), which moves in timer ticks of ~15.625 ms (cpython issue 135304). A
 *       20 ms calibration round then reads 15.6 or 31.2 ms, and a 0.2 s task's CPU time is ±8 % off.</li>
 *   <li>{@code -Dcorelanes.cpuClockTick=15.625ms} rounds every thread-CPU reading down to that tick, so Linux
 *       runs, tests and benchmarks meet the Windows clock. It is passed on to JVM workers
 *       ({@link #childJvmArgs}) and to the Python program ({@link #childEnvironment}).</li>
 *   <li>{@link #tick()} measures the clock's step once at start-up (spin until the reading changes a few times,
 *       the smallest step): calibration rounds, checks, the drift rule and the Python worker's gap rule are sized
 *       from it, and {@code info} and each run file state it.</li>
 * </ul>
 */
public final class ThreadCpuClock {

    /** The system property that simulates a coarse clock: "15.625ms", "500us", "1ms"; unset or "" for none. */
    public static final String PROPERTY = "corelanes.cpuClockTick";
    /** What the Python program reads for the same simulation: the tick in nanoseconds. */
    public static final String PYTHON_ENV = "CORELANES_CPU_CLOCK_TICK_NS";

    /** Changes of the reading to see before taking the smallest step. */
    private static final int STEPS_SEEN = 4;
    /** Give up measuring after this much wall time (a clock that never moves: the tick is then unknown). */
    private static final long GIVE_UP_NANOS = 1_000_000_000L;

    private static final Pattern VALUE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s)?\\s*");

    /**
     * The thread CPU clock's step as measured, and whether {@link #PROPERTY} simulated it.
     *
     * @param nanos     the smallest step seen between two readings (0 = unknown: not measured, or the JVM reads
     *                  no thread CPU time)
     * @param simulated true when the readings were rounded down to {@link #PROPERTY}'s tick
     */
    public record Tick(long nanos, boolean simulated) {
        public static final Tick UNKNOWN = new Tick(0, false);

        public Tick {
            nanos = Math.max(0, nanos);
        }

        public boolean known() {
            return nanos > 0;
        }

        /** "15.6 ms (simulated)", "0.1 µs", "not measured". */
        public String describe() {
            return !known() ? "not measured" : FigureText.nanos(nanos) + (simulated ? " (simulated)" : "");
        }
    }

    private static final class Threads {
        static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    }

    private static volatile Tick measured;
    private static volatile long measuredFor = -1;

    private ThreadCpuClock() {
    }

    /** The simulated tick in nanoseconds from {@link #PROPERTY}, 0 when none (unset, empty or not a duration). */
    public static long simulatedTickNanos() {
        return parse(System.getProperty(PROPERTY));
    }

    /**
     * A duration such as "15.625ms", "500us", "0.015625s" or "15625000" (nanoseconds) in nanoseconds; 0 for null,
     * empty or anything else (a wrong value simulates nothing rather than failing every run).
     */
    static long parse(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        Matcher m = VALUE.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return 0;
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ns" : m.group(2);
        double factor = switch (unit) {
            case "s" -> 1e9;
            case "ms" -> 1e6;
            case "us", "µs" -> 1e3;
            default -> 1;
        };
        double nanos = n * factor;
        return nanos >= 1 && nanos <= 1e10 ? Math.round(nanos) : 0;
    }

    /** A raw thread-CPU reading rounded down to the simulated tick; negative readings (unknown) pass through. */
    public static long floor(long rawNanos) {
        return floor(rawNanos, simulatedTickNanos());
    }

    static long floor(long rawNanos, long tick) {
        return rawNanos < 0 || tick <= 1 ? rawNanos : rawNanos - rawNanos % tick;
    }

    /** The calling platform thread's CPU time (rounded as {@link #floor}), or -1 where the JVM reads none. */
    public static long currentThreadNanos() {
        try {
            return Threads.MX.isCurrentThreadCpuTimeSupported() ? floor(Threads.MX.getCurrentThreadCpuTime()) : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /** The step of this JVM's thread CPU clock, measured once (again if {@link #PROPERTY} changed). */
    public static Tick tick() {
        long simulated = simulatedTickNanos();
        Tick t = measured;
        if (t == null || measuredFor != simulated) {
            synchronized (ThreadCpuClock.class) {
                t = measured;
                if (t == null || measuredFor != simulated) {
                    t = measure(ThreadCpuClock::currentThreadNanos, System::nanoTime, simulated > 1);
                    measured = t;
                    measuredFor = simulated;
                }
            }
        }
        return t;
    }

    /**
     * The smallest step between readings of {@code cpu} over {@value #STEPS_SEEN} changes, spinning on the CPU
     * meanwhile (a thread CPU clock only moves while the thread runs). On Windows that costs ~4 ticks (~60 ms)
     * once; on Linux a few microseconds.
     */
    static Tick measure(LongSupplier cpu, LongSupplier wall, boolean simulated) {
        long first = cpu.getAsLong();
        if (first < 0 || Thread.currentThread().isVirtual()) {
            return Tick.UNKNOWN;
        }
        long last = first;
        long smallest = Long.MAX_VALUE;
        int seen = 0;
        long start = wall.getAsLong();
        long x = ComputeKernel.seed(7);
        while (seen < STEPS_SEEN && wall.getAsLong() - start < GIVE_UP_NANOS) {
            x = ComputeKernel.spin(x, 16);
            long now = cpu.getAsLong();
            if (now != last) {
                if (now > last) {
                    smallest = Math.min(smallest, now - last);
                    seen++;
                }
                last = now;
            }
        }
        ComputeKernel.publish(x);
        return seen == 0 ? Tick.UNKNOWN : new Tick(smallest, simulated);
    }

    /** A length of CPU time sized from the tick: at least {@code base}, and at least {@code ticks} ticks. */
    public static long atLeastTicks(long base, int ticks) {
        return Math.max(base, ticks * tick().nanos());
    }

    /** JVM options a worker JVM needs to read the same clock: the simulation, when set. */
    public static List<String> childJvmArgs() {
        long tick = simulatedTickNanos();
        return tick > 1 ? List.of("-D" + PROPERTY + "=" + tick + "ns") : List.of();
    }

    /** Puts the simulation, when set, into a Python program's environment (and removes a stale one otherwise). */
    public static void childEnvironment(Map<String, String> env) {
        long tick = simulatedTickNanos();
        if (tick > 1) {
            env.put(PYTHON_ENV, Long.toString(tick));
        } else {
            env.remove(PYTHON_ENV);
        }
    }
}
