package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plays a recorded run back: as the replay time moves forward, each span is reported opened when its start
 * passes and finished when its end passes, exactly as the engine reported them live. So a replay feeds the
 * timeline's own {@link LiveFeed} and "now" line; nothing is measured again.
 */
public final class Replay {

    private record Event(long nanos, Span span, boolean open) {
    }

    private final List<Event> events;
    private final long endNanos;
    private int next;

    public Replay(Trace trace) {
        List<Event> e = new ArrayList<>(trace.spans().size() * 2);
        long end = trace.wallNanos();
        for (Span s : trace.spans()) {
            e.add(new Event(s.startNanos(), s, true));
            e.add(new Event(s.endNanos(), s, false));
            end = Math.max(end, s.endNanos());
        }
        // In time order; at the same instant a span ends before the next one opens.
        e.sort(Comparator.comparingLong(Event::nanos).thenComparing(Event::open));
        events = e;
        endNanos = Math.max(1, end);
    }

    /** When the replayed run ends. */
    public long endNanos() {
        return endNanos;
    }

    /** Reports every event up to {@code nanos} not reported yet; returns how many. */
    public int advanceTo(long nanos, TraceListener listener) {
        int n = 0;
        while (next < events.size() && events.get(next).nanos() <= nanos) {
            Event ev = events.get(next++);
            if (ev.open()) {
                listener.onOpened(ev.span());
            } else {
                listener.onSpan(ev.span());
            }
            n++;
        }
        return n;
    }

    public boolean finished() {
        return next >= events.size();
    }
}
