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
}
