package dev.corelanes.engine.python;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.Experiment;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.TraceListener;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.child.TaskDeadlines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Python process frozen by {@code kill -STOP} — the interpreter itself or one multiprocessing child — fails
 * its run at the workload's deadline, the same deadline a JVM worker has, naming the stopped process; nothing is
 * left behind. The deadlines are made short here (4 × the task + 1 s); what is asserted is the outcome.
 */
@Timeout(120)
class PythonFaultsTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();
    private static final TaskDeadlines QUICK = new TaskDeadlines(30_000, 4, 1_000);

    @AfterEach
    void nothingLeftBehind() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        while (!left.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(50);
            left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        }
        assertTrue(left.isEmpty(), "processes left: " + left);
    }

    private static void needsKillAndProc() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc")) && (Files.isExecutable(Path.of("/bin/kill"))
                || Files.isExecutable(Path.of("/usr/bin/kill"))), "needs kill and /proc (Linux)");
    }

    private static void stop(long pid) {
        try {
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Trace run(ExperimentSpec spec, TraceListener l) throws Exception {
        PythonBackend backend = new PythonBackend(new PythonChoice(Pythons.python3(), ""), QUICK);
        return Experiment.start(spec, MACHINE, backend, l).await(90, TimeUnit.SECONDS);
    }

    @Test
    void aStoppedInterpreterFailsTheRunAtTheTaskDeadline() throws Exception {
        needsKillAndProc();
        AtomicBoolean stopped = new AtomicBoolean();
        TraceListener freezer = new TraceListener() {
            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.SLEEPING && stopped.compareAndSet(false, true)) {
                    // The interpreter: this JVM's child that runs the experiment's program.
                    ProcessHandle.current().children().filter(h -> h.info().arguments().map(List::of)
                            .orElse(List.of()).contains("--corelanes")).forEach(h -> stop(h.pid()));
                }
            }
        };
        Trace t = run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.5, false), freezer);
        assertTrue(stopped.get());
        assertEquals(TaskStatus.FAILED, t.status(), t.message());
        assertTrue(t.message().matches("CPython .* \\(pid \\d+\\) did not finish task \\d within 3 s \\(the deadline "
                + "for this workload\\); the interpreter \\(pid \\d+\\) was stopped by a signal \\(e\\.g\\. SIGSTOP\\); "
                + "it was killed"), t.message());
        assertFalse(t.message().contains("\n"));
        assertTrue(t.tasks().stream().allMatch(r -> r.status() == TaskStatus.FAILED), t.tasks().toString());
    }

    @Test
    void aStoppedMultiprocessingChildFailsTheRunAndTheOtherTaskFinishes() throws Exception {
        needsKillAndProc();
        Map<String, Long> pids = new ConcurrentHashMap<>();
        AtomicBoolean stopped = new AtomicBoolean();
        TraceListener freezer = new TraceListener() {
            @Override
            public void onWorker(WorkerInfo w) {
                pids.put(w.name(), w.pid());
            }

            @Override
            public void onOpened(Span s) {
                if (s.state() == SpanState.SLEEPING && s.worker().equals("P1") && stopped.compareAndSet(false, true)) {
                    stop(pids.get("P1"));
                }
            }
        };
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 0.5, false), freezer);
        assertTrue(stopped.get());
        assertEquals(TaskStatus.FAILED, t.status(), t.message());
        assertTrue(t.message().contains("did not finish task 1 within 3 s (the deadline for this workload); process P1 "
                + "(pid " + pids.get("P1") + ") was stopped by a signal (e.g. SIGSTOP); it was killed"), t.message());
        TaskRecord one = t.tasks().stream().filter(r -> r.id() == 1).findFirst().orElseThrow();
        TaskRecord two = t.tasks().stream().filter(r -> r.id() == 2).findFirst().orElseThrow();
        assertEquals(TaskStatus.FAILED, one.status());
        assertEquals(TaskStatus.COMPLETED, two.status(), "the other process was not stopped");
    }
}
