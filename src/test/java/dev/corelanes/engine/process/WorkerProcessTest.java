package dev.corelanes.engine.process;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanSink;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.fixtures.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One real child process driven directly: clock mapping, and children that break the protocol. */
@Timeout(120) // a hang guard only
class WorkerProcessTest {

    private static final long MS = 1_000_000;
    private final long origin = System.nanoTime();
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<WorkerInfo> infos = new CopyOnWriteArrayList<>();
    private final List<dev.corelanes.engine.SampleBatch> samples = new CopyOnWriteArrayList<>();
    private final SpanSink sink = new SpanSink() {
        @Override
        public void accept(Span span) {
            spans.add(span);
        }

        @Override
        public void samples(dev.corelanes.engine.SampleBatch batch) {
            samples.add(batch);
        }
    };
    private WorkerProcess worker;

    private long now() {
        return System.nanoTime() - origin;
    }

    private WorkerProcess worker(String name, String mainClass) {
        worker = new WorkerProcess(name, WorkerCommand.forThisJvm().withMainClass(mainClass), this::now, sink, infos::add);
        return worker;
    }

    @AfterEach
    void noChildLeft() throws InterruptedException {
        if (worker != null) {
            worker.close();
            // Eventually gone; 30 s only turns a leak into a failure.
            assertTrue(WorkerProcesses.allGoneWithin(List.of(worker.pid()), 30_000), "child still alive");
        }
    }

    @Test
    void coreSamplesOfAChildWithAnotherClockArriveOnTheParentsTimeline() throws Exception {
        WorkerProcess w = worker("S2", SkewedClockWorker.class.getName());
        w.start();
        w.handshake(WorkerProtocol.config(100_000_000, TaskKind.COMPUTE, 0.05, false));
        System.out.printf("clock offset measured to within %.3f ms (best of at most %d pings; machine shared)%n",
                w.clockUncertaintyNanos() / 1e6, WorkerProcess.PINGS);
        long before = now();
        WorkerProcess.TaskResult r = w.runTask(1);
        long after = now();
        assertEquals(TaskStatus.COMPLETED, r.status());
        List<dev.corelanes.engine.CoreSample> all = samples.stream().flatMap(b -> b.samples().stream()).toList();
        assertTrue(all.size() >= 10, "about one sample per millisecond of work: " + all.size());
        samples.forEach(b -> assertEquals(1, b.task()));
        assertEquals(dev.corelanes.engine.CoreSample.Kind.BEGIN, all.get(0).kind());
        assertEquals(dev.corelanes.engine.CoreSample.Kind.END, all.get(all.size() - 1).kind());
        // The child's clock is 7 s ahead; its samples land within the task as the parent saw it.
        for (dev.corelanes.engine.CoreSample c : all) {
            assertTrue(c.nanos() >= before - 2 * MS && c.nanos() <= after + 2 * MS, c + " outside " + before + ".." + after);
        }
        w.finish();
    }

    @Test
    void aChildWithAnotherClockStillLinesUpWithTheParent() throws Exception {
        WorkerProcess w = worker("S1", SkewedClockWorker.class.getName());
        w.start();
        w.handshake(WorkerProtocol.config(1_000_000, TaskKind.SLEEP, 0.1, false));
        // The offset was measured, not assumed: the child's 7 s lead (plus where this timeline starts on the
        // shared monotonic clock), to within the round trip.
        long error = Math.abs(w.clockOffsetNanos() - (SkewedClockWorker.SKEW_NANOS + origin));
        assertTrue(error <= w.clockUncertaintyNanos() + 2 * MS, "offset off by " + error / 1e6 + " ms");

        long before = now();
        WorkerProcess.TaskResult r = w.runTask(1);
        long after = now();
        assertEquals(TaskStatus.COMPLETED, r.status());
        // Everything the child timed falls inside the window the parent saw, give or take the mapping's error.
        long slack = w.clockUncertaintyNanos() + 2 * MS;
        assertTrue(r.startNanos() >= before - slack && r.endNanos() <= after + slack,
                "task " + r.startNanos() + ".." + r.endNanos() + " outside " + before + ".." + after);
        Span sleep = spans.stream().filter(s -> s.state() == SpanState.SLEEPING).findFirst().orElseThrow();
        assertTrue(sleep.startNanos() >= r.startNanos() && sleep.endNanos() <= r.endNanos());
        assertTrue(sleep.durationNanos() >= 95 * MS, "slept " + sleep.durationNanos() / 1e6 + " ms");

        Span spawn = spans.stream().filter(s -> s.state() == SpanState.SPAWNING).findFirst().orElseThrow();
        assertEquals(Span.NO_TASK, spawn.task());
        assertTrue(spawn.endNanos() <= before, "spawning ends at hello, before the task");
        assertTrue(w.finish() >= 0, "a child reports its CPU time at bye");
        WorkerInfo last = infos.get(infos.size() - 1);
        assertEquals(w.pid(), last.pid());
        if (ChildWorker.peakRssBytes() > 0) {
            assertTrue(last.peakRssBytes() > 1024 * 1024, "peak RSS " + last.peakRssBytes());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "garbage      | broke the worker protocol: unknown message 'W@RNING",
            "huge         | broke the worker protocol: line longer than 64 KiB",
            "wrong-task   | broke the worker protocol: start of task 2 while running task 1",
            "out-of-order | broke the worker protocol: end of task 1 outside a task",
            "bad-numbers  | broke the worker protocol: span ends before it starts",
            "empty        | broke the worker protocol: empty line",
            "error        | reported an error: could not read the core",
    })
    void aMisbehavingChildFailsItsTaskClearly(String how, String expected) throws Exception {
        WorkerProcess w = worker(how, MisbehavingWorker.class.getName());
        w.start();
        w.handshake(WorkerProtocol.config(1_000_000, TaskKind.SLEEP, 0.1, false));
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> w.runTask(1));
        String message = f.getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith("worker process " + how + " (pid "), message);
        assertFalse(f.byStop(), "a misbehaving child is a failure, never a cancel");
        assertFalse(w.stopRequested(), "the parent killed it for a fault, the user did not stop it");
    }

    @Test
    void aChildThatCrashesOnSigsegvSaysSoAndLeavesItsReportOutOfTheCurrentFolder() throws Exception {
        Needs.posixSignals(); // the message names the signal; Windows reports an exception code instead
        java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
        WorkerProcess w = worker("segv", MisbehavingWorker.class.getName());
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> {
            w.start();
            w.handshake("config 1 sleep 1 0");
        });
        String message = f.getMessage();
        assertFalse(f.byStop());
        assertTrue(message.contains("crashed (SIGSEGV) while starting"), message);
        java.nio.file.Path report = WorkerCommand.crashReport(w.pid());
        try {
            assertTrue(report != null && message.endsWith("crash report: " + report), message);
            assertFalse(report.startsWith(cwd) && report.getParent().equals(cwd), "report in the current folder");
            assertFalse(java.nio.file.Files.exists(cwd.resolve("hs_err_pid" + w.pid() + ".log")));
        } finally {
            if (report != null) {
                java.nio.file.Files.deleteIfExists(report);
            }
        }
    }

    @Test
    void aChildKilledBySigabrtIsAFailureThatNamesTheSignal() {
        Needs.posixSignals(); // the child aborts itself with kill -ABRT
        WorkerProcess w = worker("abort", MisbehavingWorker.class.getName());
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> {
            w.start();
            w.handshake("config 1 sleep 1 0");
        });
        assertFalse(f.byStop());
        assertTrue(f.getMessage().contains("(killed by SIGABRT)"), f.getMessage());
    }

    @Test
    void aChildThatDoesNotStartInTimeFailsAndIsNotCancelled() {
        WorkerProcess w = worker("mute", MisbehavingWorker.class.getName());
        w.startupTimeout(500);
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> {
            w.start();
            w.handshake("config 1 sleep 1 0");
        });
        assertFalse(f.byStop());
        assertTrue(f.getMessage().contains("did not start within 0.5 s (no hello line); it was killed"), f.getMessage());
    }

    @Test
    void aTaskThatNeverEndsMissesItsDeadlineAndFails() throws Exception {
        WorkerProcess w = worker("freeze", MisbehavingWorker.class.getName());
        w.start();
        w.handshake(WorkerProtocol.config(1_000_000, TaskKind.SLEEP, 0.1, false));
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> w.within(500, "did not finish task 1 within 0.5 s",
                () -> w.runTask(1)));
        assertFalse(f.byStop());
        assertTrue(f.getMessage().contains("did not finish task 1 within 0.5 s; it was killed"), f.getMessage());
    }

    @Test
    void aFrozenChildIsNamedAsStoppedBySignalWhenItsDeadlinePasses() throws Exception {
        Needs.posixSignals(); // kill -STOP
        WorkerProcess w = worker("P1", WorkerCommand.MAIN_CLASS);
        w.start();
        w.handshake(WorkerProtocol.config(1_000_000, TaskKind.SLEEP, 5, false));
        new ProcessBuilder("kill", "-STOP", Long.toString(w.pid())).start().waitFor();
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> w.within(1_000, "did not finish task 1 within 1 s",
                () -> w.runTask(1)));
        assertFalse(f.byStop());
        assertTrue(f.getMessage().contains("(it was stopped by a signal, e.g. SIGSTOP); it was killed"), f.getMessage());
    }

    @Test
    void cancellingAFrozenChildStillWorksAndIsACancel() throws Exception {
        Needs.posixSignals(); // kill -STOP
        WorkerProcess w = worker("P1", WorkerCommand.MAIN_CLASS);
        w.start();
        w.handshake(WorkerProtocol.config(1_000_000, TaskKind.SLEEP, 5, false));
        new ProcessBuilder("kill", "-STOP", Long.toString(w.pid())).start().waitFor();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // test ends
            }
            w.stop();
        });
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> w.runTask(1));
        assertTrue(f.byStop(), f.getMessage());
    }

    @Test
    void childrenGetNoJvmOptionsFromTheEnvironment() {
        ProcessBuilder pb = WorkerCommand.forThisJvm().builder("P1", List.of());
        for (String v : WorkerCommand.JVM_OPTION_VARIABLES) {
            assertFalse(pb.environment().containsKey(v), v);
        }
        assertTrue(pb.command().stream().anyMatch(a -> a.startsWith("-XX:ErrorFile=")), pb.command().toString());
    }

    @Test
    void aChildThatDiesAtStartupSaysWhy() {
        WorkerProcess w = worker("silent-exit", MisbehavingWorker.class.getName());
        String message = assertThrows(WorkerFailure.class, () -> {
            w.start();
            w.handshake("config 1 sleep 1 0");
        }).getMessage();
        assertTrue(message.contains("died while starting (exit code 3)"), message);
        assertTrue(message.contains("something went badly wrong in the child"), message);
    }

    @Test
    void aMuteChildIsStoppedNotWaitedForForever() throws Exception {
        WorkerProcess w = worker("mute", MisbehavingWorker.class.getName());
        w.start();
        Thread stopper = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // test ends
            }
            w.stop();
        });
        WorkerFailure f = assertThrows(WorkerFailure.class, () -> w.handshake("config 1 sleep 1 0"));
        assertTrue(f.byStop(), "the user's stop is a cancel: " + f.getMessage());
        stopper.join();
        assertFalse(ProcessHandle.of(w.pid()).map(ProcessHandle::isAlive).orElse(false));
    }
}
