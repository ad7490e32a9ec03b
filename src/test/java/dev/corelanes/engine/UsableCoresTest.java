package dev.corelanes.engine;

import dev.corelanes.engine.files.RunFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ideal time and efficiency divide by the CPUs the process could use, not the machine's count. */
class UsableCoresTest {

    private static Trace twoComputeThreads(MachineInfo machine) {
        ExperimentSpec spec = ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 1.0, false);
        return new Trace(spec, machine, new Calibration(1_000_000L, 10), Instant.parse("2026-11-25T09:00:00Z"),
                2_000_000_000L, 2_000_000_000L, TaskStatus.COMPLETED, "", List.of(), List.of(), List.of(), 0);
    }

    private static MachineInfo twoCpus(int usable) {
        return new MachineInfo("Test CPU", 2, 2, List.of(), 1L << 33, "TestOS", "Java", usable, List.of(), List.of());
    }

    @Test
    void oneUsableCpuOfTwoMakesTheIdealTheSequentialTime() {
        // The example: taskset -c 0 … --tasks 2 said "Ideal 1.000 s (÷ 2 usable cores)".
        Trace t = twoComputeThreads(twoCpus(1));
        assertEquals(1, RunFigures.of(t).usableCores());
        assertEquals(2.0, RunFigures.of(t).idealSeconds(), 1e-9);
        assertTrue(t.machine().limited());
        assertTrue(t.machine().oneLine().contains("2 CPUs (1 usable)"), t.machine().oneLine());
    }

    @Test
    void allCpusUsableIsTheOldBehaviour() {
        Trace t = twoComputeThreads(twoCpus(2));
        assertEquals(2, RunFigures.of(t).usableCores());
        assertEquals(1.0, RunFigures.of(t).idealSeconds(), 1e-9);
        assertFalse(t.machine().limited());
        assertFalse(t.machine().oneLine().contains("usable"));
    }

    @Test
    void aRunPinnedToOneCpuHasOneUsable() {
        MachineInfo pinned = twoCpus(2).pinnedTo(List.of(1));
        assertEquals(1, pinned.usableCores());
        assertEquals(List.of(1), pinned.pinnedCpus());
        assertEquals(2.0, RunFigures.of(twoComputeThreads(pinned)).idealSeconds(), 1e-9);
    }

    @Test
    void nonsenseCountsCannotDivideByZeroOrExceedTheMachine() {
        assertEquals(1, twoCpus(0).usableCores());
        assertEquals(1, twoCpus(-5).usableCores());
        assertEquals(2, twoCpus(64).usableCores());
    }

    @Test
    void theJvmsCountIsWhatThisProcessMayUse() {
        // Runtime.availableProcessors() follows the affinity mask and the container quota (see TasksetTest).
        assertEquals(Runtime.getRuntime().availableProcessors(), MachineInfo.processUsableCores());
    }

    @Test
    void usableCoresPinningAndClassesSurviveTheRunFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        MachineInfo m = new MachineInfo("Hybrid", 4, 3, List.of(List.of(0, 1), List.of(2), List.of(3)), 1L << 33,
                "TestOS", "Java", 3, List.of(0, 2, 3),
                List.of(CoreClass.PERFORMANCE, CoreClass.PERFORMANCE, CoreClass.EFFICIENCY, CoreClass.EFFICIENCY));
        Trace t = twoComputeThreads(m);
        Path f = dir.resolve("run.json");
        RunFile.write(t, f);
        String json = java.nio.file.Files.readString(f);
        assertTrue(json.contains("\"pinnedCpus\" : \"0,2-3\""), json);
        assertTrue(json.contains("\"cpuClasses\" : \"PPEE\""), json);
        assertEquals(t, RunFile.read(f));
    }

    @Test
    void anOldRunFileWithoutUsableCoresReadsAsAllUsable(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Trace t = twoComputeThreads(twoCpus(2));
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(RunFile.toJsonString(t));
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("machine")).remove("usableCores");
        String json = root.toString();
        Path f = dir.resolve("old.json");
        java.nio.file.Files.writeString(f, json);
        assertEquals(2, RunFile.read(f).machine().usableCores());
    }
}
