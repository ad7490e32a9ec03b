package dev.corelanes.engine.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
     * first starts, and again once all have counted — each thread then waits, alive, until that second reading
     * is taken, so what the threads hold (their stacks, the JVM's record of each) is in it.
     */
    public CounterResult run() throws InterruptedException {
        Counter counter = new Counter();
        // All threads start incrementing together, so they really overlap.
        CyclicBarrier start = new CyclicBarrier(threads);
        CountDownLatch counted = new CountDownLatch(threads);
        CountDownLatch measured = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long before = ResidentMemory.ofSelf();
        long t0 = System.nanoTime();
        long elapsed;
        long during;
        try {
            for (int w = 0; w < threads; w++) {
                int index = w;
                workers.add(Thread.ofPlatform().name("counter-" + (w + 1)).start(() -> {
                    try {
                        increment(counter, index, start);
                    } finally {
                        counted.countDown();
                        awaitQuietly(measured);
                    }
                }));
            }
            counted.await();
            elapsed = System.nanoTime() - t0;
            during = ResidentMemory.ofSelf();
        } finally {
            measured.countDown(); // never leave a thread waiting, whatever happened
        }
        for (Thread t : workers) {
            t.join();
        }
        long total = guard == CounterGuard.ATOMIC ? counter.atomic.get() : counter.value;
        return new CounterResult(false, guard, threads, perThread, threads * perThread, List.of(total), total,
                CounterMemory.threads(threads, before, during), elapsed);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
