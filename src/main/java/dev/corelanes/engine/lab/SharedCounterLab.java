package dev.corelanes.engine.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Threads share memory: several platform threads increment ONE counter. Without a lock, increments are
 * lost — a real race between real threads, nothing simulated. With a lock or an atomic, none are.
 *
 * <p>While it runs, {@link #seen()} tells what each thread last saw in the counter, for a live view. What
 * the threads cost in memory is measured as this process's growth while they live ({@link CounterMemory}).
 */
public final class SharedCounterLab {

    /** Updates made with {@code ++} on a volatile field: visible to all, but not atomic. */
    private static final class Counter {
        volatile long value;
        final AtomicLong atomic = new AtomicLong();

        synchronized void lockedIncrement() {
            value++;
        }
    }

    private final int threads;
    private final long perThread;
    private final CounterGuard guard;
    private final AtomicLongArray seen;
    private volatile boolean cancelled;

    public SharedCounterLab(int threads, long perThread, CounterGuard guard) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("Threads must be between 1 and 64 (got " + threads + ").");
        }
        if (perThread < 1 || perThread > 100_000_000L) {
            throw new IllegalArgumentException("Increments per thread must be between 1 and 100000000 (got "
                    + perThread + ").");
        }
        this.threads = threads;
        this.perThread = perThread;
        this.guard = guard;
        this.seen = new AtomicLongArray(threads);
    }

    /** What each thread last read from the shared counter. */
    public long[] seen() {
        long[] v = new long[threads];
        for (int i = 0; i < threads; i++) {
            v[i] = seen.get(i);
        }
        return v;
    }

    public void cancel() {
        cancelled = true;
    }

    /** On a single CPU threads rarely interleave mid-increment, so the race may not show. */
    public static boolean raceLikelyVisible() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    /**
     * Runs the threads and measures what they cost in memory: this process's resident set just before the
     * first starts, and again when all of them have started — alive, each on its own stack, waiting at the
     * start line — in the moment before they are let go. The second reading is taken there, not after the
     * counting, so that what the JVM does meanwhile (compiling the loop, the window drawing) is not charged
     * to the threads.
     */
    public CounterResult run() throws InterruptedException {
        // A first pass with one thread and one increment loads and links this code (the classes, the lambdas'
        // bootstrap), so that one-off memory is not charged to the threads measured next.
        new SharedCounterLab(1, 1, guard).count(false);
        return count(true);
    }

    /**
     * This process's resident memory once it holds still (two readings 20 ms apart alike; half a second at
     * most): what else the JVM is busy with as the run starts — a window drawing the page it just changed — is
     * then not charged to the threads.
     */
    private static long settledResident() throws InterruptedException {
        long last = ResidentMemory.ofSelf();
        for (int i = 0; i < 25 && last >= 0; i++) {
            Thread.sleep(20);
            long now = ResidentMemory.ofSelf();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private CounterResult count(boolean settle) throws InterruptedException {
        Counter counter = new Counter();
        long[] started = {-1};
        // All threads start incrementing together, so they really overlap; the last to arrive reads the memory.
        CyclicBarrier start = new CyclicBarrier(threads, () -> started[0] = ResidentMemory.ofSelf());
        List<Thread> workers = new ArrayList<>();
        long before = settle ? settledResident() : ResidentMemory.ofSelf();
        long t0 = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int index = w;
            workers.add(Thread.ofPlatform().name("counter-" + (w + 1)).start(() -> increment(counter, index, start)));
        }
        for (Thread t : workers) {
            t.join();
        }
        long elapsed = System.nanoTime() - t0;
        long total = guard == CounterGuard.ATOMIC ? counter.atomic.get() : counter.value;
        // The barrier's action happens-before every thread's release, and each thread's end before its join.
        return new CounterResult(false, guard, threads, perThread, threads * perThread, List.of(total), total,
                CounterMemory.threads(threads, before, started[0]), elapsed);
    }

    private void increment(Counter c, int index, CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            return;
        }
        for (long i = 1; i <= perThread; i++) {
            switch (guard) {
                case NONE -> c.value++; // the race: read, add one, write back
                case LOCK -> c.lockedIncrement();
                case ATOMIC -> c.atomic.incrementAndGet();
            }
            if ((i & 0x3ff) == 0) {
                seen.set(index, guard == CounterGuard.ATOMIC ? c.atomic.get() : c.value);
                if (cancelled) {
                    return;
                }
            }
        }
        seen.set(index, guard == CounterGuard.ATOMIC ? c.atomic.get() : c.value);
    }
}
