package dev.corelanes.engine.process;

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
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs whose workers fail, through {@link Experiment} like every run: a failed worker is never a cancel,
 * the run ends {@code failed} with the cause, a pool keeps the real cause, a crash at start with the
 * start-up cache is retried once without it, and a frozen worker misses its deadline.
 */
@Timeout(60)
class ProcessFailureTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();
    private static final dev.corelanes.engine.child.TaskDeadlines QUICK = new dev.corelanes.engine.child.TaskDeadlines(30_000, 4, 1_000);

    @AfterEach
    void noWorkerLeftBehind() throws InterruptedException {
        List<Long> left = WorkerProcesses.liveWorkers().stream().map(ProcessHandle::pid).toList();
        assertTrue(WorkerProcesses.allGoneWithin(left, 2_000), "worker processes left: " + left);
    }

    /** A cache that is never there and never built. */
    private static final class NoCache implements StartupCache.Use {
        final List<String> flags;
        final List<String> discarded = new CopyOnWriteArrayList<>();

        NoCache(List<String> flags) {
            this.flags = flags;
        }

        @Override
        public List<String> flags() {
            return discarded.isEmpty() ? flags : List.of();
        }

        @Override
        public void discard(String why) {
            discarded.add(why);
        }

        @Override
        public void prepare() {
            // tests build no cache
        }
    }

    private static Trace run(ExperimentSpec spec, ProcessBackend backend, TraceListener... l) throws Exception {
        return Experiment.start(spec, MACHINE, backend, l).await(50, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"garbage", "error", "segv", "abort", "silent-exit"})
    void aFailingWorkerFailsTheRunAndIsNeverCancelled(String how) throws Exception {
        if (how.equals("abort")) {
            Needs.posixSignals(); // the child aborts itself with kill -ABRT
        }
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 0.1, false),
                new ProcessBackend(command(how), new NoCache(List.of()), QUICK));
        assertEquals(TaskStatus.FAILED, t.status(), t.message());
        for (TaskRecord r : t.tasks()) {
            assertEquals(TaskStatus.FAILED, r.status(), r.toString());
            assertFalse(r.message().isBlank(), r.toString());
            assertFalse(r.message().contains("\n"), "one line: " + r.message());
        }
        assertTrue(t.message().startsWith("task "), t.message());
        cleanCrashReports(t);
    }

    @Test
    void theTaskDeadlineComesFromTheWorkload() {
        dev.corelanes.engine.child.TaskDeadlines d = dev.corelanes.engine.child.TaskDeadlines.DEFAULT;
        // a sleep task takes its seconds wherever it runs: 4 × 2 s + 10 s
        assertEquals(18_000, d.taskMillis(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 8, 2, false), 2));
        // 8 compute processes on 2 cores: each gets a quarter of a core, so 4 × (4 × 1 s) + 10 s
        assertEquals(26_000, d.taskMillis(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 8, 1, false), 2));
        // a pool of 2 on 2 cores: each task gets a whole core
        assertEquals(14_000, d.taskMillis(new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.COMPUTE, 8, 1, 2, false), 2));
    }

    @Test
    void aPoolWhoseWorkersAllFailKeepsTheRealCause() throws Exception {
        Trace t = run(new ExperimentSpec(ExecutionMode.PROCESS_POOL, TaskKind.SLEEP, 6, 0.05, 2, false),
                new ProcessBackend(command("silent-exit"), new NoCache(List.of()), QUICK));
        assertEquals(TaskStatus.FAILED, t.status());
        assertTrue(t.message().contains("died while starting (exit code 3)"), t.message());
        assertTrue(t.message().contains("something went badly wrong in the child"), t.message());
        for (TaskRecord r : t.tasks()) {
            assertEquals(TaskStatus.FAILED, r.status());
            assertTrue(r.message().contains("died while starting"), r.message());
        }
    }

    @Test
    void aWorkerThatCrashesAtStartWithTheCacheIsRetriedWithoutItAndTheCacheIsRemoved() throws Exception {
        NoCache cache = new NoCache(List.of("-D" + MisbehavingWorker.FAKE_CACHE_PROPERTY + "=1"));
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 1, 0.05, false),
                new ProcessBackend(command("normal"), cache, QUICK));
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(1, cache.discarded.size(), "the cache is removed once");
        assertTrue(cache.discarded.get(0).contains("An error has occurred while processing the AOT cache"),
                cache.discarded.get(0));
    }

    @Test
    void aTaskThatNeverEndsFailsAtTheWorkloadDeadline() throws Exception {
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 1, 0.1, false),
                new ProcessBackend(command("freeze"), new NoCache(List.of()), QUICK));
        assertEquals(TaskStatus.FAILED, t.status());
        // 4 × 0.1 s + 1 s of slack
        assertTrue(t.message().contains("did not finish task 1 within 1.4 s (the deadline for this workload)"),
                t.message());
        assertEquals(TaskStatus.FAILED, t.tasks().get(0).status());
    }

    @Test
    void aFrozenRealWorkerFailsWithItsReasonAndTheOtherTaskFinishes() throws Exception {
        Needs.posixSignals(); // kill -STOP
        Map<String, Long> pids = new ConcurrentHashMap<>();
        TraceListener freezer = new TraceListener() {
            @Override
            public void onWorker(WorkerInfo w) {
                pids.put(w.name(), w.pid());
            }

            @Override
            public void onOpened(Span s) {
                if (s.task() == 1 && s.state() == SpanState.SLEEPING) {
                    signal("STOP", pids.get(s.worker()));
                }
            }
        };
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 0.3, false),
                new ProcessBackend(WorkerCommand.forThisJvm(), new NoCache(List.of()), QUICK), freezer);
        assertEquals(TaskStatus.FAILED, t.status(), t.message());
        TaskRecord frozen = t.tasks().stream().filter(r -> r.id() == 1).findFirst().orElseThrow();
        assertEquals(TaskStatus.FAILED, frozen.status());
        assertTrue(frozen.message().contains("did not finish task 1 within")
                && frozen.message().contains("stopped by a signal"), frozen.message());
        assertEquals(TaskStatus.COMPLETED, t.tasks().stream().filter(r -> r.id() == 2).findFirst().orElseThrow().status());
    }

    @Test
    void cancelStillWorksOnAFrozenWorkerAndIsACancel() throws Exception {
        Needs.posixSignals(); // kill -STOP
        Map<String, Long> pids = new ConcurrentHashMap<>();
        CountDownLatch frozen = new CountDownLatch(1);
        TraceListener freezer = new TraceListener() {
            @Override
            public void onWorker(WorkerInfo w) {
                pids.put(w.name(), w.pid());
            }

            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.SLEEPING) {
                    signal("STOP", pids.get(s.worker()));
                    frozen.countDown();
                }
            }
        };
        RunHandle h = Experiment.start(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 1, 20, false),
                MACHINE, new ProcessBackend(WorkerCommand.forThisJvm(), new NoCache(List.of()),
                        dev.corelanes.engine.child.TaskDeadlines.DEFAULT), freezer);
        assertTrue(frozen.await(30, TimeUnit.SECONDS));
        h.cancel();
        Trace t = h.await(30, TimeUnit.SECONDS);
        assertEquals(TaskStatus.CANCELLED, t.status(), t.message());
        assertEquals(TaskStatus.CANCELLED, t.tasks().get(0).status());
    }

    private static WorkerCommand command(String how) {
        return WorkerCommand.forThisJvm().withMainClass(MisbehavingWorker.class.getName())
                .withJvmArgs(List.of("-D" + MisbehavingWorker.HOW_PROPERTY + "=" + how));
    }

    private static void signal(String sig, Long pid) {
        try {
            new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void cleanCrashReports(Trace t) throws java.io.IOException {
        for (WorkerInfo w : t.workers()) {
            java.nio.file.Path r = WorkerCommand.crashReport(w.pid());
            if (r != null) {
                java.nio.file.Files.deleteIfExists(r);
            }
        }
    }
}
