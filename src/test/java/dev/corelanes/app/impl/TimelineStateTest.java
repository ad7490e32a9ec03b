package dev.corelanes.app.impl;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.fixtures.Traces;
import dev.corelanes.view.TimelineModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline's range in view never leaves the run: no zoom out or pan past its own extent (a "−80 s" axis). */
class TimelineStateTest {

    private static TimelineState showing(TimelineModel m) {
        TimelineState s = new TimelineState(null);
        s.show(m);
        return s;
    }

    @Test
    void zoomingOutStopsAtTheWholeRun() {
        TimelineState s = showing(TimelineModel.of(Traces.compute(ExecutionMode.THREADS, 4), null));
        TimeRange fit = s.viewRangeProperty().get();
        assertEquals(0, fit.startNanos());
        // Out around a point near the left edge, then near the right edge: the range must stay the run's.
        for (int i = 0; i < 20; i++) {
            s.zoomAround(fit.startNanos() + fit.spanNanos() / 20, 1 / 1.25);
        }
        assertEquals(fit, s.viewRangeProperty().get(), "twenty notches out show the whole run, no more");
        s.zoomAround(fit.startNanos() + fit.spanNanos() / 2, 4);
        for (int i = 0; i < 20; i++) {
            s.zoomAround(fit.endNanos() - fit.spanNanos() / 20, 1 / 1.25);
            TimeRange r = s.viewRangeProperty().get();
            assertTrue(r.startNanos() >= fit.startNanos() && r.endNanos() <= fit.endNanos(),
                    "step " + i + ": " + r + " lies within " + fit);
        }
        assertEquals(fit, s.viewRangeProperty().get());
    }

    @Test
    void panningStopsAtEitherEndOfTheRun() {
        TimelineState s = showing(TimelineModel.of(Traces.compute(ExecutionMode.THREADS, 4), null));
        TimeRange fit = s.viewRangeProperty().get();
        s.zoomAround(fit.startNanos() + fit.spanNanos() / 2, 4);
        long span = s.viewRangeProperty().get().spanNanos();
        s.panBy(-10_000_000_000L);
        assertEquals(new TimeRange(fit.startNanos(), fit.startNanos() + span), s.viewRangeProperty().get(),
                "dragged far left: the range starts where the run does");
        s.panBy(10_000_000_000L);
        assertEquals(new TimeRange(fit.endNanos() - span, fit.endNanos()), s.viewRangeProperty().get(),
                "dragged far right: the range ends where the run does");
    }
}
