package dev.corelanes.engine.trace;

import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WaitKind;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.platform.mac.MacThreadInfo;
import dev.corelanes.engine.platform.windows.SystemProcessInformation;
import dev.corelanes.fixtures.FakeThreadTables;
import dev.corelanes.fixtures.FakeThreadTables.P;
import dev.corelanes.fixtures.FakeThreadTables.Step;
import dev.corelanes.fixtures.FakeThreadTables.T;
import dev.corelanes.view.LaneMode;
import dev.corelanes.view.Shape;
import dev.corelanes.view.Slide;
import dev.corelanes.view.SlideFiles;
import dev.corelanes.view.SlideOptions;
import dev.corelanes.view.TimelineFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trace as macOS and Windows give it, simulated on Linux: a fake thread table replays a scripted timeline through
 * the real struct parsers, and the sweeps, spans, run file and slide are the real ones. Sweeps come every 10 ms on a
 * scripted clock, so every figure here is exact.
 *
 * <p>The script: a program (three threads) and, for the middle three readings, a child it started.
 * <ul>
 * <li>thread 1 runs all through the first six readings, then waits on an event (no reason the docs make clear);</li>
 * <li>thread 2 is ready but gets no CPU for three readings, runs for three, then gets 30 % of a CPU;</li>
 * <li>thread 3 sleeps in {@code Sleep} (DelayExecution) all along;</li>
 * <li>the child's one thread runs half the time.</li>
 * </ul>
 */
class OsThreadTraceTest {

    private static final int ROOT = 4200;
    private static final long MS = 1_000_000L;
    private static final int READINGS = 9;

    @TempDir
    Path dir;

    // Windows KTHREAD_STATE / KWAIT_REASON
    private static final int RUN = SystemProcessInformation.RUNNING;
    private static final int READY = SystemProcessInformation.READY;
    private static final int WAIT = SystemProcessInformation.WAITING;

    private static List<Step> windowsScript() {
        T sleeper = new T(3, WAIT, SystemProcessInformation.DELAY_EXECUTION, 0, "");
        return List.of(
                new Step(3, List.of(new P(0, -1, "python.exe", List.of(new T(1, RUN, 0, 1, ""),
                        new T(2, READY, 0, 0, ""), sleeper)))),
                new Step(3, List.of(new P(0, -1, "python.exe", List.of(new T(1, RUN, 0, 1, ""),
                        new T(2, RUN, 0, 1, ""), sleeper)),
                        new P(1, 0, "worker.exe", List.of(new T(4, RUN, 0, 0.5, ""))))),
                new Step(3, List.of(new P(0, -1, "python.exe", List.of(
                        new T(1, WAIT, SystemProcessInformation.USER_REQUEST, 0, ""),
                        new T(2, READY, 0, 0.3, ""), sleeper)))));
    }

    /** The same timeline as macOS reports it: no "ready" state (running includes runnable), no wait reasons. */
    private static List<Step> macScript() {
        int running = MacThreadInfo.TH_STATE_RUNNING;
        int waiting = MacThreadInfo.TH_STATE_WAITING;
        T sleeper = new T(3, waiting, 0, 0, "sleeper");
        return List.of(
                new Step(3, List.of(new P(0, -1, "python3", List.of(new T(1, running, 0, 1, "main"),
                        new T(2, running, 0, 0, "worker-2"), sleeper)))),
                new Step(3, List.of(new P(0, -1, "python3", List.of(new T(1, running, 0, 1, "main"),
                        new T(2, running, 0, 1, "worker-2"), sleeper)),
                        new P(1, 0, "helper", List.of(new T(4, running, 0, 0.5, ""))))),
                new Step(3, List.of(new P(0, -1, "python3", List.of(new T(1, waiting, 0, 0, "main"),
                        new T(2, running, 0, 0.3, "worker-2"), sleeper)))));
    }

    /** Sweeps every 10 ms through {@code table}, then the run as {@code corelanes trace} builds it. */
    private static Sampling sweep(java.util.function.Function<java.util.function.LongSupplier, FakeThreadTables.Fake>
                                          table) {
        long[] clock = {0};
        TableTreeSource source = new TableTreeSource(table.apply(() -> clock[0]), ROOT);
        Map<Integer, List<ThreadSample>> threads = new LinkedHashMap<>();
        Map<Integer, ProcessSeen> processes = new LinkedHashMap<>();
        List<Long> sweeps = new ArrayList<>();
        for (int k = 0; k < READINGS; k++) {
            clock[0] = k * 10 * MS;
            sweeps.add(clock[0]);
            source.sweep(clock[0], threads, processes);
        }
        return new Sampling(ROOT, threads, List.copyOf(processes.values()), sweeps, 0, 80 * MS, 10 * MS, 10 * MS, -1);
    }

    private static Trace run(Sampling s) {
        return TracedRun.build(s, false, MachineInfo.fromJvm(), Instant.parse("2026-12-07T04:00:00Z"), 80 * MS, 0,
                TaskStatus.COMPLETED, "", "python3 my.py");
    }

    private static long total(Trace t, String worker, SpanState state) {
        return t.spans().stream().filter(s -> s.worker().equals(worker) && s.state() == state)
                .mapToLong(Span::durationNanos).sum();
    }

    private static String worker(Trace t, String prefix) {
        return t.workers().stream().map(w -> w.name()).filter(n -> n.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void windowsStatesBecomeRunningWaitingForACpuAndSleepingWithoutACore() {
        Trace t = run(sweep(c -> FakeThreadTables.windows(windowsScript(), c)));
        assertEquals(4, t.workers().size(), "three threads of the program, one of its child");
        assertTrue(t.spans().stream().noneMatch(Span::hasCore), "Windows names no CPU for another process's thread");
        assertTrue(t.coreUnknown());
        List<String> names = t.workers().stream().map(w -> w.name()).toList();
        String main = names.get(0);
        String ready = names.get(1);
        String sleeper = names.get(2);
        assertTrue(main.startsWith("python.exe ["), main);
        // Thread 1 ran 50 ms (five intervals at a full CPU), then waited on something the docs do not name.
        assertEquals(50 * MS, total(t, main, SpanState.RUNNING));
        assertEquals(30 * MS, total(t, main, SpanState.SLEEPING));
        assertTrue(t.spans().stream().filter(s -> s.worker().equals(main) && s.state() == SpanState.SLEEPING)
                .allMatch(s -> s.waitKind() == WaitKind.NONE), "a wait the docs do not name is drawn as no kind");
        // Thread 2: Ready with no CPU for two intervals (waiting for one), three at a full CPU, then 30 % of each
        // interval running and the rest Ready again.
        assertEquals(20 * MS + 3 * 7 * MS, total(t, ready, SpanState.PREEMPTED));
        assertEquals(30 * MS + 3 * 3 * MS, total(t, ready, SpanState.RUNNING));
        assertEquals(0, total(t, ready, SpanState.SLEEPING));
        // Ready at the second reading: it ran first, then waited (not the other way round).
        Span firstRunOfLast = t.spans().stream().filter(s -> s.worker().equals(ready) && s.startNanos() >= 60 * MS)
                .findFirst().orElseThrow();
        assertEquals(SpanState.RUNNING, firstRunOfLast.state());
        // Thread 3 slept in Sleep all along: a timer.
        assertEquals(80 * MS, total(t, sleeper, SpanState.SLEEPING));
        assertTrue(t.spans().stream().filter(s -> s.worker().equals(sleeper))
                .allMatch(s -> s.waitKind() == WaitKind.TIMER));
    }

    @Test
    void aChildIsFoundByItsParentsIdAndItsEndIsSeen() {
        Sampling s = sweep(c -> FakeThreadTables.windows(windowsScript(), c));
        assertEquals(2, s.processes().size());
        ProcessSeen child = s.processes().get(1);
        assertEquals(ROOT + 1, child.pid());
        assertEquals(ROOT, child.ppid());
        assertEquals("worker.exe", child.comm());
        assertEquals(30 * MS, child.firstNanos());
        assertEquals(60 * MS, child.goneNanos(), "the first reading without it");
        assertFalse(s.processes().get(0).exited());
        Trace t = run(s);
        String w = worker(t, "worker.exe [");
        // New since the sweep before: its CPU so far (5 ms) ran just before it was seen; then half of each interval.
        assertEquals(5 * MS + 2 * 5 * MS, total(t, w, SpanState.RUNNING));
        assertEquals(2 * 5 * MS, total(t, w, SpanState.PREEMPTED), "running at both ends, off a CPU: waiting for one");
    }

    @Test
    void onMacosRunningIncludesRunnableAndItsThreadsKeepTheirNames() {
        Trace t = run(sweep(c -> FakeThreadTables.mac(macScript(), c)));
        assertTrue(t.spans().stream().noneMatch(Span::hasCore));
        String w2 = worker(t, "worker-2 [");
        // Mach says "running" for a thread that got no CPU: its CPU time says it did not run, so it waited.
        assertEquals(20 * MS + 3 * 7 * MS, total(t, w2, SpanState.PREEMPTED));
        assertEquals(30 * MS + 3 * 3 * MS, total(t, w2, SpanState.RUNNING));
        String main = worker(t, "main [");
        assertEquals(50 * MS, total(t, main, SpanState.RUNNING));
        assertTrue(t.spans().stream().filter(s -> s.state() == SpanState.SLEEPING)
                .noneMatch(s -> s.waitKind().drawn()), "macOS names no wait reason");
        // 64-bit thread handles fit no int: the run numbers its threads in the order first seen.
        assertEquals(List.of("main [1]", "worker-2 [2]", "sleeper [3]", "helper [4]"),
                t.workers().stream().map(w -> w.name()).toList());
    }

    @Test
    void theRunFileKeepsSpansWithoutACoreAndTheSlideDrawsOneLanePerThread() throws Exception {
        Trace t = run(sweep(c -> FakeThreadTables.windows(windowsScript(), c)));
        Path json = dir.resolve("run.json");
        RunFile.write(t, json);
        Trace back = RunFile.read(json);
        assertEquals(t.spans(), back.spans());
        assertTrue(back.coreUnknown());
        Slide.Composed slide = Slide.composeWithPanels(List.of(Slide.Run.of(back)), SlideOptions.defaults());
        TimelineFrame panel = slide.panels().get(0).panel();
        assertEquals(List.of(TimelineFrame.LaneKind.WORKER), panel.lanes().stream().map(TimelineFrame.Lane::kind)
                .distinct().toList(), "no core lanes: nothing to place on them");
        List<String> texts = slide.frame().shapes().stream().filter(s -> s instanceof Shape.Text)
                .map(s -> ((Shape.Text) s).text()).toList();
        // One lane per thread, named as the OS names it; its label in the gutter keeps the thread's id whole.
        assertEquals(back.workers().stream().map(w -> w.name()).toList(),
                panel.lanes().stream().map(TimelineFrame.Lane::label).toList());
        for (var w : back.workers()) {
            String id = w.name().substring(w.name().lastIndexOf(" ["));
            assertTrue(texts.stream().anyMatch(x -> x.endsWith(id)), w.name() + " has its label: " + texts);
        }
        assertTrue(texts.stream().anyMatch(x -> x.contains("one lane per thread")), texts.toString());
        assertTrue(texts.stream().noneMatch(x -> x.contains("switch to the per-worker view")), texts.toString());
        var image = SlideFiles.image(slide.frame(), 1);
        assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
        assertEquals(LaneMode.CORES, SlideOptions.defaults().mode(), "asked for cores, drew threads");
    }
}
