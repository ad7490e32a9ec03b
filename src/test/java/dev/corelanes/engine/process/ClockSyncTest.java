package dev.corelanes.engine.process;

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
    void theHandshakePingsAtLeastFourTimesAndStopsAtAShortRoundTrip() {
        ClockSync s = new ClockSync();
        assertEquals(Long.MAX_VALUE, s.bestRoundTripNanos());
        assertFalse(WorkerProcess.enoughPings(0, s.bestRoundTripNanos()));
        s.sample(0, 0, 50_000); // a quick first answer is not enough on its own
        for (int sent = 1; sent < WorkerProcess.MIN_PINGS; sent++) {
            assertFalse(WorkerProcess.enoughPings(sent, s.bestRoundTripNanos()));
        }
        assertTrue(WorkerProcess.enoughPings(WorkerProcess.MIN_PINGS, s.bestRoundTripNanos()));
    }

    @Test
    void onABusyMachineTheHandshakeGoesOnToSixteenPings() {
        ClockSync s = new ClockSync();
        s.sample(0, 0, WorkerProcess.GOOD_ROUND_TRIP_NANOS + 1);
        for (int sent = 1; sent < WorkerProcess.PINGS; sent++) {
            assertFalse(WorkerProcess.enoughPings(sent, s.bestRoundTripNanos()), "stopped after " + sent);
        }
        assertTrue(WorkerProcess.enoughPings(WorkerProcess.PINGS, s.bestRoundTripNanos()));
        s.sample(10, 10, 10 + WorkerProcess.GOOD_ROUND_TRIP_NANOS);
        assertTrue(WorkerProcess.enoughPings(WorkerProcess.MIN_PINGS, s.bestRoundTripNanos()), "a short one ends it");
    }

    @Test
    void refusesAnAnswerBeforeItsQuestion() {
        assertThrows(IllegalArgumentException.class, () -> new ClockSync().sample(10, 5, 9));
    }
}
