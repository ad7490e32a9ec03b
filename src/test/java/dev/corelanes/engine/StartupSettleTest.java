package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wait for a window's start-up to settle, on clocks the test moves (no real time). */
class StartupSettleTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final AtomicLong cpu = new AtomicLong();

    /** One step of {@link StartupSettle#STEP_MILLIS} during which the process used {@code share} of a CPU. */
    private StartupSettle.Outcome step(StartupSettle s, double share) {
        clock.addAndGet(StartupSettle.STEP_MILLIS * MS);
        cpu.addAndGet(Math.round(StartupSettle.STEP_MILLIS * MS * share));
        return s.sample();
    }

    @Test
    void waitsWhileTheProcessIsBusyAndSettlesOnceItHasBeenQuietLongEnough() {
        StartupSettle s = new StartupSettle(cpu::get, clock::get);
        assertNull(s.sample());
        for (int i = 0; i < 20; i++) {
            assertNull(step(s, 0.9), "busy at step " + i);
        }
        int quietSteps = 0;
        StartupSettle.Outcome o = null;
        while (o == null) {
            o = step(s, 0.02);
            quietSteps++;
        }
        assertTrue(o.settled());
        assertEquals("", o.note());
        // Not before a whole quiet window, and not much after it.
        assertTrue(quietSteps * StartupSettle.STEP_MILLIS >= StartupSettle.QUIET_MILLIS, "quiet steps " + quietSteps);
        assertTrue(quietSteps * StartupSettle.STEP_MILLIS <= StartupSettle.QUIET_MILLIS + 2 * StartupSettle.STEP_MILLIS,
                "quiet steps " + quietSteps);
        assertTrue(o.share() < StartupSettle.QUIET_PERCENT / 100.0);
    }

    @Test
    void givesUpAtTheCapAndSaysSo() {
        StartupSettle s = new StartupSettle(cpu::get, clock::get);
        s.sample();
        StartupSettle.Outcome o = null;
        int steps = 0;
        while (o == null) {
            o = step(s, 0.6);
            steps++;
        }
        assertFalse(o.settled());
        assertEquals(StartupSettle.CAP_MILLIS / StartupSettle.STEP_MILLIS, steps);
        assertTrue(o.note().contains("60 % of one CPU") && o.note().contains("started anyway"), o.note());
    }

    @Test
    void aJvmThatCannotReadItsCpuTimeDoesNotWait() {
        StartupSettle.Outcome o = new StartupSettle(() -> -1, clock::get).sample();
        assertFalse(o.settled());
        assertTrue(o.note().contains("cannot read its CPU time"), o.note());
    }
}
