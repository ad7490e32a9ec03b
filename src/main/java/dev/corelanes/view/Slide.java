package dev.corelanes.view;

import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A slide: one or more finished runs stacked on one shared time axis, with a title, a line per run naming
 * its model and wall time, the ideal-time mark, one legend and the machine it ran on. It is composed of the
 * timeline's own layout (each run laid out by {@link TimelineLayout}, then moved into place), so the PNG,
 * the SVG and the window draw the same bars through the one {@link TimelinePainter}.
 */
public final class Slide {

    /** One run on a slide: its timeline model and its trace (for the wall time and ideal). */
    public record Run(TimelineModel model, Trace trace) {
        public static Run of(Trace trace) {
            return new Run(TimelineModel.of(trace, null), trace);
        }
    }

    private static final double MARGIN = 24;
    private static final double HEADER = 84;
    private static final double RUN_LABEL = 28;
    private static final double FOOTER = 30;
    private static final double MIN_PANEL = 120;

    private Slide() {
    }

    /** One run's timeline panel as laid out, and where it sits on the slide (for hover details). */
    public record Placed(Run run, TimelineFrame panel, double dx, double dy) {
    }

    /** A composed slide with its panels. */
    public record Composed(TimelineFrame frame, List<Placed> panels) {
    }

    public static TimelineFrame compose(List<Run> runs, SlideOptions o) {
        return composeWithPanels(runs, o).frame();
    }

    /**
     * As {@link #compose(List, SlideOptions)} while the runs are replayed together on one clock: every panel
     * draws its spans still open up to {@code nowNanos} and the now line there ({@code -1}: finished runs).
     */
    public static TimelineFrame compose(List<Run> runs, SlideOptions o, long nowNanos) {
        return composeWithPanels(runs, o, nowNanos).frame();
    }

    /** {@link #compose}, also telling where each run's panel went. */
    public static Composed composeWithPanels(List<Run> runs, SlideOptions o) {
        return composeWithPanels(runs, o, -1);
    }

    private static Composed composeWithPanels(List<Run> runs, SlideOptions o, long nowNanos) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a slide needs at least one run");
        }
        TimelineTheme theme = o.theme();
        double w = o.width();
        double[] natural = runs.stream().mapToDouble(r -> naturalHeight(r.model(), o.mode())).toArray();
        double header = o.titled() ? HEADER : 0;
        double footer = o.titled() ? FOOTER : 4;
        double fixed = header + runs.size() * RUN_LABEL + TimelineLayout.LEGEND_HEIGHT + footer;
        double naturalSum = java.util.Arrays.stream(natural).sum();
        double h = o.height() > 0 ? o.height() : o.wide() ? Math.round(w * 9 / 16) : Math.round(fixed + naturalSum);
        boolean fixedHeight = o.height() > 0 || o.wide();
        // 16:9 shares the height it has among the runs, in proportion to what each would like.
        // A window too small for legible panels still shows every run, squeezed (the layout packs lanes).
        double minPanel = o.titled() ? MIN_PANEL : MIN_PANEL / 2;
        double share = Math.max(minPanel * runs.size(), h - fixed) / naturalSum;
        long end = 1;
        for (Run r : runs) {
            // A run that did not complete has no ideal mark, so its ideal must not stretch the axis either.
            long ideal = r.trace().status() == TaskStatus.COMPLETED ? idealNanos(r.trace()) : 0;
            end = Math.max(end, TimelineLayout.fitRange(r.model(), Math.max(r.trace().wallNanos(), ideal))[1]);
        }
        List<Shape> shapes = new ArrayList<>();
        if (o.titled()) {
            header(shapes, runs, w, theme);
        }
        double y = header;
        List<Trace> traces = runs.stream().map(Run::trace).toList();
        TimelineFrame first = null;
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            boolean last = i == runs.size() - 1;
            // Each run's own figures, against the baseline chosen when it ended: the same as everywhere else.
            runLabel(shapes, r.trace(), RunFigures.of(r.trace()), runs.size() > 1, y + RUN_LABEL - 8, theme, w);
            y += RUN_LABEL;
            LaneMode mode = o.mode() == LaneMode.CORES && r.model().coreUnknown() ? LaneMode.WORKERS : o.mode();
            double ph = Math.max(minPanel, natural[i] * share);
            if (!o.titled()) {
                // In the window every lane keeps a legible height; the window scrolls (see legibleHeight).
                ph = Math.max(ph, TimelineLayout.legibleHeight(r.model(), mode, false));
            }
            ph += last ? TimelineLayout.LEGEND_HEIGHT : 0;
            Viewport v = new Viewport(0, end, w - 2 * MARGIN + 12, ph, mode, nowNanos, theme);
            TimelineFrame panel = TimelineLayout.layout(r.model(), v, last);
            if (r.trace().status() == TaskStatus.COMPLETED) {
                panel = panel.plus(TimelineMarks.ideal(panel, idealNanos(r.trace()), theme));
            }
            first = first == null ? panel : first;
            placed.add(new Placed(r, panel, MARGIN - 12, y));
            for (Shape s : panel.shapes()) {
                shapes.add(moved(s, MARGIN - 12, y));
            }
            y += ph;
        }
        if (o.titled()) {
            footer(shapes, runs.get(0).trace(), w, y + FOOTER - 10, theme);
        }
        double height = fixedHeight ? h : y + footer;
        return new Composed(new TimelineFrame(w, height, theme.background(), shapes, List.of(), first.plotX() + MARGIN - 12,
                first.plotWidth(), first.viewport(), -1), List.copyOf(placed));
    }

    /**
     * The least height of runs stacked in the window (no title or footer) with every lane legible: the window
     * keeps its timeline at least this tall and scrolls.
     */
    public static double legibleHeight(List<Run> runs, LaneMode mode) {
        double h = TimelineLayout.LEGEND_HEIGHT + 4;
        for (Run r : runs) {
            LaneMode m = mode == LaneMode.CORES && r.model().coreUnknown() ? LaneMode.WORKERS : mode;
            h += RUN_LABEL + Math.max(MIN_PANEL / 2, TimelineLayout.legibleHeight(r.model(), m, false));
        }
        return h;
    }

    /** The height a run's timeline would like: legible lanes for its cores and workers. */
    static double naturalHeight(TimelineModel m, LaneMode mode) {
        int workers = Math.max(1, m.workerCount());
        double h;
        if (mode == LaneMode.CORES && !m.coreUnknown()) {
            h = TimelineLayout.AXIS_HEIGHT + 6 + m.coreCount() * 34.0 + 22 + Math.min(workers, 12) * 24.0;
        } else {
            h = TimelineLayout.AXIS_HEIGHT + 6 + Math.min(workers, 16) * 30.0;
        }
        return Math.max(MIN_PANEL + 40, Math.min(560, h));
    }

    private static long idealNanos(Trace t) {
        return Math.round(RunFigures.of(t).idealSeconds() * 1e9);
    }

    private static void header(List<Shape> out, List<Run> runs, double w, TimelineTheme theme) {
        out.add(new Shape.Text(fit(title(runs), 26 * 1.1, w - 2 * MARGIN), MARGIN, MARGIN + 24, 26, true, theme.text(),
                Shape.Align.LEFT));
        out.add(new Shape.Text(fit(machines(runs), 15, w - 2 * MARGIN), MARGIN, MARGIN + 50, 15,
                false, theme.muted(), Shape.Align.LEFT));
        out.add(new Shape.Line(MARGIN, HEADER - 3, w - MARGIN, HEADER - 3, theme.grid(), 1));
    }

    /**
     * The machine line: the one machine the runs were measured on, or each of them in the order they first
     * appear ("AMD EPYC … | Intel Core i5 …"): runs from two machines must not be credited to the first.
     */
    static String machines(List<Run> runs) {
        Set<String> lines = new LinkedHashSet<>();
        for (Run r : runs) {
            MachineInfo m = r.trace().machine();
            lines.add(m.hardwareLine() + " · " + m.java());
        }
        return String.join(" | ", lines);
    }

    /**
     * "4 compute tasks × 0.5 s · sequential vs threads · 2 cores"; differing workloads are listed whole. The
     * cores are those the runs could use (affinity, quota, a core limit); runs on different cores say each:
     * "2 compute tasks × 1 s · threads on 1 core (CPU 1) vs threads on 2 cores".
     */
    public static String title(List<Run> runs) {
        Set<String> workloads = new LinkedHashSet<>();
        Set<String> models = new LinkedHashSet<>();
        Set<String> usable = new LinkedHashSet<>();
        for (Run r : runs) {
            usable.add(cores(r.trace().machine()));
        }
        boolean sameCores = usable.size() == 1;
        for (Run r : runs) {
            ExperimentSpec s = r.trace().spec();
            workloads.add(workload(s));
            models.add(modelOf(r.trace()) + (sameCores ? "" : " on " + cores(r.trace().machine())));
        }
        String cores = sameCores ? " · " + usable.iterator().next() : "";
        if (workloads.size() > 1) {
            return String.join(" vs ", runs.stream().map(r -> workload(r.trace().spec()) + " · "
                    + modelOf(r.trace()) + (sameCores ? "" : " on " + cores(r.trace().machine())))
                    .toList()) + cores;
        }
        return workloads.iterator().next() + " · " + String.join(" vs ", models) + cores;
    }

    /** "2 cores", "1 core (CPU 1)": the cores the run could use, in the words of every other place. */
    private static String cores(MachineInfo m) {
        return FigureText.cores(m);
    }

    static String workload(ExperimentSpec s) {
        if (s.mode() == dev.corelanes.engine.ExecutionMode.TRACED) {
            return s.describe(); // nothing was asked of a traced program: its threads are what there is to say
        }
        return s.tasks() + " " + s.kind().id() + (s.tasks() == 1 ? " task" : " tasks") + " × "
                + plain(s.taskSeconds()) + " s";
    }

    /** 0.5 → "0.5", 2.0 → "2": as the user typed it. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** {@code text} cut with "…" to fit {@code width} (estimated: long OS names must not run off the slide). */
    static String fit(String text, double size, double width) {
        if (TimelineLayout.textWidth(text, size) <= width) {
            return text;
        }
        int keep = Math.max(1, (int) (width / (size * 0.55)) - 1);
        return text.substring(0, Math.min(text.length(), keep)).stripTrailing() + "…";
    }

    /**
     * The model with its runtime: "threads · CPython 3.11.7 (GIL)"; for a traced program its command alone (its
     * workload already says "traced program": "traced · python3 my.py" said it twice).
     */
    private static String modelOf(Trace t) {
        if (t.spec().mode() == dev.corelanes.engine.ExecutionMode.TRACED) {
            String program = runtime(t);
            return program.isEmpty() ? model(t.spec()) : program.substring(" · ".length());
        }
        return model(t.spec()) + runtime(t);
    }

    /** "threads", "pool (2 workers)", "threads + GIL". */
    static String model(ExperimentSpec s) {
        return s.mode().id() + (s.mode().pooled() ? " (" + s.workers() + " workers)" : "") + (s.gil() ? " + GIL" : "");
    }

    /** " · CPython 3.11.7 (GIL)" for a run of a Python interpreter, "" for Java: a slide says whose truth it shows. */
    static String runtime(Trace t) {
        if (t.runtime().program()) {
            String cmd = shortCommand(t.runtime().interpreter());
            return " · " + (cmd.length() > 48 ? cmd.substring(0, 47) + "…" : cmd); // the program is what it shows
        }
        return t.runtime().python() ? " · " + t.runtime().label() : "";
    }

    /**
     * A traced command as a slide names it: each path by its file name ("python3 two.py" for
     * "/root/.pyenv/versions/3.11.7/bin/python3 /tmp/two.py"); the run file keeps it whole.
     */
    static String shortCommand(String command) {
        return FigureText.shortCommand(command);
    }

    private static void runLabel(List<Shape> out, Trace t, RunFigures f, boolean several, double y,
                                 TimelineTheme theme, double width) {
        // The cores each run could use: a 1-core and a 2-core run of one model must not look the same.
        String name = (several ? model(t.spec()) : t.spec().mode().label() + (t.spec().gil() ? " + GIL" : ""))
                + runtime(t) + " · " + cores(t.machine());
        out.add(new Shape.Text(name, MARGIN, y, 17, true, theme.text(), Shape.Align.LEFT));
        StringBuilder d = new StringBuilder();
        if (t.status() == TaskStatus.COMPLETED || t.wallNanos() > 0) {
            d.append("wall ").append(FigureText.nanos(t.wallNanos()));
        }
        if (t.status() == TaskStatus.COMPLETED && f.traced()) {
            d.append("   ").append(FigureText.cpuShort(f)); // nothing was asked of it: no ideal, no speedup
        } else if (t.status() == TaskStatus.COMPLETED) {
            d.append("   ideal ").append(FigureText.seconds(f.idealSeconds()));
            d.append("   ").append(FigureText.cpuShort(f));
            if (f.hasSpeedup() && !f.comparedWithItself()) {
                d.append("   ").append(FigureText.speedup(f));
            } else if (!f.hasSpeedup() && FigureText.speedupWithheld(f)) {
                d.append("   speedup ").append(FigureText.speedupShort(f));
            }
            if (f.drift().detected()) {
                d.append("   ").append(FigureText.driftTag(f));
            }
            // A run measured while other programs used the CPUs says so on the slide too, not only in the window.
            if (t.conditions().loadKnown() && t.conditions().otherLoad() > RunFigures.BUSY_LOAD) {
                d.append("   busy ").append(FigureText.percent(t.conditions().otherLoad()));
            }
        } else {
            d.append(d.isEmpty() ? "" : "   ").append(t.status().id());
        }
        double x = MARGIN + TimelineLayout.textWidth(name, 17) * 1.1 + 16;
        String line = tightCpu(d.toString(), f, width - MARGIN - x);
        if (TimelineLayout.textWidth(line, 16) > width - MARGIN - x && t.status() == TaskStatus.COMPLETED) {
            // Still too long: the ideal goes first (its dashed mark and label are on the lanes below).
            line = line.replace("   ideal " + FigureText.seconds(f.idealSeconds()), "");
        }
        out.add(new Shape.Text(line, x, y, 16, false, theme.text(), Shape.Align.LEFT));
    }

    /**
     * The run line with its CPU time told apart ("CPU tasks 0.600 s + runtime 3.10 ms") where it fits; where it
     * would run off the slide (a narrow window, long names), the tasks' own alone ("task CPU 0.600 s"), so the
     * figures after it stay in view.
     */
    private static String tightCpu(String line, RunFigures f, double room) {
        String full = FigureText.cpuShort(f);
        if (TimelineLayout.textWidth(line, 16) <= room || !line.contains(full)) {
            return line;
        }
        return line.replace(full, FigureText.cpuTight(f));
    }

    private static void footer(List<Shape> out, Trace t, double w, double y, TimelineTheme theme) {
        // A run whose running spans name no CPU (a program traced on macOS or Windows) says why its lanes are threads.
        String line = "Measured with CoreLanes: every bar is a real span of a real run"
                + (t.coreUnknown() ? " · the CPU it ran on is not known here: one lane per thread, by state" : "");
        out.add(new Shape.Text(line, MARGIN, y, 12, false, theme.muted(), Shape.Align.LEFT));
        out.add(new Shape.Text(t.startedAt().atZone(ZoneOffset.UTC).toLocalDate().toString(), w - MARGIN, y, 12,
                false, theme.muted(), Shape.Align.RIGHT));
    }

    private static Shape moved(Shape s, double dx, double dy) {
        return switch (s) {
            case Shape.Box b -> new Shape.Box(b.x() + dx, b.y() + dy, b.w(), b.h(), b.fill(), b.stroke(), b.hatched(),
                    b.label(), b.labelColor());
            case Shape.Line l -> new Shape.Line(l.x1() + dx, l.y1() + dy, l.x2() + dx, l.y2() + dy, l.color(),
                    l.width());
            case Shape.Text x -> new Shape.Text(x.text(), x.x() + dx, x.y() + dy, x.size(), x.bold(), x.color(),
                    x.align());
        };
    }

    /** A file name that says what is in it: corelanes-sequential-vs-threads-compute-4x0.5s-2026-11-25.png. */
    public static String fileName(List<Trace> traces, java.time.LocalDate date, String extension) {
        Set<String> models = new LinkedHashSet<>();
        for (Trace t : traces) {
            models.add(t.spec().mode().id() + (t.spec().gil() ? "-gil" : "")
                    + (t.runtime().python() ? "-python" + t.runtime().version() : ""));
        }
        ExperimentSpec s = traces.get(0).spec();
        String secs = plain(s.taskSeconds());
        return "corelanes-" + String.join("-vs-", models) + "-" + s.kind().id() + "-" + s.tasks() + "x" + secs + "s-"
                + date + "." + extension;
    }
}
