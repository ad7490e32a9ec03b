package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Trace;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayTest {

    @Test
    void spansOpenAndEndAsTheReplayTimePassesThem() {
        Trace t = Traces.compute(ExecutionMode.THREADS, 4); // tasks 1, 2 at 0–100 ms; 3, 4 at 110–210 ms
        Replay r = new Replay(t);
        LiveFeed feed = new LiveFeed();
        TimelineModel m = new TimelineModel(t.spec(), t.machine(), null);
        assertEquals(t.wallNanos(), r.endNanos());

        r.advanceTo(50 * Traces.MS, feed);
        feed.drainTo(m);
        assertEquals(0, m.size());
        assertEquals(2, m.openSpans().size());

        r.advanceTo(150 * Traces.MS, feed);
        feed.drainTo(m);
        assertEquals(2, m.size(), "tasks 1 and 2 ended");
        assertEquals(2, m.openSpans().size(), "tasks 3 and 4 running");
        assertFalse(r.finished());

        assertEquals(2, r.advanceTo(r.endNanos(), feed), "the last two end; nothing is reported twice");
        feed.drainTo(m);
        assertEquals(t.spans().size(), m.size());
        assertTrue(m.openSpans().isEmpty());
        assertTrue(r.finished());
        assertEquals(0, r.advanceTo(Long.MAX_VALUE, feed));
    }
}
