package dev.corelanes.bench;

import java.util.Locale;

/**
 * The JDK's own floor for the virtual-thread rows of {@link StartBench}: a class that starts N virtual threads
 * that each note when they began and sleep 1 s, with nothing of CoreLanes around them. Run in a fresh JVM with
 * default flags, like a CLI command; prints {@code wall ramp} in seconds (ramp = first → last thread start).
 */
public final class VirtualFloor {
    private VirtualFloor() {
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        // The scheduler's one-time start, as CoreLanes does before its clock.
        Thread.ofVirtual().start(() -> { }).join();
        long[] starts = new long[n];
        Thread[] threads = new Thread[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int k = i;
            threads[i] = Thread.ofVirtual().name("V" + (i + 1)).start(() -> {
                starts[k] = System.nanoTime();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (long s : starts) {
            first = Math.min(first, s);
            last = Math.max(last, s);
        }
        System.out.printf(Locale.ROOT, "%.6f %.6f%n", wall / 1e9, (last - first) / 1e9);
    }
}
