package dev.corelanes.app;

import org.junit.jupiter.api.Test;

import static dev.corelanes.app.FrameBudget.MAX_INTERVAL_NANOS;
import static dev.corelanes.app.FrameBudget.MIN_INTERVAL_NANOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void cheapDrawingKeepsTheFastestRate() {
        // A graphics card: 1 % of a core at 10 frames a second.
        assertEquals(MIN_INTERVAL_NANOS, FrameBudget.next(MIN_INTERVAL_NANOS, SECOND / 100, SECOND));
    }

    @Test
    void costlyDrawingSlowsTheRateTowardTheTargetButNotBelowTheFloor() {
        // Software rendering at 1920×1080: half a core at 10 frames a second.
        long after = FrameBudget.next(MIN_INTERVAL_NANOS, SECOND / 2, SECOND);
        assertEquals(MAX_INTERVAL_NANOS, after, "1 frame a second at the slowest");
        assertEquals(1_000_000_000L, MAX_INTERVAL_NANOS);
        // 6 % at 10 frames a second: at once to the 300 ms that meets 2 % (a short run has no second to spare).
        long mild = FrameBudget.next(MIN_INTERVAL_NANOS, SECOND * 6 / 100, SECOND);
        assertEquals(300_000_000L, mild);
        // Cheaper again (1 % at 300 ms): halfway back toward the 150 ms that would meet it.
        assertEquals(225_000_000L, FrameBudget.next(mild, SECOND / 100, SECOND));
        // 0.5 % at 120 ms: halfway toward 30 ms, capped at 100 ms.
        assertEquals(MIN_INTERVAL_NANOS, FrameBudget.next(120_000_000L, SECOND * 5 / 1000, SECOND));
    }

    @Test
    void theRateComesBackWhenDrawingGetsCheap() {
        long interval = MAX_INTERVAL_NANOS;
        for (int i = 0; i < 10; i++) {
            interval = FrameBudget.next(interval, SECOND / 100, SECOND);
        }
        assertEquals(MIN_INTERVAL_NANOS, interval);
    }

    @Test
    void nothingMeasurableLeavesTheRateAsItIsWithinBounds() {
        assertEquals(150_000_000L, FrameBudget.next(150_000_000L, -1, SECOND));
        assertEquals(150_000_000L, FrameBudget.next(150_000_000L, SECOND / 10, 0));
        assertEquals(MIN_INTERVAL_NANOS, FrameBudget.next(0, -1, SECOND), "never faster than the cap");
        for (long cpu = 0; cpu <= 2 * SECOND; cpu += SECOND / 7) {
            long next = FrameBudget.next(MIN_INTERVAL_NANOS, cpu, SECOND);
            assertTrue(next >= MIN_INTERVAL_NANOS && next <= MAX_INTERVAL_NANOS, cpu + " → " + next);
        }
    }
}
