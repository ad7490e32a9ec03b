package dev.corelanes.engine.process;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanSink;
import dev.corelanes.engine.SpanState;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.WorkerInfo;
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
    private final SpanSink sink = spans::add;
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
        String message = assertThrows(WorkerFailure.class, () -> w.runTask(1)).getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith("worker process " + how + " (pid "), message);
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
        assertThrows(WorkerFailure.class, () -> w.handshake("config 1 sleep 1 0"));
        stopper.join();
        assertFalse(ProcessHandle.of(w.pid()).map(ProcessHandle::isAlive).orElse(false));
    }
}
