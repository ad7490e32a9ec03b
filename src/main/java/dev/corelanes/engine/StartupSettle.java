package dev.corelanes.engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Waits until this JVM's own start-up work has settled before a run's clock starts: a window opened with
 * {@code corelanes window … --run} is still loading classes, compiling, collecting garbage and drawing its
 * first frames, and a run started then shares the cores with all of that (the first run after {@code --run}
 * measured worst). Settled means the process used less than {@value #QUIET_PERCENT} % of one CPU over the last
 * {@value #QUIET_MILLIS} ms, sampled every {@value #STEP_MILLIS} ms; measured, not a fixed sleep. It gives up
 * after {@value #CAP_MILLIS} ms (a busy machine, a JVM that never quietens) and says so.
 */
public final class StartupSettle {

    public static final int QUIET_PERCENT = 15;
    public static final int QUIET_MILLIS = 300;
    public static final int STEP_MILLIS = 50;
    public static final int CAP_MILLIS = 5000;

    /**
     * How the wait ended: {@code settled} (false: the cap was reached, or {@code share} is NaN when this JVM
     * cannot read its CPU time), after {@code waitedNanos}, with the process's share of one CPU over the last
     * window.
     */
    public record Outcome(boolean settled, long waitedNanos, double share) {

        /** One line for the window when it did not settle; empty when it did. */
        public String note() {
            if (settled) {
                return "";
            }
            if (Double.isNaN(share)) {
                return "This JVM cannot read its CPU time, so the run started without waiting for the window to settle.";
            }
            return "The window was still busy starting (" + FigureText.percent(share) + " of one CPU) after "
                    + FigureText.nanos(waitedNanos) + ": the run started anyway, and may measure slower.";
        }
    }

    private final LongSupplier cpuNanos;
    private final LongSupplier clockNanos;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private final long start;

    /** A settle check on the given CPU clock and wall clock (nanoseconds; the CPU clock -1 when unknown). */
    public StartupSettle(LongSupplier cpuNanos, LongSupplier clockNanos) {
        this.cpuNanos = cpuNanos;
        this.clockNanos = clockNanos;
        this.start = clockNanos.getAsLong();
    }

    /**
     * Takes one sample; returns the outcome once settled, given up or unmeasurable, else null (sample again in
     * {@value #STEP_MILLIS} ms).
     */
    public Outcome sample() {
        long now = clockNanos.getAsLong();
        long cpu = cpuNanos.getAsLong();
        if (cpu < 0) {
            return new Outcome(false, now - start, Double.NaN);
        }
        samples.addLast(new long[] {now, cpu});
        long window = QUIET_MILLIS * 1_000_000L;
        while (samples.size() > 2 && now - samples.peekFirst()[0] > window && now - secondOldest()[0] >= window) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double share = now > first[0] ? (double) (cpu - first[1]) / (now - first[0]) : Double.NaN;
        if (now - first[0] >= window && share < QUIET_PERCENT / 100.0) {
            return new Outcome(true, now - start, share);
        }
        if (now - start >= CAP_MILLIS * 1_000_000L) {
            return new Outcome(false, now - start, Double.isNaN(share) ? 1 : share);
        }
        return null;
    }

    private long[] secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    /** This process's CPU time (all its threads, the JIT and GC too), -1 when the JVM cannot tell. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long cpu = os.getProcessCpuTime();
            return cpu >= 0 ? cpu : -1;
        }
        return -1;
    }

    /** Waits on a daemon thread until this process settles (or the cap); the future completes there. */
    public static CompletableFuture<Outcome> awaitProcess() {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        StartupSettle s = new StartupSettle(StartupSettle::processCpuNanos, System::nanoTime);
        Thread.ofPlatform().name("corelanes-settle").daemon(true).start(() -> {
            try {
                Outcome o;
                while ((o = s.sample()) == null) {
                    Thread.sleep(STEP_MILLIS);
                }
                done.complete(o);
            } catch (InterruptedException e) {
                done.complete(new Outcome(false, 0, Double.NaN));
            }
        });
        return done;
    }
}
