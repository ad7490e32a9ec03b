package dev.corelanes.engine;

import dev.corelanes.engine.files.RunFile;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentSpecTest {

    @ParameterizedTest(name = "{0} {1} × {2} tasks, {3} s, {4} workers is refused")
    @CsvSource({
            "threads, compute, 1025, 1, 1",
            "threads, sleep, 1025, 1, 1",
            "virtual, sleep, 100001, 1, 1",
            "pool, compute, 1025, 1, 4",
            "sequential, compute, 0, 1, 1",
            "threads, sleep, -3, 1, 1",
            "threads, sleep, 2, 0.049, 1",
            "threads, sleep, 2, 30.01, 1",
            "threads, sleep, 2, NaN, 1",
            "pool, sleep, 2, 1, 0",
            "pool, sleep, 2, 1, 257",
            "processes, sleep, 65, 1, 1",
            "process-pool, sleep, 8, 1, 65",
    })
    void outOfRangeValuesAreRefusedWithAMessage(String mode, String kind, int tasks, double seconds, int workers) {
        SpecException e = assertThrows(SpecException.class, () -> new ExperimentSpec(ExecutionMode.parse(mode),
                TaskKind.parse(kind), tasks, seconds, workers, false));
        assertTrue(e.getMessage().endsWith(".") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1} × {2} tasks is accepted")
    @CsvSource({
            "threads, compute, 1024",
            "virtual, sleep, 100000",
            "virtual, compute, 100000",
            "pool, sleep, 100000",
            "sequential, compute, 1",
            "processes, compute, 64",
    })
    void limitsAreInclusive(String mode, String kind, int tasks) {
        ExperimentSpec s = new ExperimentSpec(ExecutionMode.parse(mode), TaskKind.parse(kind), tasks, 0.05, 2, false);
        assertEquals(tasks, s.tasks());
    }

    @Test
    void nonPooledModesImplyTheirWorkers() {
        assertEquals(7, new ExperimentSpec(ExecutionMode.THREADS, TaskKind.SLEEP, 7, 1, 99, false).workers());
        assertEquals(1, new ExperimentSpec(ExecutionMode.SEQUENTIAL, TaskKind.SLEEP, 7, 1, 99, false).workers());
        assertEquals(3, new ExperimentSpec(ExecutionMode.POOL, TaskKind.SLEEP, 7, 1, 3, false).workers());
    }

    @Test
    void unknownNamesSayWhatIsAllowed() {
        SpecException e = assertThrows(SpecException.class, () -> ExecutionMode.parse("fibers"));
        assertTrue(e.getMessage().contains("process-pool"), e.getMessage());
        assertThrows(SpecException.class, () -> TaskKind.parse("io"));
    }

    @Test
    void describesItselfInOneLine() {
        assertEquals("4 compute tasks × 1 s · pool (2 workers) · GIL",
                new ExperimentSpec(ExecutionMode.POOL, TaskKind.COMPUTE, 4, 1, 2, true).describe());
    }

    @ParameterizedTest(name = "{0} {1} {2} × {3} s (workers {4}) is over the run-time cap")
    @CsvSource({
            "threads, compute, 1024, 30, 1",
            "sequential, sleep, 100000, 30, 1",
            "pool, sleep, 100000, 30, 256",
            "virtual, compute, 100000, 0.1, 1",
            "process-pool, compute, 1024, 8, 64",
    })
    void aRunThatCouldTakeLongerThanTheCapIsRefused(String mode, String kind, int tasks, double seconds, int workers) {
        ExperimentSpec recorded = new ExperimentSpec(ExecutionMode.parse(mode), TaskKind.parse(kind), tasks, seconds,
                workers, false); // a spec saved in an older run file still reads
        SpecException e = assertThrows(SpecException.class, recorded::requireRunnable);
        assertTrue(e.getMessage().contains("at most 7200 s"), e.getMessage());
        assertThrows(SpecException.class, () -> Runs.start(recorded, MachineInfo.fromJvm()));
    }

    @Test
    void theLongestRunsUnderTheCapAreAccepted() {
        assertEquals(7168, new ExperimentSpec(ExecutionMode.THREADS, TaskKind.COMPUTE, 1024, 7, 1, false).longestSeconds(), 1e-9);
        assertEquals(30, new ExperimentSpec(ExecutionMode.VIRTUAL, TaskKind.SLEEP, 100_000, 30, 1, false).longestSeconds(), 1e-9);
        assertEquals(7200, new ExperimentSpec(ExecutionMode.POOL, TaskKind.SLEEP, 240, 30, 1, false).longestSeconds(), 1e-9);
        assertTrue(ExperimentSpec.MAX_RUN_SECONDS * 10 < RunFile.MAX_SECONDS, "a slowed-down run still reads back");
    }
}
