package dev.corelanes.reliability;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Process runs cancelled at random moments — while spawning, computing, sleeping, finishing — leave no
 * process, no thread and no memory behind. The quick version runs in every build; the 100-cycle one
 * under {@code mvn -Pstress verify}.
 */
class ProcessCancelStressTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @Test
    void tenRandomCancelsLeaveNothingBehind() throws Exception {
        cycles(10, 7);
    }

    @Test
    @Tag("stress")
    void aHundredRandomCancelsLeaveNothingBehind() throws Exception {
        cycles(100, 42);
    }

    private static void cycles(int n, long seed) throws Exception {
        // Warm up (JIT, class loading, the JVM's lazily started threads) with complete and cancelled runs.
        for (ExecutionMode m : new ExecutionMode[]{ExecutionMode.PROCESSES, ExecutionMode.PROCESS_POOL}) {
            Runs.run(new ExperimentSpec(m, TaskKind.SLEEP, 3, 0.05, 2, false), MACHINE);
            RunHandle h = Runs.start(new ExperimentSpec(m, TaskKind.COMPUTE, 3, 0.3, 2, false), MACHINE);
            Thread.sleep(200);
            h.cancel();
            h.await(10, TimeUnit.SECONDS);
        }
        int threads0 = LeakCheck.threads();
        long heap0 = LeakCheck.usedHeapAfterGc();
        Random random = new Random(seed);
        int cancelled = 0;
        for (int i = 0; i < n; i++) {
            ExecutionMode mode = i % 2 == 0 ? ExecutionMode.PROCESSES : ExecutionMode.PROCESS_POOL;
            TaskKind kind = i % 3 == 0 ? TaskKind.SLEEP : TaskKind.COMPUTE;
            RunHandle h = Runs.start(new ExperimentSpec(mode, kind, 3, 0.3, 2, i % 4 == 0), MACHINE);
            Thread.sleep(random.nextInt(400)); // anywhere from before the spawn to after the end
            h.cancel();
            Trace t = h.await(60, TimeUnit.SECONDS); // a hang guard only
            assertTrue(t.status() == TaskStatus.CANCELLED || t.status() == TaskStatus.COMPLETED,
                    "cycle " + i + ": " + t.status() + " " + t.message());
            assertEquals(3, t.tasks().size());
            cancelled += t.status() == TaskStatus.CANCELLED ? 1 : 0;
            assertTrue(noChildWithin(30_000), "a child outlived cancel in cycle " + i); // eventually: no time limit
        }
        int threads1 = LeakCheck.threadsSettled(threads0);
        long heap1 = LeakCheck.usedHeapAfterGc();
        System.out.printf("process cancel cycles: %d (%d cancelled mid-run), threads %d → %d, heap %.1f → %.1f MiB%n",
                n, cancelled, threads0, threads1, heap0 / 1048576.0, heap1 / 1048576.0);
        assertTrue(cancelled > 0, "no cycle was cancelled mid-run");
        assertTrue(threads1 <= threads0, "threads grew: " + threads0 + " → " + threads1);
        assertTrue(heap1 <= heap0 + Math.max(heap0 / 10, 4L << 20), "heap grew: " + heap0 + " → " + heap1);
    }

    private static boolean noChildWithin(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.current().children().noneMatch(ProcessCancelStressTest::aRunsChild)) {
                return true;
            }
            Thread.sleep(10);
        }
        return ProcessHandle.current().children().noneMatch(ProcessCancelStressTest::aRunsChild);
    }

    /**
     * A live child that belongs to a run: not the worker start-up cache's trainer or assembler, which a run
     * starts after it ends, in the background and bounded by its own budget (with two busy loops and a build
     * beside it, assembling took over 30 s here); it is not the run's to cancel.
     */
    private static boolean aRunsChild(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        String cmd = h.info().commandLine().orElse("");
        return !(cmd.contains("-XX:AOTMode=") || cmd.contains(" --worker --train") || cmd.contains("-XX:ArchiveClassesAtExit"));
    }
}
