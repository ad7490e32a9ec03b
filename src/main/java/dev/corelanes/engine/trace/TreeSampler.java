package dev.corelanes.engine.trace;

import dev.corelanes.engine.trace.linux.ProcReader;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples every thread of a process tree on one thread of its own, until stopped: each sweep reads every known
 * thread's state, CPU and scheduler totals ({@link ThreadSample}) and looks for processes started since the last
 * one (children started later included) — from {@code /proc} on Linux ({@link ProcTreeSource}), from the OS's thread
 * table on macOS and Windows ({@link TableTreeSource}).
 *
 * <p>Cheap and honest: the sampler measures its own CPU time (this thread's CPU clock) and adapts its period so
 * that it uses at most {@link #TARGET_SHARE} of one core, whatever the number of threads — a few threads are read
 * every {@link #MIN_PERIOD_NANOS}, 64 threads less often. A process that starts and ends between two sweeps is not
 * seen.
 */
public final class TreeSampler {

    /** The sampler's budget: 3 % of one core. */
    public static final double TARGET_SHARE = 0.03;
    public static final long MIN_PERIOD_NANOS = 2_000_000L;
    public static final long MAX_PERIOD_NANOS = 200_000_000L;
    /** The share aimed at, as a part of the budget: the margin keeps the share measured over a run within it. */
    static final double AIM = 0.85;

    private final TreeSource source;
    private final int rootPid;
    private final long originNanos;
    private final Map<Integer, List<ThreadSample>> threads = new LinkedHashMap<>();
    private final Map<Integer, ProcessSeen> processes = new LinkedHashMap<>();
    private final java.util.concurrent.CountDownLatch firstSweep = new java.util.concurrent.CountDownLatch(1);
    private long firstSweepNanos = -1;
    private final List<Long> sweepTimes = new ArrayList<>();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private volatile boolean stopping;
    private Thread thread;
    private long ownCpuNanos;
    private long periodSum;
    private long periodNow = MIN_PERIOD_NANOS;
    private long startedNanos;
    private long stoppedNanos;
    private volatile long samplerTid = -1;

    /**
     * @param rootPid     the traced tree's root (the command run, or the process attached to)
     * @param originNanos {@link System#nanoTime()} at the run's time 0
     */
    public TreeSampler(ProcReader proc, int rootPid, long originNanos) {
        this(new ProcTreeSource(proc, rootPid, originNanos), rootPid, originNanos);
    }

    /** Sampling from {@code source}: /proc on Linux ({@link ProcTreeSource}), an OS's thread table elsewhere. */
    TreeSampler(TreeSource source, int rootPid, long originNanos) {
        this.source = source;
        this.rootPid = rootPid;
        this.originNanos = originNanos;
    }

    /**
     * Starts sampling on a thread of its own and returns once its first sweep is done (or after a second, on a
     * machine so busy that the sampler has not had a CPU yet): a program held stopped until then is seen before it
     * runs any code of its own.
     */
    public void start() {
        synchronized (this) {
            stopping = false;
            thread = Thread.ofPlatform().daemon(true).name("corelanes-trace-sampler").start(this::loop);
        }
        try { // not holding this object's lock, which each sweep takes
            firstSweep.await(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the first sweep began on the run's timeline, or -1 before it. */
    public long firstSweepNanos() {
        return firstSweepNanos;
    }

    /**
     * One sweep now, on the calling thread (a cancel, just before the tree is killed: what ran until then is in the
     * run, however recently it started). Its cost is the caller's, not the sampler's.
     */
    public synchronized void sweepNow() {
        if (thread != null && thread.isAlive()) {
            sweep();
        }
    }

    /**
     * Runs {@code reader} on what was seen so far — samples per thread in the order first seen, and when each sweep
     * began — with the sampling held still; the reader must not keep or change them ({@link LiveSpans} reads the
     * part that is new since it last looked).
     */
    synchronized void read(java.util.function.BiConsumer<Map<Integer, List<ThreadSample>>, List<Long>> reader) {
        reader.accept(java.util.Collections.unmodifiableMap(threads), java.util.Collections.unmodifiableList(sweepTimes));
    }

    /** Takes one last sweep and stops; returns what was seen. Any thread. */
    public Sampling stop() throws InterruptedException {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            t.join();
        }
        synchronized (this) {
            Map<Integer, List<ThreadSample>> copy = new LinkedHashMap<>();
            threads.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            int sweeps = sweepTimes.size();
            long achieved = sweeps > 1 ? (sweepTimes.get(sweeps - 1) - sweepTimes.get(0)) / (sweeps - 1) : periodNow;
            return new Sampling(rootPid, copy, List.copyOf(processes.values()), List.copyOf(sweepTimes), ownCpuNanos,
                    Math.max(1, stoppedNanos - startedNanos), achieved, sweeps > 1 ? periodSum / (sweeps - 1) : periodNow,
                    samplerTid);
        }
    }

    private void loop() {
        startedNanos = System.nanoTime();
        long cpuStart = mx.getCurrentThreadCpuTime();
        samplerTid = source.ownTid();
        long costAverage = -1;
        long cpuBefore = cpuStart;
        while (true) {
            boolean last = stopping;
            synchronized (this) {
                sweep();
            }
            if (firstSweep.getCount() > 0) {
                firstSweep.countDown();
            }
            // Its cost is all this thread's CPU since the sweep before: the sweep, the wake-up and the wait.
            long cpuNow = mx.getCurrentThreadCpuTime();
            long cost = Math.max(0, cpuNow - cpuBefore);
            cpuBefore = cpuNow;
            ownCpuNanos = Math.max(0, cpuNow - cpuStart);
            if (last) {
                break;
            }
            // The first sweep lists the machine's processes once and runs cold code: it says nothing of the rest.
            if (sweepTimes.size() > 1) {
                costAverage = costAverage < 0 ? cost : (costAverage * 7 + cost) / 8;
            }
            periodNow = costAverage < 0 ? MIN_PERIOD_NANOS : periodFor(costAverage);
            periodSum += periodNow;
            long next = System.nanoTime() + periodNow;
            while (!stopping && System.nanoTime() < next) {
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        stoppedNanos = System.nanoTime();
        synchronized (this) {
            source.close();
        }
    }

    /**
     * The period that keeps a sweep costing {@code costNanos} of CPU within {@link #TARGET_SHARE} of one core: aimed
     * at {@link #AIM} of it, as a sweep's cost varies (a busy machine, a burst of new threads) and the average lags.
     */
    public static long periodFor(long costNanos) {
        long p = (long) (costNanos / (TARGET_SHARE * AIM));
        return Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, p));
    }

    private void sweep() {
        long now = System.nanoTime() - originNanos;
        if (firstSweepNanos < 0) {
            firstSweepNanos = now;
        }
        sweepTimes.add(now);
        source.sweep(now, threads, processes);
    }
}
