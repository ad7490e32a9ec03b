package dev.corelanes.reliability;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 200 consecutive runs: memory does not creep up and threads do not pile up. {@code mvn -Pstress verify}. */
@Tag("stress")
class SoakStressTest {

    @Test
    void twoHundredRunsInARow() throws Exception {
        MachineInfo machine = MachineInfo.fromJvm();
        ExecutionMode[] modes = {ExecutionMode.SEQUENTIAL, ExecutionMode.THREADS, ExecutionMode.VIRTUAL, ExecutionMode.POOL};
        for (int i = 0; i < 8; i++) { // warm-up: JIT, class loading
            Runs.run(new ExperimentSpec(modes[i % 4], TaskKind.COMPUTE, 4, 0.05, 2, i % 2 == 0), machine);
        }
        int threads0 = LeakCheck.threads();
        long heap0 = LeakCheck.usedHeapAfterGc();
        for (int i = 0; i < 200; i++) {
            TaskKind kind = i % 2 == 0 ? TaskKind.COMPUTE : TaskKind.SLEEP;
            int tasks = modes[i % 4] == ExecutionMode.VIRTUAL && kind == TaskKind.SLEEP ? 1000 : 4;
            Trace t = Runs.run(new ExperimentSpec(modes[i % 4], kind, tasks, 0.05, 2, i % 5 == 0), machine);
            assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        }
        long heap1 = LeakCheck.usedHeapAfterGc();
        int threads1 = LeakCheck.threadsSettled(threads0);
        System.out.printf("soak: heap after GC %.1f → %.1f MiB, threads %d → %d%n", heap0 / 1048576.0,
                heap1 / 1048576.0, threads0, threads1);
        assertTrue(threads1 <= threads0, "threads grew: " + threads0 + " → " + threads1);
        // 10 % of the baseline, with a 2 MiB floor for GC noise on a small heap.
        assertTrue(heap1 <= heap0 + Math.max(heap0 / 10, 2L << 20), "heap grew: " + heap0 + " → " + heap1);
    }
}
