package dev.corelanes.view;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.corelanes.view.TimelineFixtures.machine;
import static dev.corelanes.view.TimelineFixtures.spec;
import static dev.corelanes.view.TimelineFixtures.viewport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimelineLayoutTest {

    private static final long S = 1_000_000_000L;

    private static List<Shape.Box> bars(TimelineFrame f) {
        return f.shapes().stream().filter(s -> s instanceof Shape.Box b && b.label() != null)
                .map(s -> (Shape.Box) s).toList();
    }

    private static List<String> texts(TimelineFrame f) {
        return f.shapes().stream().filter(s -> s instanceof Shape.Text).map(s -> ((Shape.Text) s).text()).toList();
    }

    @Test
    void oneLanePerLogicalCpuThenOneOffCpuLanePerWorker() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 2), machine(4), null);
        m.add(new Span(1, "T1", 0, SpanState.RUNNING, 0, S / 2));
        m.add(new Span(2, "T2", 3, SpanState.RUNNING, 0, S / 2));
        m.add(new Span(2, "T2", Span.NO_CORE, SpanState.PREEMPTED, S / 2, S));
        TimelineFrame f = TimelineLayout.layout(m, viewport(S, LaneMode.CORES));

        List<TimelineFrame.Lane> cores = f.lanes().stream()
                .filter(l -> l.kind() == TimelineFrame.LaneKind.CORE).toList();
        assertEquals(List.of("CPU 0", "CPU 1", "CPU 2", "CPU 3"), cores.stream().map(TimelineFrame.Lane::label).toList());
        assertEquals(List.of("T1", "T2"), f.lanes().stream()
                .filter(l -> l.kind() == TimelineFrame.LaneKind.OFF_CPU).map(TimelineFrame.Lane::label).toList());
        assertTrue(texts(f).containsAll(List.of("CPU 0", "CPU 3", "T1", "T2", "sleeping", "GIL wait")));
        // T1's bar on CPU 0 is coloured by task and labelled with its worker
        Shape.Box t1 = bars(f).stream().filter(b -> b.label().equals("T1")).findFirst().orElseThrow();
        assertEquals(Palette.task(1), t1.fill());
        assertEquals(cores.get(0).y() + 2, t1.y(), 0.01);
    }

    @Test
    void aSleepOfAKnownWaitIsBandedAndKeyedOnlyWhenPresent() {
        for (LaneMode mode : LaneMode.values()) {
            TimelineModel plain = new TimelineModel(spec(ExecutionMode.THREADS, 2), machine(2), null);
            plain.add(new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 0, S));
            TimelineFrame p = TimelineLayout.layout(plain, viewport(S, mode));
            assertTrue(texts(p).contains("sleeping"));
            assertFalse(texts(p).contains("on a lock") || texts(p).contains("on I/O") || texts(p).contains("on a timer"),
                    mode + ": no key for a kind no span shows");

            TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 2), machine(2), null);
            m.add(new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 0, S, dev.corelanes.engine.WaitKind.LOCK));
            m.add(new Span(2, "T2", Span.NO_CORE, SpanState.SLEEPING, 0, S, dev.corelanes.engine.WaitKind.TIMER));
            TimelineFrame f = TimelineLayout.layout(m, viewport(S, mode));
            assertTrue(texts(f).containsAll(List.of("on a lock", "on a timer")), mode + ": " + texts(f));
            assertFalse(texts(f).contains("on I/O"), mode + ": only the kinds present");
            Shape.Box bar = bars(f).stream().filter(b -> b.fill().equals(Palette.state(SpanState.SLEEPING)))
                    .findFirst().orElseThrow();
            // The lock's band lies inside T1's sleeping bar, as wide as it; the legend draws one on its swatch too
            // (not the 13 px "GIL wait" swatch, which shares the lock's colour).
            List<Shape.Box> bands = f.shapes().stream().filter(s -> s instanceof Shape.Box b && b.h() != 13
                    && b.fill().equals(Palette.waitBand(dev.corelanes.engine.WaitKind.LOCK))).map(s -> (Shape.Box) s)
                    .toList();
            assertEquals(2, bands.size(), mode + ": the bar's band and the key's");
            assertTrue(bands.stream().anyMatch(b -> Math.abs(b.w() - bar.w()) < 0.01 && b.y() > bar.y()
                    && b.y() + b.h() < bar.y() + bar.h()), mode + ": " + bands + " in " + bar);
            assertEquals(2, f.shapes().stream().filter(s -> s instanceof Shape.Box b
                    && b.fill().equals(Palette.waitBand(dev.corelanes.engine.WaitKind.TIMER))).count());
        }
    }

    @Test
    void smtSiblingsAreGroupedTogether() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 1), TimelineFixtures.smtMachine(), null);
        TimelineFrame f = TimelineLayout.layout(m, viewport(S, LaneMode.CORES));
        assertEquals(List.of("CPU 0", "CPU 2", "CPU 1", "CPU 3"), f.lanes().stream()
                .filter(l -> l.kind() == TimelineFrame.LaneKind.CORE).map(TimelineFrame.Lane::label).toList());
    }

    @Test
    void onlyVisibleSpansAreLaidOutAndSubPixelSpansMerge() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 1), machine(1), null);
        for (int i = 0; i < 20_000; i++) {
            m.add(new Span(1, "T1", 0, SpanState.RUNNING, i * 100_000L, i * 100_000L + 60_000L)); // 2 s, 60 % busy
        }
        TimelineFrame all = TimelineLayout.layout(m, viewport(2 * S, LaneMode.CORES));
        long boxes = all.shapes().stream().filter(s -> s instanceof Shape.Box).count();
        assertTrue(boxes < 1_000, "20 000 spans over ~900 px merge into few boxes, got " + boxes);

        Viewport zoomed = new Viewport(S, S + 1_000_000L, 1000, 600, LaneMode.CORES, -1, TimelineTheme.LIGHT);
        TimelineFrame z = TimelineLayout.layout(m, zoomed);
        long visible = z.shapes().stream().filter(s -> s instanceof Shape.Box b && b.fill().equals(Palette.task(1)))
                .count();
        assertTrue(visible >= 10 && visible <= 12, "1 ms of a 10-span-per-ms lane: " + visible);
    }

    @Test
    void tenThousandVirtualThreadsArePackedIntoLegibleLanes() {
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000, 1.0, false);
        TimelineModel m = new TimelineModel(spec, machine(2), null);
        for (int t = 1; t <= 10_000; t++) {
            m.add(new Span(t, "V" + t, Span.NO_CORE, SpanState.SLEEPING, t * 1000L, S + t * 1000L));
        }
        for (LaneMode mode : LaneMode.values()) {
            TimelineFrame f = TimelineLayout.layout(m, viewport(2 * S, mode));
            List<TimelineFrame.Lane> lanes = f.lanes().stream()
                    .filter(l -> l.kind() != TimelineFrame.LaneKind.CORE).toList();
            assertTrue(lanes.size() >= 5 && lanes.size() <= 40, mode + ": " + lanes.size() + " lanes");
            assertTrue(lanes.stream().allMatch(l -> l.h() >= 14), "legible lane height");
            assertTrue(lanes.get(0).label().startsWith("V1 +"), lanes.get(0).label());
            long boxes = f.shapes().stream().filter(s -> s instanceof Shape.Box).count();
            assertTrue(boxes < 200, "overlapping sleeps merge: " + boxes);
        }
    }

    @Test
    void processesAreOutlinedAndHatchedThreadsSolid() {
        ExperimentSpec procs = ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 1, 1.0, false);
        TimelineModel m = new TimelineModel(procs, machine(1), null);
        m.add(new Span(Span.NO_TASK, "P1", Span.NO_CORE, SpanState.SPAWNING, 0, S / 10));
        m.add(new Span(1, "P1", 0, SpanState.RUNNING, S / 10, S));
        Shape.Box b = bars(TimelineLayout.layout(m, viewport(S, LaneMode.CORES))).get(0);
        assertTrue(b.hatched());
        assertNotNull(b.stroke());

        TimelineModel threads = new TimelineModel(spec(ExecutionMode.THREADS, 1), machine(1), null);
        threads.add(new Span(1, "T1", 0, SpanState.RUNNING, 0, S));
        Shape.Box t = bars(TimelineLayout.layout(threads, viewport(S, LaneMode.CORES))).get(0);
        assertFalse(t.hatched());
        assertNull(t.stroke());
    }

    @Test
    void workerViewColoursByStateAndOpenSpansRunToNow() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 1), machine(1), null);
        m.opened(new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 0, 0));
        Viewport live = new Viewport(0, S, 1000, 600, LaneMode.WORKERS, S / 2, TimelineTheme.DARK);
        TimelineFrame f = TimelineLayout.layout(m, live);
        Shape.Box b = bars(f).get(0);
        assertEquals(Palette.state(SpanState.SLEEPING), b.fill());
        assertEquals(f.xAt(S / 2), b.x() + b.w(), 0.01, "an open span is drawn up to now");
        assertTrue(f.shapes().stream().anyMatch(s -> s instanceof Shape.Line l
                && l.color().equals(TimelineTheme.DARK.now())), "the now line");
        Span hit = f.hit(f.xAt(S / 4), b.y() + b.h() / 2, m);
        assertNotNull(hit);
        assertEquals(S / 2, hit.endNanos());
    }

    @Test
    void aRunningSpanWithoutCoreIsReportedPlainly() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 1), machine(2), null);
        m.add(new Span(1, "T1", Span.NO_CORE, SpanState.RUNNING, 0, S));
        assertTrue(m.coreUnknown());
        TimelineFrame f = TimelineLayout.layout(m, viewport(S, LaneMode.CORES));
        assertTrue(texts(f).stream().anyMatch(t -> t.contains("could not be read")));
    }

    @Test
    void axisTicksAreNiceNumbers() {
        assertEquals(0.1, AxisTicks.step(1.0, 900, 90), 1e-12);
        assertEquals(2.0, AxisTicks.step(20, 900, 90), 1e-12);
        assertEquals("0.25 s", AxisTicks.label(0.25, 0.05));
        assertEquals("3 s", AxisTicks.label(3, 1));
    }

    @Test
    void aLongSpanAmongDenseOnesIsNeverSkipped() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 1), machine(1), null);
        for (int i = 0; i < 1000; i++) {
            m.add(new Span(1, "T1", Span.NO_CORE, SpanState.GIL_WAIT, i * 1000L, i * 1000L + 500));
        }
        m.add(new Span(1, "T1", Span.NO_CORE, SpanState.SLEEPING, 400_000L, S)); // overlaps the dense ones
        TimelineFrame f = TimelineLayout.layout(m, viewport(S, LaneMode.WORKERS));
        java.util.Set<Rgb> states = java.util.Set.of(Palette.state(SpanState.SLEEPING),
                Palette.state(SpanState.GIL_WAIT));
        double right = f.shapes().stream().filter(s -> s instanceof Shape.Box b && states.contains(b.fill()))
                .mapToDouble(s -> ((Shape.Box) s).x() + ((Shape.Box) s).w()).max().orElse(0);
        assertEquals(f.xAt(S), right, 1.0, "the long sleep reaches its end");
    }

    @Test
    void barsOfAWorkerThatRunsSeveralTasksNameTheTask() {
        var s = SpanState.RUNNING;
        assertEquals("T3", TimelineLayout.taskLabel(new Span(3, "T3", 0, s, 0, 1)));
        assertEquals("P12", TimelineLayout.taskLabel(new Span(12, "P12", 0, s, 0, 1)));
        assertEquals("main #2", TimelineLayout.taskLabel(new Span(2, "main", 0, s, 0, 1)));
        assertEquals("W1 #5", TimelineLayout.taskLabel(new Span(5, "W1", 0, s, 0, 1)));
        assertEquals("P1", TimelineLayout.taskLabel(new Span(Span.NO_TASK, "P1", -1, SpanState.SPAWNING, 0, 1)));
    }

    private static List<TimelineFrame.Lane> coreLanes(TimelineFrame f) {
        return f.lanes().stream().filter(l -> l.kind() == TimelineFrame.LaneKind.CORE).toList();
    }

    @Test
    void hybridLanesArePerformanceFirstLabelledByClassAndApart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path sys) {
        // Apple M2 numbers its efficiency cores first (CPU 0-3): the performance lanes still lead.
        var m2 = dev.corelanes.hardware.Topologies.appleM2().machine();
        TimelineFrame f = TimelineLayout.layout(new TimelineModel(spec(ExecutionMode.THREADS, 2), m2, null),
                viewport(S, LaneMode.CORES));
        List<String> labels = coreLanes(f).stream().map(TimelineFrame.Lane::label).toList();
        assertEquals(List.of("P CPU 4", "P CPU 5", "P CPU 6", "P CPU 7", "E CPU 0", "E CPU 1", "E CPU 2", "E CPU 3"),
                labels);
        List<TimelineFrame.Lane> lanes = coreLanes(f);
        double inClass = lanes.get(1).y() - (lanes.get(0).y() + lanes.get(0).h());
        double between = lanes.get(4).y() - (lanes.get(3).y() + lanes.get(3).h());
        assertTrue(between > inClass, "a wider gap between the classes");
        assertTrue(texts(f).contains("P CPU 4") && texts(f).contains("E CPU 0"));
    }

    @Test
    void intelHybridKeepsSmtSiblingsTogetherWithinTheirClass(@org.junit.jupiter.api.io.TempDir java.nio.file.Path sys) {
        var intel = dev.corelanes.hardware.Topologies.intelHybrid(sys).machine();
        TimelineFrame f = TimelineLayout.layout(new TimelineModel(spec(ExecutionMode.THREADS, 2), intel, null),
                viewport(S, LaneMode.CORES));
        List<String> labels = coreLanes(f).stream().map(TimelineFrame.Lane::label).toList();
        assertEquals(20, labels.size());
        assertEquals(List.of("P CPU 0", "P CPU 1", "P CPU 2"), labels.subList(0, 3));
        assertEquals(List.of("P CPU 11", "E CPU 12"), labels.subList(11, 13));
        assertLegible(f, 20);
    }

    @Test
    void aSixtyFourCpuServerAndAnSmtDesktopStayInsideTheFrame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path sys) {
        for (var machine : List.of(dev.corelanes.hardware.Topologies.server64(sys.resolve("s")).machine(),
                dev.corelanes.hardware.Topologies.amdSmt(sys.resolve("a")).machine())) {
            TimelineFrame f = TimelineLayout.layout(new TimelineModel(spec(ExecutionMode.THREADS, 2), machine, null),
                    viewport(S, LaneMode.CORES));
            List<TimelineFrame.Lane> lanes = coreLanes(f);
            assertEquals(machine.logicalCores(), lanes.size());
            assertTrue(lanes.stream().noneMatch(l -> l.label().startsWith("P ") || l.label().startsWith("E ")));
            assertLegible(f, machine.logicalCores());
        }
    }

    /** Every lane inside the frame, none overlapping, and every label text inside the frame too. */
    private static void assertLegible(TimelineFrame f, int cpus) {
        List<TimelineFrame.Lane> lanes = coreLanes(f);
        for (int i = 0; i < lanes.size(); i++) {
            TimelineFrame.Lane l = lanes.get(i);
            assertTrue(l.y() >= 0 && l.y() + l.h() <= f.height(), l.label() + " outside the frame");
            if (i > 0) {
                assertTrue(l.y() >= lanes.get(i - 1).y() + lanes.get(i - 1).h() - 1e-9, l.label() + " overlaps");
            }
        }
        long labels = f.shapes().stream().filter(s -> s instanceof Shape.Text t && t.text().contains("CPU ")).count();
        assertTrue(labels >= Math.min(cpus, 8), "at least some CPU lanes are labelled (" + labels + ")");
    }

    @Test
    void atItsLegibleHeightEveryLaneIsEighteenPixelsAndSixteenWorkersAreNotMerged() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 16), machine(4), null);
        for (int k = 1; k <= 16; k++) {
            m.add(new Span(k, "T" + k, Span.NO_CORE, SpanState.PREEMPTED, 0, S / 2));
        }
        double h = TimelineLayout.legibleHeight(m, LaneMode.CORES, true);
        TimelineFrame f = TimelineLayout.layout(m, new Viewport(0, S, 1000, h, LaneMode.CORES, -1, TimelineTheme.LIGHT));
        List<TimelineFrame.Lane> off = f.lanes().stream().filter(l -> l.kind() == TimelineFrame.LaneKind.OFF_CPU).toList();
        assertEquals(16, off.size(), "one off-CPU lane per worker");
        assertTrue(off.stream().noneMatch(l -> l.label().contains("+")), "no merged lane");
        for (TimelineFrame.Lane l : f.lanes()) {
            assertTrue(l.h() >= TimelineLayout.LEGIBLE_LANE - 0.01, l.label() + " is " + l.h() + " px");
        }
        assertTrue(texts(f).containsAll(List.of("CPU 0", "CPU 1", "CPU 2", "CPU 3", "T16")));

        // Squeezed into a small box (a thumbnail), sixteen workers still keep a lane each; seventeen may share.
        TimelineFrame small = TimelineLayout.layout(m, new Viewport(0, S, 1000, 150, LaneMode.WORKERS, -1,
                TimelineTheme.LIGHT));
        assertEquals(16, small.lanes().size());
        TimelineModel many = new TimelineModel(spec(ExecutionMode.THREADS, 40), machine(4), null);
        for (int k = 1; k <= 40; k++) {
            many.add(new Span(k, "T" + k, Span.NO_CORE, SpanState.PREEMPTED, 0, S / 2));
        }
        TimelineFrame packed = TimelineLayout.layout(many, new Viewport(0, S, 1000, 150, LaneMode.WORKERS, -1,
                TimelineTheme.LIGHT));
        assertTrue(packed.lanes().size() < 40, "forty workers in 150 px share lanes");
    }

    @Test
    void theLegendNamesEachTaskBesideItsColourThenCountsTheRest() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 4), machine(2), null);
        for (int k = 1; k <= 4; k++) {
            m.add(new Span(k, "T" + k, k % 2, SpanState.RUNNING, 0, S / 2));
        }
        TimelineFrame f = TimelineLayout.layout(m, viewport(S, LaneMode.CORES));
        double legendY = f.height() - 30; // the key is the legend's first row
        for (int k = 1; k <= 4; k++) {
            String name = "T" + k;
            Shape.Text label = f.shapes().stream().filter(s -> s instanceof Shape.Text t && t.text().equals(name)
                    && Math.abs(t.y() - legendY) < 1).map(s -> (Shape.Text) s).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " not in the legend"));
            Rgb colour = Palette.task(k);
            assertTrue(f.shapes().stream().anyMatch(s -> s instanceof Shape.Box b && b.fill().equals(colour)
                    && b.label() == null && Math.abs(b.x() + 17 - label.x()) < 0.5), name + "'s swatch beside it");
        }
        assertFalse(texts(f).stream().anyMatch(t -> t.endsWith(" more")), "four tasks all fit");

        TimelineModel many = new TimelineModel(spec(ExecutionMode.THREADS, 40), machine(2), null);
        for (int k = 1; k <= 40; k++) {
            many.add(new Span(k, "T" + k, k % 2, SpanState.RUNNING, 0, S / 2));
        }
        TimelineFrame g = TimelineLayout.layout(many, viewport(S, LaneMode.CORES));
        String more = texts(g).stream().filter(t -> t.matches("\\+\\d+ more")).findFirst()
                .orElseThrow(() -> new AssertionError("no '+k more' in " + texts(g)));
        int shown = 40 - Integer.parseInt(more.substring(1, more.indexOf(' ')));
        assertTrue(shown >= 3, "some tasks are named: " + shown);
        assertTrue(texts(g).contains("T" + shown) && !texts(g).contains("T" + (shown + 1))
                || shown == 40, "the first " + shown + " are named, the rest counted");
        assertTrue(texts(g).containsAll(List.of("sleeping", "GIL wait", "preempted", "spawning")),
                "the states keep their place in the legend");
    }

    @Test
    void aLegendShortOfRoomFlowsOverBothRowsInSmallerTypeAndKeepsEveryKey() {
        // A 1280x720 projector draws the timeline at about twice its size: the layout gets ~360 px of room.
        TimelineModel m = new TimelineModel(spec(ExecutionMode.PROCESSES, 2), machine(2), null);
        m.add(new Span(1, "P1", 0, SpanState.RUNNING, 0, S / 2));
        m.add(new Span(2, "P2", Span.NO_CORE, SpanState.PREEMPTED, 0, S / 2));
        m.loads().add(S / 4, new double[] {0.5, 0.5});
        for (double width : new double[] {1000, 430, 360}) {
            TimelineFrame f = TimelineLayout.layout(m, new Viewport(0, S, width, 300, LaneMode.CORES, -1,
                    TimelineTheme.DARK));
            List<Shape.Text> keys = f.shapes().stream().filter(s -> s instanceof Shape.Text t
                    && (Math.abs(t.y() - (f.height() - 10)) < 1 || Math.abs(t.y() - (f.height() - 30)) < 1)
                    && !t.text().equals("running:") && !t.text().startsWith("P")).map(s -> (Shape.Text) s)
                    .toList();
            List<String> names = keys.stream().map(Shape.Text::text).toList();
            assertTrue(names.containsAll(List.of("sleeping", "GIL wait", "preempted", "spawning", "uncertain",
                    "machine load", "thread", "process")), width + " px: " + names);
            double size = keys.get(0).size();
            if (width >= 400) {
                for (Shape.Text t : keys) {
                    assertTrue(t.x() + TimelineLayout.textWidth(t.text(), t.size()) <= width + 0.5,
                            t.text() + " runs past " + width + " px");
                }
                assertTrue(width < 900 ? size <= 13 && size >= 10 : size == 13, width + " px: type " + size);
            } else {
                // Not even the least type holds them: the last run past the edge (the window's zoom fit then
                // shrinks the zoom) instead of vanishing.
                assertEquals(10, size, 1e-9);
                assertTrue(keys.stream().anyMatch(t -> t.x() + TimelineLayout.textWidth(t.text(), 10) > width));
            }
        }
    }

    @Test
    void aMessageStaysInsideItsBoxWhenTheLanesAreNarrow() {
        TimelineModel m = new TimelineModel(spec(ExecutionMode.THREADS, 2), machine(2), null);
        m.setMessage("Choose a workload on the left and press Run (Enter or Space).");
        for (double width : new double[] {1000, 420}) {
            TimelineFrame f = TimelineLayout.layout(m, new Viewport(0, S, width, 300, LaneMode.CORES, -1,
                    TimelineTheme.LIGHT));
            List<Shape.Text> lines = f.shapes().stream().filter(s -> s instanceof Shape.Text x && x.bold()
                    && x.size() >= 10 && !x.text().startsWith("CPU")).map(s -> (Shape.Text) s).toList();
            assertEquals(m.message(), String.join(" ", lines.stream().map(Shape.Text::text).toList()),
                    "every word shown");
            Shape.Text t = lines.get(0);
            Shape.Box box = f.shapes().stream().filter(s -> s instanceof Shape.Box b && b.stroke() != null
                    && b.y() < t.y() && b.y() + b.h() > t.y()).map(s -> (Shape.Box) s).reduce((a, b) -> b)
                    .orElseThrow();
            for (Shape.Text l : lines) {
                double half = TimelineLayout.textWidth(l.text(), l.size()) * 1.1 / 2;
                assertTrue(l.x() - half >= box.x() && l.x() + half <= box.x() + box.w(), width + " px: text of "
                        + 2 * half + " px in a box of " + box.w());
                assertTrue(l.y() - l.size() >= box.y() - 1 && l.y() <= box.y() + box.h(), "inside the box");
            }
            assertTrue(box.x() + box.w() <= width, "the box within the frame");
        }
    }
}
