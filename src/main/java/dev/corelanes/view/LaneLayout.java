package dev.corelanes.view;

import dev.corelanes.engine.CoreClass;
import dev.corelanes.engine.MachineInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Places the lanes and their labels: per core, a lane per logical CPU in SMT groups (performance cores
 * first) and below them the off-CPU lanes; per worker, a lane per worker. Workers beyond what fits legibly
 * share packed lanes ("T1 +3").
 */
final class LaneLayout {

    private static final double MIN_LANE = 15;
    private static final double GROUP_GAP = LayoutSizes.GROUP_GAP;
    private static final double CLASS_GAP = 10;
    private static final double OFF_HEADER = LayoutSizes.OFF_HEADER;

    private final PlotArea p;
    private final TimelineModel m;
    private final TimelineTheme theme;
    private final List<TimelineFrame.Lane> lanes = new ArrayList<>();
    private final List<Shape> labels;
    private double lanesBottom;

    private LaneLayout(PlotArea p, List<Shape> labels) {
        this.p = p;
        this.m = p.model();
        this.theme = p.theme();
        this.labels = labels;
    }

    /** The lanes of {@code p}'s model in its lane mode; their labels go to {@code labels}. */
    static LaidLanes place(PlotArea p, List<Shape> labels) {
        LaneLayout l = new LaneLayout(p, labels);
        if (p.viewport().mode() == LaneMode.CORES) {
            l.coreLanes();
        } else {
            l.workerGroup(TimelineFrame.LaneKind.WORKER, p.top() + 2, p.bottom() - p.top() - 2, 64);
        }
        return new LaidLanes(List.copyOf(l.lanes), l.lanesBottom);
    }

    private void coreLanes() {
        int n = m.coreCount();
        List<List<Integer>> groups = groups(m.machine(), n);
        int workers = m.workerCount();
        int classChanges = 0;
        for (int i = 1; i < groups.size(); i++) {
            if (m.machine().classOf(groups.get(i).get(0)) != m.machine().classOf(groups.get(i - 1).get(0))) {
                classChanges++;
            }
        }
        double gaps = (groups.size() - 1) * GROUP_GAP + classChanges * CLASS_GAP;
        double avail = p.bottom() - p.top() - 2 - gaps - (workers > 0 ? OFF_HEADER : 0); // lanes start at top + 2
        // Off-CPU lanes get what they need (up to 45 %), CPU lanes the rest, within legible bounds.
        // Off-CPU lanes keep their legible height (while not packed) before the CPU lanes share the rest.
        double preferred = Math.min(workers * 26.0, avail * 0.45);
        double legibleOff = Math.min(workers, LayoutSizes.MAX_UNMERGED) * LayoutSizes.LEGIBLE_LANE;
        double offShare = avail >= n * LayoutSizes.LEGIBLE_LANE + legibleOff
                ? Math.max(legibleOff, Math.min(preferred, avail - n * LayoutSizes.LEGIBLE_LANE)) : preferred;
        double hc = Math.max(1.5, Math.min(90, (avail - offShare) / n));
        double y = p.top() + 2;
        int labelEvery = hc >= 12 ? 1 : (int) Math.ceil(12 / hc);
        // 12 px in an 18 px lane
        double labelSize = Math.max(hc >= LayoutSizes.LEGIBLE_LANE ? 12 : 10, Math.min(15, hc * 0.5));
        MachineInfo machine = m.machine();
        CoreClass previous = groups.isEmpty() ? null : machine.classOf(groups.get(0).get(0));
        for (List<Integer> g : groups) {
            if (machine.classOf(g.get(0)) != previous) {
                y += CLASS_GAP; // performance and efficiency cores apart
                previous = machine.classOf(g.get(0));
            }
            double gy = y;
            for (int core : g) {
                // On a hybrid processor each lane names its class: "P CPU 0", "E CPU 12".
                CoreClass k = machine.classOf(core);
                String name = (k == null ? "" : k.letter() + " ") + "CPU " + core;
                lanes.add(new TimelineFrame.Lane(TimelineFrame.LaneKind.CORE, core, n, name, y, hc, m.core(core)));
                if (core % labelEvery == 0) {
                    labels.add(new Shape.Text(name, p.plotX() - 8, y + hc / 2 + labelSize * 0.36, labelSize,
                            false, theme.text(), Shape.Align.RIGHT));
                }
                y += hc;
            }
            if (g.size() > 1) {
                // A bracket joins logical CPUs that share one physical core (SMT siblings).
                labels.add(new Shape.Line(6, gy + 2, 6, y - 2, theme.muted(), 2));
            }
            y += GROUP_GAP;
        }
        y -= GROUP_GAP;
        if (workers > 0) {
            labels.add(new Shape.Line(8, y + 4, p.viewport().width() - LayoutSizes.RIGHT_MARGIN, y + 4,
                    theme.grid(), 1));
            labels.add(new Shape.Text("tasks off the CPU: sleeping, waiting for the GIL, preempted, spawning",
                    p.plotX(), y + OFF_HEADER - 6, 12, false, theme.muted(), Shape.Align.LEFT));
            labels.add(new Shape.Text("off-CPU", p.plotX() - 8, y + OFF_HEADER - 6, 12, true, theme.muted(),
                    Shape.Align.RIGHT));
            y += OFF_HEADER;
            workerGroup(TimelineFrame.LaneKind.OFF_CPU, y, p.bottom() - y, 26);
        } else {
            lanesBottom = y;
        }
    }

    /** One lane per worker, or packed lanes when there are more workers than fit legibly. */
    private void workerGroup(TimelineFrame.LaneKind kind, double y, double avail, double maxLane) {
        int workers = Math.max(1, m.workerCount());
        // A few workers always keep a lane each (the window makes room); many share lanes, T1 +k.
        int count = workers <= LayoutSizes.MAX_UNMERGED || avail / workers >= MIN_LANE ? workers
                : Math.max(1, (int) Math.floor(avail / MIN_LANE));
        double h = Math.max(4, Math.min(maxLane, avail / count));
        SpanTrack[] tracks = kind == TimelineFrame.LaneKind.OFF_CPU ? m.offCpuLanes(count) : m.workerLanes(count);
        double size = Math.max(h >= LayoutSizes.LEGIBLE_LANE ? 12 : 10, Math.min(14, h * 0.55));
        for (int i = 0; i < count; i++) {
            String name = m.workerName(i + 1);
            int sharing = (workers - i + count - 1) / count; // workers i+1, i+1+count, …
            String label = sharing > 1 ? name + " +" + (sharing - 1) : name;
            lanes.add(new TimelineFrame.Lane(kind, i, count, label, y, h, tracks[i]));
            labels.add(new Shape.Text(LayoutSizes.fitLabel(label, size, p.plotX() - 12), p.plotX() - 8,
                    y + h / 2 + size * 0.36, size, false, theme.text(), Shape.Align.RIGHT));
            y += h;
        }
        lanesBottom = y;
    }

    /**
     * SMT groups from the machine when they cover every CPU once, otherwise one CPU per group; on a
     * hybrid processor the performance cores' groups come first, then the efficiency cores'.
     */
    static List<List<Integer>> groups(MachineInfo machine, int n) {
        List<List<Integer>> g = new ArrayList<>(smtOrSingletons(machine, n));
        g.sort((a, b) -> Boolean.compare(machine.classOf(a.get(0)) == CoreClass.EFFICIENCY,
                machine.classOf(b.get(0)) == CoreClass.EFFICIENCY));
        return g;
    }

    private static List<List<Integer>> smtOrSingletons(MachineInfo machine, int n) {
        List<List<Integer>> g = machine.smtGroups();
        boolean[] seen = new boolean[n];
        int covered = 0;
        for (List<Integer> group : g) {
            for (int c : group) {
                if (c < 0 || c >= n || seen[c]) {
                    return singletons(n);
                }
                seen[c] = true;
                covered++;
            }
        }
        return covered == n ? g : singletons(n);
    }

    private static List<List<Integer>> singletons(int n) {
        List<List<Integer>> g = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            g.add(List.of(i));
        }
        return g;
    }
}
