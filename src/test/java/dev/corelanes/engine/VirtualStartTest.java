package dev.corelanes.engine;

import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The virtual-thread scheduler started before a run's clock is not one of the run's workers or tasks. */
class VirtualStartTest {

    @Test
    void aVirtualRunHasExactlyItsOwnThreads() throws InterruptedException {
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 200, 0.05, false),
                MachineInfo.fromJvm());

        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        Set<String> expected = IntStream.rangeClosed(1, 200).mapToObj(i -> "V" + i).collect(Collectors.toSet());
        assertEquals(expected, t.workers().stream().map(WorkerInfo::name).collect(Collectors.toSet()));
        assertEquals(200, t.tasks().size());
        assertTrue(t.tasks().stream().allMatch(r -> r.status() == TaskStatus.COMPLETED));
        assertTrue(t.tasks().stream().allMatch(r -> r.startNanos() >= 0), "no task starts before the run's clock");
    }
}
