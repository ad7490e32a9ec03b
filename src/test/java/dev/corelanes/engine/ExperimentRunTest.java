package dev.corelanes.engine;

import dev.corelanes.engine.platform.host.Host;
import dev.corelanes.runners.Runs;
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

/**
 * Short real experiments in every thread mode. No wall-clock limit is asserted (the machine may be busy):
 * only structure and order, and lower bounds physics guarantees (a 50 ms sleep lasts at least 50 ms).
 * Timing figures live in the -Pbench profile.
 */
class ExperimentRunTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    private static ExperimentSpec spec(ExecutionMode mode, TaskKind kind, int tasks, double seconds, boolean gil) {
        return new ExperimentSpec(mode, kind, tasks, seconds, mode.pooled() ? 2 : 1, gil);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"SEQUENTIAL", "THREADS", "VIRTUAL", "POOL"})
    void computeTasksRecordRunningSpansOnRealCores(ExecutionMode mode) throws Exception {
        Trace t = Runs.run(spec(mode, TaskKind.COMPUTE, 3, 0.1, false), MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(3, t.tasks().size());
        t.tasks().forEach(r -> assertEquals(TaskStatus.COMPLETED, r.status()));
        for (int task = 1; task <= 3; task++) {
            int id = task;
            List<Span> running = t.spans().stream().filter(s -> s.task() == id && s.state() == SpanState.RUNNING).toList();
            assertFalse(running.isEmpty(), "task " + id + " has running spans");
            if (Host.coreProbe().available()) {
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
        Trace t = Runs.run(spec(mode, TaskKind.SLEEP, 3, 0.05, false), MACHINE);
        return t.tasks().stream().collect(Collectors.groupingBy(TaskRecord::worker, Collectors.counting()));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionMode.class, names = {"SEQUENTIAL", "THREADS", "VIRTUAL", "POOL"})
    void sleepTasksRecordOneSleepingSpanOnNoCore(ExecutionMode mode) throws Exception {
        Trace t = Runs.run(spec(mode, TaskKind.SLEEP, 3, 0.05, false), MACHINE);
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
        Trace t = Runs.run(spec(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 3, 0.05, false), MACHINE);
        List<TaskRecord> tasks = t.tasks();
        for (int i = 1; i < tasks.size(); i++) {
            assertTrue(tasks.get(i).startNanos() >= tasks.get(i - 1).endNanos());
        }
        assertTrue(t.wallNanos() >= 150_000_000L);
    }

    /** The most spans of {@code state} going on at one instant. */
    static int mostAtOnce(Trace t, SpanState state) {
        List<long[]> edges = new java.util.ArrayList<>();
        t.spans().stream().filter(s -> s.state() == state).forEach(s -> {
            edges.add(new long[] {s.startNanos(), 1});
            edges.add(new long[] {s.endNanos(), -1});
        });
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1])); // ends first
        int now = 0;
        int most = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }

    @Test
    void threadsSleepAtTheSameTime() throws Exception {
        Trace t = Runs.run(spec(ExecutionMode.THREADS, TaskKind.SLEEP, 4, 1, false), MACHINE);
        // Four threads started together, each asleep for 1 s: all four are asleep at one instant (in turn,
        // never more than one would be).
        assertEquals(4, mostAtOnce(t, SpanState.SLEEPING), "sleeps at once");
    }

    @Test
    void aPoolRunsAtMostWorkersTasksAtOnce() throws Exception {
        Trace t = Runs.run(new ExperimentSpec(ExecutionMode.POOL, TaskKind.SLEEP, 6, 0.05, 2, false), MACHINE);
        List<TaskRecord> tasks = t.tasks();
        for (TaskRecord a : tasks) {
            long concurrent = tasks.stream().filter(b -> b.startNanos() <= a.startNanos() && b.endNanos() > a.startNanos()).count();
            assertTrue(concurrent <= 2, "at most 2 tasks at once, saw " + concurrent);
        }
    }

    @Test
    void underTheGilOnlyOneTaskRunsAtATimeAndTheyTakeTurns() throws Exception {
        Trace t = Runs.run(spec(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.2, true), MACHINE);
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
        // Hand-over: both tasks did run, and someone waited for the GIL (the order of turns is the OS's and
        // PythonGil's business, tested on certain orderings in PythonGilTest).
        for (int task = 1; task <= 2; task++) {
            int id = task;
            assertTrue(running.stream().anyMatch(s -> s.task() == id), "task " + id + " ran");
        }
        assertTrue(t.spans().stream().anyMatch(s -> s.state() == SpanState.GIL_WAIT), "nobody waited for the GIL");
    }

    @Test
    void withoutTheGilThreadsComputeAtTheSameTime() throws Exception {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return; // nothing to show on one CPU
        }
        Trace t = Runs.run(spec(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.3, false), MACHINE);
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
        Trace t = Runs.run(spec(ExecutionMode.THREADS, TaskKind.SLEEP, 3, 1, true), MACHINE);
        assertEquals(3, mostAtOnce(t, SpanState.SLEEPING), "sleeps overlapped under the GIL");
        assertEquals(0, t.spans().stream().filter(s -> s.state() == SpanState.GIL_WAIT).count());
    }

    @Test
    void cancelStopsEveryWorkerPromptlyAndKeepsWhatWasRecorded() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        RunHandle h = Runs.start(spec(ExecutionMode.THREADS, TaskKind.COMPUTE, 3, 20, false), MACHINE,
                new TraceListener() {
                    @Override
                    public void onOpened(Span span) {
                        heard.incrementAndGet();
                    }
                });
        while (!h.started() || h.elapsedNanos() < 200_000_000L) {
            Thread.sleep(10);
        }
        h.cancel();
        Trace t = h.await(60, TimeUnit.SECONDS); // a hang guard only: 3 × 20 s is what a missed cancel costs
        assertEquals(TaskStatus.CANCELLED, t.status());
        assertEquals(3, t.tasks().size());
        t.tasks().forEach(r -> assertEquals(TaskStatus.CANCELLED, r.status()));
        assertFalse(t.spans().isEmpty());
        assertTrue(heard.get() >= 3, "listeners heard the run live");
    }

    @Test
    void cancelBeforeStartRecordsEveryTaskAsNeverStarted() throws Exception {
        RunHandle h = Runs.start(spec(ExecutionMode.POOL, TaskKind.SLEEP, 50, 1, false), MACHINE);
        h.cancel();
        Trace t = h.await(60, TimeUnit.SECONDS);
        assertEquals(TaskStatus.CANCELLED, t.status());
        assertEquals(50, t.tasks().size());
    }

    @Test
    void tenThousandVirtualThreadsSleepTogether() throws Exception {
        Trace t = Runs.run(spec(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 10_000, 1, false), MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status());
        assertEquals(10_000, t.spans().size());
        // Thousands asleep at once, on a handful of carrier threads (how fast they start is for -Pbench).
        int most = mostAtOnce(t, SpanState.SLEEPING);
        assertTrue(most > 1_000, "at most " + most + " asleep at once");
    }

    @Test
    void theIdealTimeFollowsTheUsableCores() throws Exception {
        Trace seq = Runs.run(spec(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 2, 0.05, false), MACHINE);
        assertEquals(0.1, RunFigures.of(seq).idealSeconds(), 1e-9);
        Trace thr = Runs.run(spec(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.05, false), MACHINE);
        assertEquals(0.05, RunFigures.of(thr).idealSeconds(), 1e-9);
    }

    @Test
    void aBackendThatCannotBeMadeFailsTheRunWithItsReason() throws Exception {
        Trace t = Experiment.start(spec(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.05, false), MACHINE,
                (Backends) s -> {
                    throw new IllegalStateException("no such runtime here");
                }).await(30, TimeUnit.SECONDS);
        assertEquals(TaskStatus.FAILED, t.status());
        assertEquals("no such runtime here", t.message());
    }

    @Test
    void theRunUsesTheBackendItWasGivenForTheSpec() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Trace t = Experiment.start(spec(ExecutionMode.POOL, TaskKind.SLEEP, 2, 0.05, false), MACHINE,
                (Backends) s -> {
                    asked.incrementAndGet();
                    assertEquals(ExecutionMode.POOL, s.mode());
                    return Backends.threads(s.mode());
                }).await(30, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(1, asked.get());
    }
}
