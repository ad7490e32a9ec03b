package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.TraceListener;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The bridge from engine threads to a timeline: listener callbacks only queue (quick, thread-safe); the UI
 * thread drains the queue into its {@link TimelineModel} once per frame.
 */
public final class LiveFeed implements TraceListener {

    private record Event(Span span, boolean open) {
    }

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();

    @Override
    public void onSpan(Span span) {
        queue.add(new Event(span, false));
    }

    @Override
    public void onOpened(Span span) {
        queue.add(new Event(span, true));
    }

    /** Moves everything that arrived into {@code model}; returns how many events it moved (0: nothing new). */
    public int drainTo(TimelineModel model) {
        return drainTo(model, Integer.MAX_VALUE);
    }

    /**
     * Moves at most {@code max} events into {@code model}, oldest first, so one frame never takes on an
     * unbounded backlog (10 000 virtual threads end within a few milliseconds); the rest waits for the next.
     */
    public int drainTo(TimelineModel model, int max) {
        int n = 0;
        for (Event e = n < max ? queue.poll() : null; e != null; e = n < max ? queue.poll() : null) {
            if (e.open()) {
                model.opened(e.span());
            } else {
                model.add(e.span());
            }
            n++;
        }
        return n;
    }

    /** True while events wait to be drained. */
    public boolean pending() {
        return !queue.isEmpty();
    }
}
