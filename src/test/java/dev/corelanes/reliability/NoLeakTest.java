package dev.corelanes.reliability;

import dev.corelanes.runners.Runs;
import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunHandle;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs and cancels in a row leave no thread behind (the quick version of the stress soak). */
class NoLeakTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @Test
    void runsAndCancelsInARowLeaveNoThreadBehind() throws Exception {
        // Warm up every mode once: the JVM keeps a few threads of its own afterwards (virtual-thread
        // carriers and their timer), which are not ours to count.
        for (ExecutionMode m : new ExecutionMode[]{ExecutionMode.THREADS, ExecutionMode.VIRTUAL}) {
            Runs.run(new ExperimentSpec(m, TaskKind.SLEEP, 4, 0.05, 2, false), MACHINE);
            Runs.run(new ExperimentSpec(m, TaskKind.COMPUTE, 4, 0.05, 2, false), MACHINE);
        }
        int baseline = LeakCheck.threads();
        Random random = new Random(42);
        ExecutionMode[] modes = {ExecutionMode.SEQUENTIAL, ExecutionMode.THREADS, ExecutionMode.VIRTUAL, ExecutionMode.POOL};
        for (int i = 0; i < 30; i++) {
            ExecutionMode mode = modes[i % modes.length];
            TaskKind kind = i % 2 == 0 ? TaskKind.COMPUTE : TaskKind.SLEEP;
            ExperimentSpec spec = new ExperimentSpec(mode, kind, 3, 0.05, 2, i % 3 == 0);
            RunHandle h = Runs.start(spec, MACHINE);
            if (i % 3 == 1) {
                Thread.sleep(random.nextInt(40));
                h.cancel();
            }
            Trace t = h.await(10, TimeUnit.SECONDS);
            assertTrue(t.status() == TaskStatus.COMPLETED || t.status() == TaskStatus.CANCELLED, t.message());
            assertEquals(3, t.tasks().size(), "every task is accounted for");
        }
        int after = LeakCheck.threadsSettled(baseline);
        assertTrue(after <= baseline, "threads: " + baseline + " before, " + after + " after 30 runs");
    }
}
