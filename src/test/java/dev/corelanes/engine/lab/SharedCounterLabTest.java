package dev.corelanes.engine.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedCounterLabTest {

    @Test
    void withoutALockRealThreadsLoseUpdates() throws Exception {
        Assumptions.assumeTrue(SharedCounterLab.raceLikelyVisible(), "one CPU: the race may not show");
        long lost = 0;
        // A race is a matter of timing: give it a bounded number of chances. Each thread must need many of
        // the OS's time slices (5 000 000 increments, not 500 000): on cores kept busy by other programs a
        // short thread finishes within one slice, never running beside another, and nothing is lost.
        for (int attempt = 0; attempt < 10 && lost == 0; attempt++) {
            CounterResult r = new SharedCounterLab(4, 5_000_000, CounterGuard.NONE).run();
            lost = r.lost();
            assertTrue(r.finalValues().get(0) <= r.expected(), "a race can only lose updates");
        }
        assertTrue(lost > 0, "no update was lost in 10 tries");
    }

    @Test
    void withALockNoUpdateIsLost() throws Exception {
        CounterResult r = new SharedCounterLab(4, 200_000, CounterGuard.LOCK).run();
        assertEquals(800_000, r.finalValues().get(0));
        assertEquals(0, r.lost());
    }

    @Test
    void withAnAtomicNoUpdateIsLost() throws Exception {
        CounterResult r = new SharedCounterLab(4, 200_000, CounterGuard.ATOMIC).run();
        assertEquals(800_000, r.finalValues().get(0));
    }

    @Test
    void everyThreadSawTheSharedCounterGrow() throws Exception {
        SharedCounterLab lab = new SharedCounterLab(3, 100_000, CounterGuard.ATOMIC);
        lab.run();
        for (long v : lab.seen()) {
            assertTrue(v >= 100_000 && v <= 300_000, "a thread saw " + v);
        }
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SharedCounterLab(0, 10, CounterGuard.NONE));
        assertThrows(IllegalArgumentException.class, () -> new SharedCounterLab(2, 0, CounterGuard.NONE));
    }

    /** What the threads cost is this process's growth while they lived, both readings taken by the lab. */
    @Test
    void theThreadsMemoryIsTheProcessGrowthWhileTheyLived() throws Exception {
        CounterResult r = new SharedCounterLab(8, 10_000, CounterGuard.ATOMIC).run();
        CounterMemory m = r.memory();
        assertFalse(m.processes());
        assertEquals(8, m.workers());
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertTrue(m.beforeBytes() > 1 << 20 && m.whileBytes() > 1 << 20);
            assertEquals(m.whileBytes() - m.beforeBytes(), m.addedBytes().orElseThrow());
            assertEquals((m.whileBytes() - m.beforeBytes()) / 8.0, m.perWorkerBytes().orElseThrow(), 1e-9);
        } else {
            assertTrue(m.addedBytes().isEmpty(), "no /proc: not measured, not invented");
        }
    }
}
