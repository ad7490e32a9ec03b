package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.corelanes.view.TimelineFixtures.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a lesson needs to see on the lanes: each call its own bar, process bars as plain as thread bars, a full key. */
class LessonBarsTest {

    private static final long S = 1_000_000_000L;

    private static List<Shape.Box> boxesIn(TimelineFrame f, TimelineFrame.Lane lane) {
        return f.shapes().stream().filter(s -> s instanceof Shape.Box b && b.y() >= lane.y() && b.y() < lane.y() + lane.h()
                && b.x() >= f.plotX() && b.w() < f.plotWidth() - 1).map(s -> (Shape.Box) s).toList();
    }

    /** The notebook's do_something() twice, in a row: two sleeps of 1 s back to back (no gap) on main. */
    private static TimelineModel twoCallsInARow() {
        TimelineModel m = new TimelineModel(ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 2, 1, false),
                machine(2), null);
        m.add(new Span(1, "main", Span.NO_CORE, SpanState.SLEEPING, 10_000_000L, S + 10_000_000L));
        m.add(new Span(2, "main", Span.NO_CORE, SpanState.SLEEPING, S + 10_000_000L, 2 * S + 10_000_000L));
        return m;
    }

    @Test
    void eachCallOfASequentialRunIsItsOwnLabelledBar() {
        for (LaneMode mode : LaneMode.values()) {
            TimelineModel m = twoCallsInARow();
            TimelineFrame f = TimelineLayout.layout(m, new Viewport(0, 2_100_000_000L, 1000, 400, mode, -1,
                    TimelineTheme.LIGHT));
            TimelineFrame.Lane main = f.lanes().stream().filter(l -> l.kind() != TimelineFrame.LaneKind.CORE)
                    .findFirst().orElseThrow();
            List<Shape.Box> bars = boxesIn(f, main).stream()
                    .filter(b -> b.fill().equals(Palette.state(SpanState.SLEEPING))).toList();
            assertEquals(2, bars.size(), mode + ": first call, then second, as two bars: " + bars);
            List<String> labels = bars.stream().map(Shape.Box::label).toList();
            assertEquals(mode == LaneMode.CORES ? List.of("main #1", "main #2") : List.of("#1", "#2"), labels,
                    mode + ": each bar names its call");
            assertTrue(bars.get(1).x() > bars.get(0).x() + bars.get(0).w(),
                    mode + ": a gap shows where one call ends and the next begins");
        }
    }

    /** How far a bar's colour, laid over the lane, stands out from the lane (ΔRGB, 0–441). */
    private static double standsOut(Shape.Box bar, Rgb lane) {
        double a = bar.fill().alpha();
        double r = bar.fill().r() * a + lane.r() * (1 - a);
        double g = bar.fill().g() * a + lane.g() * (1 - a);
        double b = bar.fill().b() * a + lane.b() * (1 - a);
        return Math.sqrt(Math.pow(r - lane.r(), 2) + Math.pow(g - lane.g(), 2) + Math.pow(b - lane.b(), 2));
    }

    private static Shape.Box cpuBar(ExecutionMode mode, String worker, TimelineTheme theme) {
        TimelineModel m = new TimelineModel(ExperimentSpec.of(mode, TaskKind.COMPUTE, 1, 1, false), machine(1), null);
        m.add(new Span(1, worker, 0, SpanState.RUNNING, S / 10, S * 9 / 10));
        TimelineFrame f = TimelineLayout.layout(m, new Viewport(0, S, 1000, 400, LaneMode.CORES, -1, theme));
        TimelineFrame.Lane cpu = f.lanes().get(0);
        return boxesIn(f, cpu).stream().filter(b -> b.fill() != null).findFirst().orElseThrow();
    }

    @Test
    void processBarsOnTheCpuLanesAreAsVisibleAsThreadBarsInBothThemes() {
        for (TimelineTheme theme : List.of(TimelineTheme.LIGHT, TimelineTheme.DARK)) {
            Shape.Box thread = cpuBar(ExecutionMode.THREADS, "T1", theme);
            Shape.Box process = cpuBar(ExecutionMode.PROCESSES, "P1", theme);
            double t = standsOut(thread, theme.lane());
            double p = standsOut(process, theme.lane());
            assertTrue(p >= 0.95 * t, theme.background() + ": process bar stands out " + p + ", thread bar " + t);
            assertTrue(process.hatched() && !thread.hatched(), "still told apart: processes hatched, threads solid");
        }
    }

    @Test
    void theRunningKeyIsNeverAHeadingWithNothingAfterIt() {
        // The window before any run: a machine, no workload.
        TimelineModel idle = new TimelineModel(null, machine(2), null);
        idle.setMessage("Choose a workload on the left and press Run.");
        TimelineFrame f = TimelineLayout.layout(idle, new Viewport(0, S, 1000, 400, LaneMode.CORES, -1,
                TimelineTheme.LIGHT));
        List<String> texts = f.shapes().stream().filter(s -> s instanceof Shape.Text).map(s -> ((Shape.Text) s).text())
                .toList();
        assertFalse(texts.contains("running:"), "no key heading without a task to name: " + texts);
        TimelineModel sleep = twoCallsInARow();
        TimelineFrame g = TimelineLayout.layout(sleep, new Viewport(0, 2 * S, 1000, 400, LaneMode.CORES, -1,
                TimelineTheme.LIGHT));
        List<String> keyed = g.shapes().stream().filter(s -> s instanceof Shape.Text).map(s -> ((Shape.Text) s).text())
                .toList();
        assertTrue(keyed.contains("main #1") && keyed.contains("main #2"), "a sleep run keys its tasks: " + keyed);
    }

    @Test
    void aSleepRunShowsEachTasksKeyColourOnItsBars() {
        TimelineFrame f = TimelineLayout.layout(twoCallsInARow(), new Viewport(0, 2_100_000_000L, 1000, 400,
                LaneMode.CORES, -1, TimelineTheme.LIGHT));
        TimelineFrame.Lane main = f.lanes().stream().filter(l -> l.kind() == TimelineFrame.LaneKind.OFF_CPU)
                .findFirst().orElseThrow();
        List<Rgb> fills = boxesIn(f, main).stream().map(Shape.Box::fill).toList();
        for (int task = 1; task <= 2; task++) {
            // The key's swatch of each task (the box beside its name) …
            Rgb key = Palette.task(task);
            assertTrue(f.shapes().stream().anyMatch(s -> s instanceof Shape.Box b && b.fill() != null
                    && b.fill().equals(key) && b.y() > main.y() + main.h()), "task " + task + " has a key swatch");
            // … is on the lane too, where the task slept.
            assertTrue(fills.contains(key), "task " + task + "'s colour is on its sleeping bar: " + fills);
        }
        assertTrue(fills.contains(Palette.state(SpanState.SLEEPING)), "the bars stay coloured by their state");
    }
}
