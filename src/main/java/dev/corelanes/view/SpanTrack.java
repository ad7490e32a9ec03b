package dev.corelanes.view;

import dev.corelanes.engine.Span;

import java.util.Arrays;

/**
 * The spans of one lane, sorted by start, with a running maximum of their ends so the first span visible
 * in a time range is found by binary search: drawing costs what is visible, not what was recorded.
 *
 * <p>Spans arrive roughly in order (a span is reported when it ends, so a long one can come after shorter
 * ones that started later); an out-of-order insert shifts the tail, which stays short in practice.
 * Not thread-safe: the UI thread owns it.
 */
public final class SpanTrack {

    private Span[] spans = new Span[16];
    private long[] starts = new long[16];
    private long[] maxEnds = new long[16];
    private int size;

    public int size() {
        return size;
    }

    public Span get(int i) {
        return spans[i];
    }

    public long start(int i) {
        return starts[i];
    }

    public void add(Span s) {
        if (size == spans.length) {
            int n = size * 2;
            spans = Arrays.copyOf(spans, n);
            starts = Arrays.copyOf(starts, n);
            maxEnds = Arrays.copyOf(maxEnds, n);
        }
        int pos = size;
        long st = s.startNanos();
        while (pos > 0 && starts[pos - 1] > st) {
            pos--;
        }
        if (pos < size) {
            System.arraycopy(spans, pos, spans, pos + 1, size - pos);
            System.arraycopy(starts, pos, starts, pos + 1, size - pos);
        }
        spans[pos] = s;
        starts[pos] = st;
        size++;
        for (int i = pos; i < size; i++) {
            long prev = i == 0 ? Long.MIN_VALUE : maxEnds[i - 1];
            maxEnds[i] = Math.max(prev, spans[i].endNanos());
        }
    }

    /** Index of the first span that may end at or after {@code t}; spans before it all end earlier. */
    public int firstEndingAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maxEnds[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The latest end among spans {@code 0..i}. */
    public long maxEndUpTo(int i) {
        return maxEnds[i];
    }

    /**
     * Index of the first span at or after {@code from} that starts at or after {@code t}. Gallops from
     * {@code from} first: the answer is usually a few spans ahead (the next pixel), and a search over the
     * whole tail would cost more in cache misses than the skip saves.
     */
    public int firstStartingAtOrAfter(long t, int from) {
        int step = 1;
        int lo = from;
        while (from + step < size && starts[from + step] < t) {
            lo = from + step;
            step <<= 1;
        }
        int hi = Math.min(size, from + step);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The span covering {@code t} (or nearest within {@code tolerance}), or null. */
    public Span find(long t, long tolerance) {
        Span best = null;
        long bestDist = Long.MAX_VALUE;
        for (int i = firstEndingAtOrAfter(t - tolerance); i < size && starts[i] <= t + tolerance; i++) {
            Span s = spans[i];
            long d = t < s.startNanos() ? s.startNanos() - t : t > s.endNanos() ? t - s.endNanos() : 0;
            if (d <= tolerance && d <= bestDist) {
                best = s;
                bestDist = d;
            }
        }
        return best;
    }
}
