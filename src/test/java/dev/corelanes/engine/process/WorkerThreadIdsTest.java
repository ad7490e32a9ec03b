package dev.corelanes.engine.process;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import dev.corelanes.engine.WorkerInfo;
import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.platform.Os;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every Java runtime names the OS thread that ran each worker's tasks (issue 28 item 4), and the run file keeps it:
 * threads and pools of this JVM, each worker JVM's task thread (told in its hello); virtual threads have none.
 */
@Timeout(120)
class WorkerThreadIdsTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @AfterEach
    void noWorkerLeftBehind() throws InterruptedException {
        List<Long> left = WorkerProcesses.liveWorkers().stream().map(ProcessHandle::pid).toList();
        assertTrue(WorkerProcesses.allGoneWithin(left, 30_000), "worker processes left: " + left);
    }

    private static Trace run(ExperimentSpec spec) throws Exception {
        Trace t = Runs.start(spec, MACHINE).await(90, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        return t;
    }

    @Test
    void threadsAndPoolWorkersAreThreadsOfThisJvm() throws Exception {
        assumeTrue(Os.current().isLinux(), "thread ids are read on Linux");
        long me = ProcessHandle.current().pid();
        for (ExperimentSpec spec : List.of(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 3, 0.05, false),
                new ExperimentSpec(ExecutionMode.POOL, TaskKind.SLEEP, 4, 0.05, 2, false))) {
            List<WorkerInfo> w = run(spec).workers();
            assertTrue(w.stream().allMatch(x -> x.tidKnown() && x.pid() == me), spec.mode() + ": " + w);
            assertEquals(w.size(), w.stream().mapToLong(WorkerInfo::tid).distinct().count(), "own threads: " + w);
            assertTrue(w.stream().noneMatch(x -> x.tid() == me), "not the JVM's first thread: " + w);
        }
    }

    @Test
    void virtualThreadsHaveNoThreadIdOfTheirOwnButTheirProcessIsThisJvm() throws Exception {
        List<WorkerInfo> w = run(ExperimentSpec.of(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 3, 0.05, false)).workers();
        assertEquals(3, w.size());
        assertTrue(w.stream().noneMatch(WorkerInfo::tidKnown), "a carrier's id would be another thread's: " + w);
        long me = ProcessHandle.current().pid();
        assertTrue(w.stream().allMatch(x -> x.pid() == me), "the kernel's record names their carriers by it: " + w);
    }

    @Test
    void aWorkerJvmTellsItsTaskThreadAndTheRunFileKeepsIt(@TempDir Path dir) throws Exception {
        assumeTrue(Os.current().isLinux(), "thread ids are read on Linux");
        Trace t = run(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.SLEEP, 2, 0.05, false));
        List<WorkerInfo> w = t.workers();
        assertEquals(2, w.size(), w.toString());
        for (WorkerInfo x : w) {
            assertTrue(x.pid() > 0 && x.tidKnown(), x.toString());
            // The java launcher runs main() on a thread of its own, not the process's first one.
            assertNotEquals(x.pid(), x.tid(), x.toString());
            assertTrue(x.peakRssBytes() > 0, "its bye kept the thread id: " + x);
        }
        Path file = dir.resolve("run.json");
        RunFile.write(t, file);
        assertEquals(w.stream().sorted(java.util.Comparator.comparing(WorkerInfo::name)).toList(),
                RunFile.read(file).workers().stream().sorted(java.util.Comparator.comparing(WorkerInfo::name))
                        .toList());
    }
}
