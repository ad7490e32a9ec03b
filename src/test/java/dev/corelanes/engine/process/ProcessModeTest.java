package dev.corelanes.engine.process;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;
import dev.corelanes.engine.WorkerInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process modes end to end, through {@link Experiment}, with real child JVMs. */
@Timeout(240) // a hang guard only: turns a hang into a failure
class ProcessModeTest {

    private static final long MS = 1_000_000;
    /**
     * How far a child's time, mapped to the parent's timeline, may be off: half the best ping round trip
     * (checked exactly against the measured uncertainty in WorkerProcessTest). Generous here, because a
     * round trip on a busy machine is slow; this is a bound on the mapping, not on how fast anything runs.
     */
    private static final long MAPPING_SLACK = 50 * MS;
    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @AfterEach
    void noWorkerLeftBehind() throws InterruptedException {
        List<Long> left = WorkerProcesses.liveWorkers().stream().map(ProcessHandle::pid).toList();
        // Eventually gone: the wait ends as soon as they are; 30 s only turns a leak into a failure.
        assertTrue(WorkerProcesses.allGoneWithin(left, 30_000), "worker processes left: " + left);
    }

    @Test
    void spansArriveLiveAndLineUpWithTheParentClock() throws Exception {
        AtomicReference<RunHandle> handle = new AtomicReference<>();
        List<long[]> heard = new CopyOnWriteArrayList<>(); // {span start, parent time when heard}
        TraceListener listener = new TraceListener() {
            @Override
            public void onOpened(Span s) {
                RunHandle h = handle.get();
                if (h != null && s.state() == SpanState.SLEEPING) {
                    heard.add(new long[]{s.startNanos(), h.elapsedNanos()});
                }
            }
        };
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 1, false);
        RunHandle h = Runs.start(spec, MACHINE, listener);
        handle.set(h);
        Trace t = h.await(30, TimeUnit.SECONDS);

        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(2, heard.size(), "each child's sleep was heard while it was going on");
        List<Span> sleeps = spans(t, SpanState.SLEEPING);
        for (long[] e : heard) {
            // A child's time is never later than when the parent hears of it (up to the mapping's error), and
            // it is heard while the sleep is going on: live, not replayed at the end.
            assertTrue(e[0] <= e[1] + MAPPING_SLACK, "span starts " + (e[0] - e[1]) / 1e6 + " ms after it was heard");
            Span sleep = sleeps.stream().filter(s -> s.startNanos() == e[0]).findFirst().orElseThrow();
            assertTrue(e[1] < sleep.endNanos() + MAPPING_SLACK, "heard only after the 1 s sleep ended");
        }
        List<Span> spawns = spans(t, SpanState.SPAWNING);
        assertEquals(Set.of("P1", "P2"), spawns.stream().map(Span::worker).collect(Collectors.toSet()));
        for (TaskRecord task : t.tasks()) {
            assertEquals("P" + task.id(), task.worker());
            Span spawn = spawns.stream().filter(s -> s.worker().equals(task.worker())).findFirst().orElseThrow();
            assertTrue(spawn.endNanos() <= task.startNanos() + MAPPING_SLACK, "the task starts after its process is up");
            for (Span s : t.spans()) {
                if (s.task() == task.id()) {
                    assertTrue(s.startNanos() >= task.startNanos() && s.endNanos() <= task.endNanos(),
                            "span " + s + " outside task " + task);
                }
            }
        }
        for (WorkerInfo w : t.workers()) {
            assertTrue(w.pid() > 0, "pid of " + w);
            if (ChildWorker.peakRssBytes() > 0) {
                assertTrue(w.peakRssBytes() > 1024 * 1024, "peak RSS of " + w);
            }
        }
        assertTrue(t.cpuNanos() > 0, "child CPU time is counted");
    }

    @Test
    void aPoolOfTwoSpawnsTwiceForEightTasks() throws Exception {
        ExperimentSpec spec = new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.SLEEP, 8, 0.05, 2, false);
        Trace t = Runs.run(spec, MACHINE);

        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        List<Span> spawns = spans(t, SpanState.SPAWNING);
        assertEquals(2, spawns.size());
        assertEquals(Set.of("P1", "P2"), spawns.stream().map(Span::worker).collect(Collectors.toSet()));
        assertEquals(8, t.tasks().size());
        for (TaskRecord task : t.tasks()) {
            assertEquals(TaskStatus.COMPLETED, task.status());
            assertTrue(Set.of("P1", "P2").contains(task.worker()), task.worker());
        }
        assertEquals(2, t.workers().size());
    }

    @Test
    void computeWithTheGilRunsInEachProcessAtOnce() throws Exception {
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2, 0.2, true);
        Trace t = Runs.run(spec, MACHINE);

        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(spans(t, SpanState.GIL_WAIT).isEmpty(), "one lock per process: nobody waits for another's");
        assertTrue(spans(t, SpanState.RUNNING).stream().map(Span::task).collect(Collectors.toSet()).containsAll(Set.of(1, 2)));
    }

    @Test
    void cancelLeavesNoProcessBehind() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(3);
        Set<Long> pids = ConcurrentHashMap.newKeySet();
        TraceListener listener = new TraceListener() {
            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.SLEEPING) {
                    sleeping.countDown();
                }
            }

            @Override
            public void onWorker(WorkerInfo w) {
                pids.add(w.pid());
            }
        };
        RunHandle h = Runs.start(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 3, 20, false),
                MACHINE, listener);
        assertTrue(sleeping.await(100, TimeUnit.SECONDS), "three children sleeping"); // hang guard
        h.cancel();
        Trace t = h.await(60, TimeUnit.SECONDS);

        assertEquals(TaskStatus.CANCELLED, t.status(), t.message());
        assertTrue(t.tasks().stream().allMatch(r -> r.status() == TaskStatus.CANCELLED), t.tasks().toString());
        assertTrue(WorkerProcesses.liveWorkers().isEmpty(), "no worker among this JVM's descendants");
        assertTrue(WorkerProcesses.allGoneWithin(List.copyOf(pids), 1), "pids " + pids + " gone");
    }

    @Test
    void aKilledChildFailsItsTaskAndTheOthersFinish() throws Exception {
        Map<String, Long> pids = new ConcurrentHashMap<>();
        TraceListener killer = new TraceListener() {
            @Override
            public void onWorker(WorkerInfo w) {
                pids.put(w.name(), w.pid());
            }

            @Override
            public void onOpened(Span s) {
                if (s.task() == 1 && s.state() == SpanState.SLEEPING) {
                    ProcessHandle.of(pids.get(s.worker())).ifPresent(ProcessHandle::destroyForcibly); // kill -9
                }
            }
        };
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 1, false), MACHINE, killer);

        assertEquals(TaskStatus.FAILED, t.status());
        TaskRecord killed = t.tasks().get(0);
        assertEquals(TaskStatus.FAILED, killed.status());
        assertTrue(killed.message().contains("died during task 1"), killed.message());
        assertTrue(t.message().startsWith("task 1 failed: worker process P1 (pid "), t.message());
        assertEquals(TaskStatus.COMPLETED, t.tasks().get(1).status(), "the other task finished");
    }

    @Test
    void childrenOfAKilledParentExitByThemselves() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process parent = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), WorkerCommand.MAIN_CLASS, "run", "--mode", "processes",
                "--kind", "sleep", "--tasks", "2", "--seconds", "30")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<Long> children = List.of();
            long deadline = System.nanoTime() + 100_000 * MS; // JVMs start slowly on a loaded machine
            while (children.size() < 2 && parent.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                children = parent.descendants().filter(WorkerProcesses::isWorker).map(ProcessHandle::pid).toList();
            }
            assertEquals(2, children.size(), "the parent started its two workers");
            long killed = System.nanoTime();
            parent.destroyForcibly(); // kill -9: no shutdown hook runs, nobody tells the children
            // Gone long before their 30 s sleeps end: they left by themselves. (How fast is for -Pbench.)
            boolean gone = WorkerProcesses.allGoneWithin(children, 20_000);
            assertTrue(gone, "orphaned workers " + children + " still alive");
            System.out.printf("children of a killed parent gone after %.0f ms%n", (System.nanoTime() - killed) / 1e6);
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    private static List<Span> spans(Trace t, SpanState state) {
        return t.spans().stream().filter(s -> s.state() == state).toList();
    }
}
