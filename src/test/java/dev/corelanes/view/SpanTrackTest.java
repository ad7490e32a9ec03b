package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpanTrackTest {

    private static Span span(long start, long end) {
        return new Span(1, "T1", 0, SpanState.RUNNING, start, end);
    }

    @Test
    void keepsSpansSortedWhenTheyArriveOutOfOrder() {
        SpanTrack t = new SpanTrack();
        t.add(span(10, 20));
        t.add(span(30, 40));
        t.add(span(5, 50)); // a long span reported when it ended
        assertEquals(5, t.start(0));
        assertEquals(10, t.start(1));
        assertEquals(30, t.start(2));
    }

    @Test
    void findsEveryVisibleSpanLikeABruteForceScan() {
        Random r = new Random(42);
        SpanTrack t = new SpanTrack();
        List<Span> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long s = r.nextInt(1_000_000);
            Span sp = span(s, s + r.nextInt(r.nextInt(10) == 0 ? 200_000 : 2_000));
            all.add(sp);
            t.add(sp);
        }
        for (int q = 0; q < 200; q++) {
            long t0 = r.nextInt(1_000_000);
            long t1 = t0 + r.nextInt(50_000);
            long expected = all.stream().filter(s -> s.endNanos() >= t0 && s.startNanos() <= t1).count();
            long found = 0;
            for (int k = t.firstEndingAtOrAfter(t0); k < t.size() && t.start(k) <= t1; k++) {
                if (t.get(k).endNanos() >= t0) {
                    found++;
                }
            }
            assertEquals(expected, found, "range " + t0 + ".." + t1);
        }
    }

    @Test
    void findsTheSpanUnderAPointWithinTolerance() {
        SpanTrack t = new SpanTrack();
        Span a = span(100, 200);
        t.add(a);
        t.add(span(300, 400));
        assertEquals(a, t.find(150, 0));
        assertEquals(a, t.find(205, 10));
        assertNull(t.find(250, 10));
        assertTrue(t.find(299, 5).startNanos() == 300);
    }
}
