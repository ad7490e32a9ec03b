package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a compute loop's clock readings say its thread was off the CPU, on a synthetic clock. */
class OffCpuWatchTest {

    private static final long US = 1_000L;
    /** 50 M steps/s: 500 steps take 10 µs, one stretch of a 1 ms chunk. */
    private static final long STEPS_PER_SECOND = 50_000_000L;
    private static final int STEPS = OffCpuWatch.stretchSteps((int) (STEPS_PER_SECOND / 1_000));
    /** What one stretch of {@link #STEPS} takes at the calibrated pace. */
    private static final long STRETCH = 10 * US;

    @Test
    void aStretchOfAChunkIsAHundredthOfIt() {
        assertEquals(500, STEPS);
    }

    @Test
    void aPreemptionInsideAChunkIsPlacedBetweenTheReadingsAroundIt() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        long t = 0;
        w.from(t);
        for (int i = 0; i < 30; i++) {
            t += STRETCH;
            assertFalse(w.offCpu(t, STEPS), "stretch " + i);
        }
        long before = t;
        t += STRETCH + 3_000 * US; // 3 ms off the CPU somewhere in this stretch
        assertTrue(w.offCpu(t, STEPS));
        assertEquals(before, w.before());
        assertEquals(t, w.last());
        t += STRETCH;
        assertFalse(w.offCpu(t, STEPS), "back to its pace at once");
    }

    @Test
    void interruptsAndJitterAreNoGap() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        long t = 0;
        w.from(t);
        for (int i = 0; i < 1_000; i++) {
            t += STRETCH + (i % 7 == 0 ? 60 * US : i % 3); // a 60 µs interrupt now and then: 7× the stretch
            assertFalse(w.offCpu(t, STEPS), "stretch " + i);
        }
    }

    @Test
    void belowTheFloorNoGapEvenAtTenTimesTheWork() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        w.from(0);
        w.offCpu(2 * US, 100);                   // 100 steps take 2 µs
        assertFalse(w.offCpu(2 * US + 90 * US, 100), "90 µs: 45× the work, but under 100 µs");
        assertTrue(w.offCpu(2 * US + 90 * US + 150 * US, 100), "150 µs: over both");
    }

    @Test
    void aSlowStartOfTheKernelIsNoGap() {
        // A worker JVM runs the kernel in the interpreter at first: 30× slower than calibrated, then compiled.
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        long t = 0;
        w.from(t);
        for (int i = 0; i < 20; i++) {
            t += 600 * US;
            assertFalse(w.offCpu(t, STEPS), "interpreted stretch " + i);
        }
        for (int i = 0; i < 20; i++) {
            t += STRETCH;
            assertFalse(w.offCpu(t, STEPS), "compiled stretch " + i);
        }
        t += 2_000 * US;
        assertTrue(w.offCpu(t, STEPS), "and a real gap after it is seen");
    }

    @Test
    void codeThatTurnsSlowForGoodStopsLookingLikeGapsAfterAFewStretches() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        long t = 0;
        w.from(t);
        for (int i = 0; i < 10; i++) {
            t += STRETCH;
            w.offCpu(t, STEPS);
        }
        int gaps = 0;
        for (int i = 0; i < 100; i++) {
            t += 600 * US; // deoptimised: 30× slower from here on
            gaps += w.offCpu(t, STEPS) ? 1 : 0;
        }
        assertTrue(gaps > 0 && gaps <= 5, gaps + " stretches taken for gaps");
    }

    @Test
    void aRestartAfterAWaitIsNoGap() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        w.from(0);
        w.offCpu(STRETCH, STEPS);
        w.offCpu(2 * STRETCH, STEPS);
        w.from(9_000 * US); // waited for the GIL from 20 µs to 9 ms: not preempted
        assertFalse(w.offCpu(9_000 * US + STRETCH, STEPS));
    }

    @Test
    void theThreadsCpuClockPlacesTheGapsEndAtTheSwitchThatGaveTheCpuBack() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        long t = 0;
        long cpu = 5_000 * US; // what the thread had used before the task
        w.from(t);
        w.mark(t, cpu);
        for (int i = 0; i < 10; i++) {
            t += STRETCH;
            cpu += STRETCH;
            assertFalse(w.offCpu(t, STEPS));
        }
        long before = t;
        // 5 µs of the stretch, then 3 ms off, then back: 100 µs on the CPU before the loop is at its pace again,
        // and the stretch's other 5 µs.
        long switchIn = before + 5 * US + 3_000 * US;
        t = switchIn + 100 * US + (STRETCH - 5 * US);
        cpu += 5 * US + 100 * US + (STRETCH - 5 * US);
        assertTrue(w.offCpu(t, STEPS));
        long resume = w.resumeAt(cpu);
        assertTrue(resume >= switchIn, "never before the switch: " + (switchIn - resume) / US + " µs early");
        assertEquals(switchIn + (STRETCH - 5 * US), resume, "late only by the stretch's work it had not done before the gap");
        // The next gap counts from this reading.
        t += STRETCH;
        cpu += STRETCH;
        assertFalse(w.offCpu(t, STEPS));
        long before2 = t;
        t += 2_000 * US + STRETCH;
        cpu += STRETCH;
        assertTrue(w.offCpu(t, STEPS));
        assertEquals(t, w.resumeAt(cpu), "a gap whose stretch ran only its work resumes at the reading");
        assertEquals(before2, w.before());
    }

    @Test
    void withoutAFineCpuClockTheGapEndsAtTheReading() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        w.from(0);
        w.mark(0, -1);
        w.offCpu(STRETCH, STEPS);
        long t = STRETCH + 3_000 * US;
        assertTrue(w.offCpu(t, STEPS));
        assertEquals(t, w.resumeAt(-1));
        assertEquals(t, w.resumeAt(123 * US), "no mark to count from: the reading");
    }

    @Test
    void aCpuClockThatSaysMoreThanTheStretchTookStillEndsTheGapWithinIt() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND);
        w.from(0);
        w.mark(0, 0);
        w.offCpu(STRETCH, STEPS);
        long t = STRETCH + 3_000 * US;
        assertTrue(w.offCpu(t, STEPS));
        assertEquals(STRETCH, w.resumeAt(10_000 * US), "clamped to the reading before: all of it on the CPU");
    }

    @Test
    void theStretchFollowsThePaceFromShortToTheCalibratedOne() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND, STEPS);
        assertEquals(STEPS / OffCpuWatch.FIRST_STRETCH_DIVISOR, w.stretch(), "short until the pace is known");
        long t = 0;
        w.from(t);
        // Interpreted: 50× slower than calibrated, so ~10 µs hold a fiftieth of a calibrated stretch.
        for (int i = 0; i < 10; i++) {
            int k = w.stretch();
            t += k * STRETCH * 50 / STEPS;
            assertFalse(w.offCpu(t, k));
        }
        assertEquals(STEPS / 50, w.stretch());
        // Compiled: back to the calibrated pace, doubling at most per stretch.
        int previous = w.stretch();
        while (w.stretch() < STEPS) {
            int k = w.stretch();
            t += k * STRETCH / STEPS;
            assertFalse(w.offCpu(t, k));
            assertTrue(w.stretch() <= 2 * previous && w.stretch() >= previous, previous + " → " + w.stretch());
            previous = w.stretch();
        }
        assertEquals(STEPS, w.stretch(), "never beyond the calibrated stretch");
        // A preemption in an interpreted-length stretch is still seen.
        t += STRETCH + 2_000 * US;
        assertTrue(w.offCpu(t, w.stretch()));
    }

    @Test
    void theFirstStretchIsJudgedByTheCpuClock() {
        OffCpuWatch w = new OffCpuWatch(STEPS_PER_SECOND, STEPS);
        w.from(0);
        w.mark(0, 7_000 * US);
        // 1 ms of first calls on the CPU, 2 ms off, then the reading: the pace cannot tell, the CPU clock can.
        long t = 3_000 * US;
        assertFalse(w.offCpu(t, w.stretch()));
        assertTrue(w.firstUnjudged());
        assertTrue(w.firstOffCpu(8_000 * US));
        assertFalse(w.firstUnjudged());
        assertEquals(0, w.before());
        assertEquals(2_000 * US, w.resumeAt(8_000 * US), "all its CPU time after the gap");

        OffCpuWatch busy = new OffCpuWatch(STEPS_PER_SECOND, STEPS);
        busy.from(0);
        busy.mark(0, 0);
        busy.offCpu(3_000 * US, busy.stretch());
        assertFalse(busy.firstOffCpu(2_950 * US), "on the CPU all along: slow first calls, no gap");
        busy.offCpu(3_000 * US + STRETCH, busy.stretch());
        assertFalse(busy.firstUnjudged(), "only the first stretch");
    }
}
