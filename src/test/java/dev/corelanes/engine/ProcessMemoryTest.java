package dev.corelanes.engine;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The peak memory of a run's worker processes, as the command line prints it, from constructed runs. */
class ProcessMemoryTest {

    private static Trace run(TaskStatus status, WorkerInfo... workers) {
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, workers.length, 0.1, false);
        MachineInfo m = new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 33, "TestOS", "Java", 2, List.of(), List.of());
        return new Trace(spec, m, new Calibration(1_000_000L, 10), Instant.parse("2026-11-30T09:00:00Z"),
                1_000_000_000L, 1_000_000_000L, status, "", List.of(), List.of(workers), List.of(), 0);
    }

    @Test
    void theRangeOfTheProcessesPeaksAndHowManySaidIt() {
        ProcessMemory m = ProcessMemory.of(run(TaskStatus.COMPLETED, new WorkerInfo("P1", 11, 15 << 20),
                new WorkerInfo("P2", 12, 17 << 20), new WorkerInfo("P3", 13, -1), WorkerInfo.thread("T1")));
        assertEquals(new ProcessMemory(3, 2, 15 << 20, 17 << 20), m);
        assertEquals("peak resident 15.0 MiB–17.0 MiB per worker process (2 of 3 measured)", m.describe(TaskStatus.COMPLETED));
        assertEquals("peak resident 14.2 MiB per worker process (2 of 2 measured)", ProcessMemory.of(run(
                TaskStatus.COMPLETED, new WorkerInfo("P1", 11, 14_876_672), new WorkerInfo("P2", 12, 14_880_000)))
                .describe(TaskStatus.COMPLETED));
    }

    @Test
    void saysWhyThereIsNoFigure() {
        Trace unmeasured = run(TaskStatus.COMPLETED, new WorkerInfo("P1", 11, -1));
        assertEquals("peak resident memory of the worker processes: not measured on this OS",
                ProcessMemory.of(unmeasured).describe(TaskStatus.COMPLETED));
        assertEquals("peak resident memory of the worker processes: not measured (the run did not complete)",
                ProcessMemory.of(run(TaskStatus.CANCELLED, new WorkerInfo("P1", 11, -1))).describe(TaskStatus.CANCELLED));
        assertEquals("", ProcessMemory.of(run(TaskStatus.COMPLETED, WorkerInfo.thread("T1"))).describe(TaskStatus.COMPLETED),
                "threads share their process's memory: no line");
    }
}
