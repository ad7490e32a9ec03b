package dev.corelanes.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Short real experiments in every thread mode; timing only with bounds no machine can miss. */
class ExperimentRunTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    private static ExperimentSpec spec(ExecutionMode mode, TaskKind kind, int tasks, double seconds, boolean gil) {
        return new ExperimentSpec(mode, kind, tasks, seconds, mode.pooled() ? 2 : 1, gil);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"SEQUENTIAL", "THREADS", "VIRTUAL", "POOL"})
    void computeTasksRecordRunningSpansOnRealCores(ExecutionMode mode) throws Exception {
        Trace t = Experiment.run(spec(mode, TaskKind.COMPUTE, 3, 0.1, false), MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(3, t.tasks().size());
        t.tasks().forEach(r -> assertEquals(TaskStatus.COMPLETED, r.status()));
        for (int task = 1; task <= 3; task++) {
            int id = task;
            List<Span> running = t.spans().stream().filter(s -> s.task() == id && s.state() == SpanState.RUNNING).toList();
            assertFalse(running.isEmpty(), "task " + id + " has running spans");
            if (CoreProbe.detect().available()) {
                running.forEach(s -> assertTrue(s.core() >= 0 && s.core() < Runtime.getRuntime().availableProcessors() * 4,
                        "core " + s.core()));
            }
            // A task's spans never overlap each other and lie within the task.
            TaskRecord r = t.tasks().get(id - 1);
            List<Span> own = t.spans().stream().filter(s -> s.task() == id)
                    .sorted(Comparator.comparingLong(Span::startNanos)).toList();
            for (int i = 1; i < own.size(); i++) {
                assertTrue(own.get(i).startNanos() >= own.get(i - 1).endNanos(), "overlap in task " + id);
            }
            assertTrue(own.get(0).startNanos() >= r.startNanos() && own.get(own.size() - 1).endNanos() <= r.endNanos());
        }
        assertTrue(t.wallNanos() > 0 && t.cpuNanos() > 0);
    }

    @Test
    void workersAreNamedAfterTheMode() throws Exception {
        assertEquals(Map.of("main", 3L), workersOf(ExecutionMode.SEQUENTIAL));
        assertEquals(Map.of("T1", 1L, "T2", 1L, "T3", 1L), workersOf(ExecutionMode.THREADS));
        assertEquals(Map.of("V1", 1L, "V2", 1L, "V3", 1L), workersOf(ExecutionMode.VIRTUAL));
        assertTrue(Set.of("W1", "W2").containsAll(workersOf(ExecutionMode.POOL).keySet()));
    }

    private static Map<String, Long> workersOf(ExecutionMode mode) throws InterruptedException {
        Trace t = Experiment.run(spec(mode, TaskKind.SLEEP, 3, 0.05, false), MACHINE);
        return t.tasks().stream().collect(Collectors.groupingBy(TaskRecord::worker, Collectors.counting()));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"SEQUENTIAL", "THREADS", "VIRTUAL", "POOL"})
    void sleepTasksRecordOneSleepingSpanOnNoCore(ExecutionMode mode) throws Exception {
        Trace t = Experiment.run(spec(mode, TaskKind.SLEEP, 3, 0.05, false), MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status());
        assertEquals(3, t.spans().size());
        for (Span s : t.spans()) {
            assertEquals(SpanState.SLEEPING, s.state());
            assertFalse(s.hasCore());
            assertTrue(s.durationNanos() >= 50_000_000L, "slept at least the asked time");
        }
    }

    @Test
    void sequentialRunsOneTaskAfterAnother() throws Exception {
        Trace t = Experiment.run(spec(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 3, 0.05, false), MACHINE);
        List<TaskRecord> tasks = t.tasks();
        for (int i = 1; i < tasks.size(); i++) {
            assertTrue(tasks.get(i).startNanos() >= tasks.get(i - 1).endNanos());
        }
        assertTrue(t.wallNanos() >= 150_000_000L);
    }

    @Test
    void threadsSleepAtTheSameTime() throws Exception {
        Trace t = Experiment.run(spec(ExecutionMode.THREADS, TaskKind.SLEEP, 4, 0.2, false), MACHINE);
        // Four 0.2 s sleeps overlap: far less than the 0.8 s they would take in turn.
        assertTrue(t.wallNanos() < 700_000_000L, "wall " + t.wallSeconds());
    }

    @Test
    void aPoolRunsAtMostWorkersTasksAtOnce() throws Exception {
        Trace t = Experiment.run(new ExperimentSpec(ExecutionMode.POOL, TaskKind.SLEEP, 6, 0.05, 2, false), MACHINE);
        List<TaskRecord> tasks = t.tasks();
        for (TaskRecord a : tasks) {
            long concurrent = tasks.stream().filter(b -> b.startNanos() <= a.startNanos() && b.endNanos() > a.startNanos()).count();
            assertTrue(concurrent <= 2, "at most 2 tasks at once, saw " + concurrent);
        }
    }

    @Test
    void underTheGilOnlyOneTaskRunsAtATimeAndTheyTakeTurns() throws Exception {
        Trace t = Experiment.run(spec(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.2, true), MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status());
        List<Span> running = t.spans().stream().filter(s -> s.state() == SpanState.RUNNING).toList();
        for (Span a : running) {
            for (Span b : running) {
                if (a.task() != b.task()) {
                    assertTrue(a.endNanos() <= b.startNanos() || b.endNanos() <= a.startNanos(),
                            "tasks " + a.task() + " and " + b.task() + " ran at once under the GIL");
                }
            }
        }
        // Hand-over: each task waited for the lock many times (0.2 s of work in 5 ms slices).
        for (int task = 1; task <= 2; task++) {
            int id = task;
            long waits = t.spans().stream().filter(s -> s.task() == id && s.state() == SpanState.GIL_WAIT).count();
            assertTrue(waits >= 5, "task " + id + " waited " + waits + " times");
        }
    }

    @Test
    void withoutTheGilThreadsComputeAtTheSameTime() throws Exception {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return; // nothing to show on one CPU
        }
        Trace t = Experiment.run(spec(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.3, false), MACHINE);
        List<Span> a = t.spans().stream().filter(s -> s.task() == 1 && s.state() == SpanState.RUNNING).toList();
        List<Span> b = t.spans().stream().filter(s -> s.task() == 2 && s.state() == SpanState.RUNNING).toList();
        long overlap = 0;
        for (Span x : a) {
            for (Span y : b) {
                overlap += Math.max(0, Math.min(x.endNanos(), y.endNanos()) - Math.max(x.startNanos(), y.startNanos()));
            }
        }
        assertEquals(0, t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT).count());
        if (overlap == 0) {
            // The lanes show where the threads really ran (one task per CPU, from the samples): on a machine
            // busier than its CPUs, the OS may keep both threads on one CPU for the whole run, and then they
            // truly never computed at once. Only a machine with CPUs to spare must show them together.
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            org.junit.jupiter.api.Assumptions.assumeTrue(load >= 0 && load < Runtime.getRuntime().availableProcessors(),
                    "the OS kept the two threads apart on a busy machine (load " + load + ")");
        }
        assertTrue(overlap > 0, "the two tasks never ran at the same time");
    }

    @Test
    void sleepingDoesNotHoldTheGil() throws Exception {
        Trace t = Experiment.run(spec(ExecutionMode.THREADS, TaskKind.SLEEP, 3, 0.2, true), MACHINE);
        assertTrue(t.wallNanos() < 550_000_000L, "sleeps overlapped under the GIL: wall " + t.wallSeconds());
    }

    @Test
    void cancelStopsEveryWorkerPromptlyAndKeepsWhatWasRecorded() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        RunHandle h = Experiment.start(spec(ExecutionMode.THREADS, TaskKind.COMPUTE, 3, 20, false), MACHINE,
                new TraceListener() {
                    @Override
                    public void onOpened(Span span) {
                        heard.incrementAndGet();
                    }
                });
        while (!h.started() || h.elapsedNanos() < 200_000_000L) {
            Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        h.cancel();
        Trace t = h.await(5, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "cancel took too long");
        assertEquals(TaskStatus.CANCELLED, t.status());
        assertEquals(3, t.tasks().size());
        t.tasks().forEach(r -> assertEquals(TaskStatus.CANCELLED, r.status()));
        assertFalse(t.spans().isEmpty());
        assertTrue(heard.get() >= 3, "listeners heard the run live");
        assertTrue(t.wallNanos() < 10_000_000_000L);
    }

    @Test
    void cancelBeforeStartRecordsEveryTaskAsNeverStarted() throws Exception {
        RunHandle h = Experiment.start(spec(ExecutionMode.POOL, TaskKind.SLEEP, 50, 1, false), MACHINE);
        h.cancel();
        Trace t = h.await(5, TimeUnit.SECONDS);
        assertEquals(TaskStatus.CANCELLED, t.status());
        assertEquals(50, t.tasks().size());
    }

    @Test
    void tenThousandVirtualThreadsSleepTogether() throws Exception {
        Trace t = Experiment.run(spec(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000, 0.2, false), MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status());
        assertEquals(10_000, t.spans().size());
        assertTrue(t.wallNanos() < 5_000_000_000L, "wall " + t.wallSeconds());
    }

    @Test
    void theIdealTimeFollowsTheUsableCores() throws Exception {
        Trace seq = Experiment.run(spec(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 2, 0.05, false), MACHINE);
        assertEquals(0.1, RunFigures.of(seq).idealSeconds(), 1e-9);
        Trace thr = Experiment.run(spec(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.05, false), MACHINE);
        assertEquals(0.05, RunFigures.of(thr).idealSeconds(), 1e-9);
    }
}
