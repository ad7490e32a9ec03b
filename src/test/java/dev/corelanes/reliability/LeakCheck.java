package dev.corelanes.reliability;

import java.lang.management.ManagementFactory;

/** What "nothing leaked" means in numbers: live threads, used heap after GC, resident memory. */
final class LeakCheck {

    private LeakCheck() {
    }

    /** Live threads, after giving finished ones a moment to disappear. */
    static int threadsSettled(int baseline) throws InterruptedException {
        int n = 0;
        for (int i = 0; i < 50; i++) {
            n = ManagementFactory.getThreadMXBean().getThreadCount();
            if (n <= baseline) {
                return n;
            }
            Thread.sleep(20);
        }
        return n;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
