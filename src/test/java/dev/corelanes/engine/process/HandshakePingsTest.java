package dev.corelanes.engine.process;

import dev.corelanes.engine.child.ClockSync;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How many pings a worker's handshake sends: enough for a good clock mapping, no more. */
class HandshakePingsTest {

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
}
