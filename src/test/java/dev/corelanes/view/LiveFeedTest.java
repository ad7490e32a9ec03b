package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import org.junit.jupiter.api.Test;

import static dev.corelanes.view.TimelineFixtures.machine;
import static dev.corelanes.view.TimelineFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A frame drains a bounded number of spans; the rest wait, in order, for the next frames. */
class LiveFeedTest {

    @Test
    void aBurstIsSpreadOverFramesInArrivalOrder() {
        LiveFeed feed = new LiveFeed();
        for (int k = 1; k <= 50; k++) {
            feed.onSpan(new Span(k, "T" + k, 0, SpanState.RUNNING, k, k + 1));
        }
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 50), machine(2), null);
        assertEquals(20, feed.drainTo(m, 20));
        assertEquals(20, m.size());
        assertEquals(1, m.spans().get(0).task(), "oldest first");
        assertTrue(feed.pending());
        assertEquals(20, feed.drainTo(m, 20));
        assertEquals(10, feed.drainTo(m, 20));
        assertFalse(feed.pending());
        assertEquals(0, feed.drainTo(m, 20));
        assertEquals(50, m.size());
        assertEquals(50, m.spans().get(49).task());
    }
}
