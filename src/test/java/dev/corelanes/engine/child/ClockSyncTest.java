package dev.corelanes.engine.child;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockSyncTest {

    @Test
    void keepsTheSampleWithTheShortestRoundTrip() {
        long offset = 5_000_000_000L; // the child's clock is 5 s ahead
        ClockSync s = new ClockSync();
        assertFalse(s.synced());
        // A slow, lopsided round trip: the answer sat 3 ms in a pipe on the way back.
        s.sample(1_000_000, 1_000_000 + 200_000 + offset, 4_200_000);
        // A quick one: 100 µs each way.
        s.sample(10_000_000, 10_100_000 + offset, 10_200_000);
        s.sample(20_000_000, 20_900_000 + offset, 22_000_000);
        assertEquals(offset, s.offsetNanos());
        assertEquals(100_000, s.uncertaintyNanos());
        assertEquals(30_000_000, s.toParent(30_000_000 + offset));
    }

    @Test
    void refusesAnAnswerBeforeItsQuestion() {
        assertThrows(IllegalArgumentException.class, () -> new ClockSync().sample(10, 5, 9));
    }

    @Test
    void takesTheParentsOwnClockWhenEveryPingAllowsIt() {
        long base = 7_000_000_000L; // parent clock − timeline: the child reads the parent's clock
        ClockSync s = new ClockSync();
        // Lopsided round trips: the estimate from the best one is 40 µs off the truth.
        s.sample(1_000_000, 1_020_000 + base, 1_120_000);
        s.sample(2_000_000, 2_010_000 + base, 2_090_000);
        assertEquals(base + 10_000 - 45_000, s.offsetNanos());
        assertTrue(s.sameClock(base));
        assertTrue(s.exact());
        assertEquals(base, s.offsetNanos());
        assertEquals(2_500_000, s.toParent(2_500_000 + base));
        assertTrue(s.uncertaintyNanos() < 10_000);
    }

    @Test
    void keepsThePingsEstimateForAClockOfItsOwn() {
        long skew = 3_000_000; // the child's clock runs 3 ms ahead of the parent's
        long base = 7_000_000_000L;
        ClockSync s = new ClockSync();
        s.sample(1_000_000, 1_050_000 + base + skew, 1_100_000);
        assertFalse(s.sameClock(base), "a candidate outside the ping's window is no one clock");
        assertFalse(s.exact());
        assertEquals(base + skew, s.offsetNanos());
        assertEquals(50_000, s.uncertaintyNanos());
    }

    @Test
    void aLaterPingThatRefutesOneClockRestoresTheEstimate() {
        ClockSync s = new ClockSync();
        s.sample(0, 500, 1_000_000); // a 1 ms window: allows 0
        assertTrue(s.sameClock(0));
        s.sample(2_000_000, 2_000_000 + 100_000, 2_010_000); // the child's clock 90–100 µs ahead: not 0
        assertFalse(s.exact());
        assertEquals(100_000 - 5_000, s.offsetNanos());
    }

    @Test
    void anUnsyncedChildHasNoOneClock() {
        assertFalse(new ClockSync().sameClock(0));
    }
}
