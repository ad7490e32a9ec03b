package dev.corelanes.view;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The bars of every lane: the finished spans in view (each lane entered by binary search at the left edge and
 * left at the right edge), then the spans still open, drawn up to now; a {@link BarMerger} per lane turns
 * them into boxes.
 */
final class BarLayer {

    private BarLayer() {
    }

    static void add(PlotArea p, LaidLanes laid, List<Shape> out) {
        add(p, laid, out, true, true);
    }

    /**
     * The bars of the finished spans ({@code finished}), of the spans still open ({@code open}), or both merged
     * per lane (a finished run, an export). A live window draws the two apart: the finished ones stay put on a
     * layer of their own, the open ones are its growing edge.
     */
    static void add(PlotArea p, LaidLanes laid, List<Shape> out, boolean finished, boolean open) {
        Viewport v = p.viewport();
        List<TimelineFrame.Lane> lanes = laid.lanes();
        List<List<Span>> openByLane = open ? openByLane(p, lanes) : Collections.nCopies(lanes.size(), null);
        for (int i = 0; i < lanes.size(); i++) {
            TimelineFrame.Lane lane = lanes.get(i);
            BarMerger merger = new BarMerger(p, lane, out);
            SpanTrack t = finished ? lane.track() : null;
            if (t != null) {
                long t0 = v.startNanos();
                long t1 = v.endNanos();
                int k = t.firstEndingAtOrAfter(t0);
                while (k < t.size() && t.start(k) <= t1) {
                    Span s = t.get(k);
                    if (s.endNanos() >= t0) {
                        merger.add(s, s.endNanos());
                    }
                    k = merger.skipDense(t, k + 1);
                }
            }
            List<Span> opened = openByLane.get(i);
            if (opened != null) {
                opened.sort(Comparator.comparingLong(Span::startNanos));
                for (Span s : opened) {
                    if (s.startNanos() <= v.endNanos() && p.openEnd() >= v.startNanos()) {
                        merger.add(s, Math.max(s.startNanos(), p.openEnd()));
                    }
                }
            }
            merger.flush();
        }
    }

    /**
     * The bars of {@code recent}, spans finished since a live window's still layer was laid out: drawn on its
     * growing edge, each lane's own merged as usual, until the still layer takes them in.
     */
    static void addRecent(PlotArea p, LaidLanes laid, List<Shape> out, List<Span> recent) {
        if (recent.isEmpty()) {
            return;
        }
        Viewport v = p.viewport();
        List<Span> sorted = new ArrayList<>(recent);
        sorted.sort(Comparator.comparingLong(Span::startNanos));
        TimelineModel m = p.model();
        for (TimelineFrame.Lane lane : laid.lanes()) {
            BarMerger merger = null;
            for (Span s : sorted) {
                if (s.endNanos() >= v.startNanos() && s.startNanos() <= v.endNanos() && drawnOn(lane, s, m)) {
                    if (merger == null) {
                        merger = new BarMerger(p, lane, out);
                    }
                    merger.add(s, s.endNanos());
                }
            }
            if (merger != null) {
                merger.flush();
            }
        }
    }

    /** True when {@code lane}'s track would hold finished span {@code s} (as {@link TimelineModel#add} files it). */
    private static boolean drawnOn(TimelineFrame.Lane lane, Span s, TimelineModel m) {
        return switch (lane.kind()) {
            case CORE -> (s.state() == SpanState.RUNNING || s.state() == SpanState.UNCERTAIN) && s.hasCore()
                    && s.core() == lane.index();
            case OFF_CPU -> s.state() != SpanState.UNCERTAIN && lane.holds(s, m);
            case WORKER -> s.state() != SpanState.UNCERTAIN && lane.holds(s, m);
        };
    }

    /** Open spans sorted into the lanes that draw them (one pass over them all). */
    private static List<List<Span>> openByLane(PlotArea p, List<TimelineFrame.Lane> lanes) {
        TimelineModel m = p.model();
        List<List<Span>> out = new ArrayList<>(Collections.nCopies(lanes.size(), null));
        if (m.openSpans().isEmpty() || lanes.isEmpty()) {
            return out;
        }
        int coreBase = -1;
        int offBase = -1;
        for (int i = 0; i < lanes.size(); i++) {
            TimelineFrame.LaneKind k = lanes.get(i).kind();
            if (k == TimelineFrame.LaneKind.CORE && coreBase < 0) {
                coreBase = i;
            }
            if (k != TimelineFrame.LaneKind.CORE && offBase < 0) {
                offBase = i;
            }
        }
        for (Span s : m.openSpans()) {
            int idx = -1;
            if (p.viewport().mode() == LaneMode.CORES && s.state() == SpanState.RUNNING) {
                // core lanes are in group order, not index order: find the lane of that core
                for (int i = coreBase; s.hasCore() && i >= 0 && i < lanes.size(); i++) {
                    if (lanes.get(i).kind() == TimelineFrame.LaneKind.CORE && lanes.get(i).index() == s.core()) {
                        idx = i;
                        break;
                    }
                }
            } else if (offBase >= 0) {
                idx = offBase + (m.ordinal(s.worker()) - 1) % lanes.get(offBase).laneCount();
            }
            if (idx >= 0) {
                List<Span> l = out.get(idx);
                if (l == null) {
                    l = new ArrayList<>();
                    out.set(idx, l);
                }
                l.add(s);
            }
        }
        return out;
    }
}
