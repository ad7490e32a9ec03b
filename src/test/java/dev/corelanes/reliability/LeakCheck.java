package dev.corelanes.reliability;

/** What "nothing leaked" means in numbers: live threads, used heap after GC, resident memory. */
final class LeakCheck {

    private LeakCheck() {
    }

    /**
     * Live threads that are not the JDK's own idle pools: "process reaper" threads (one per process that
     * was waited for at once, kept 60 s after use) and virtual-thread carriers grow with peak concurrency
     * and shrink on their own, so they are no leak of ours.
     */
    static int threads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("process reaper") && !t.getName().startsWith("ForkJoinPool")
                        && !t.getName().equals("Attach Listener"))
                .count();
    }

    /** Live threads (see {@link #threads()}), after giving finished ones a moment to disappear. */
    static int threadsSettled(int baseline) throws InterruptedException {
        int n = 0;
        for (int i = 0; i < 50; i++) {
            n = threads();
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
