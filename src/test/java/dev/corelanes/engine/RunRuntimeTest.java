package dev.corelanes.engine;

import dev.corelanes.engine.files.RunFile;
import dev.corelanes.engine.files.RunFileException;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime a trace ran on: kept in run files, read back, and changing what the GIL allows. */
class RunRuntimeTest {

    private static Trace withRuntime(Trace t, RunRuntime r) {
        return new Trace(t.spec(), t.machine(), t.calibration(), t.startedAt(), t.wallNanos(), t.cpuNanos(), t.status(),
                t.message(), t.tasks(), t.workers(), t.spans(), t.droppedSpans(), r);
    }

    @Test
    void aPythonRuntimeSurvivesTheRunFile() throws Exception {
        RunRuntime py = new RunRuntime("python", "/opt/py/bin/python3.12", "3.12.1", "enabled", "forkserver");
        Trace t = withRuntime(Traces.compute(ExecutionMode.PROCESSES, 2), py);
        Trace back = RunFile.parse(RunFile.toJsonString(t), "x.json");
        assertEquals(py, back.runtime());
        assertEquals("CPython 3.12.1 (GIL) · forkserver", back.runtime().label());
    }

    @Test
    void aRunFileFromBeforeRuntimesIsJava() throws Exception {
        String json = RunFile.toJsonString(Traces.compute(ExecutionMode.THREADS, 2)).replaceFirst(
                "\"runtime\" : \\{[^}]*},", "");
        assertFalse(json.contains("\"runtime\""));
        assertEquals(RunRuntime.JAVA, RunFile.parse(json, "old.json").runtime());
    }

    @Test
    void anUnknownRuntimeIsNamed() {
        String json = RunFile.toJsonString(Traces.compute(ExecutionMode.THREADS, 2)).replace("\"id\" : \"java\"",
                "\"id\" : \"ruby\"");
        RunFileException e = assertThrows(RunFileException.class, () -> RunFile.parse(json, "r.json"));
        assertEquals("r.json: runtime: unknown runtime 'ruby': use java, python or program.", e.getMessage());
    }

    @Test
    void theRealGilLimitsThreadsToOneCoreAndAFreeThreadedBuildDoesNot() {
        Trace threads = Traces.compute(ExecutionMode.THREADS, 2);
        assertEquals(2, RunFigures.of(withRuntime(threads, RunRuntime.JAVA)).usableCores());
        assertEquals(1, RunFigures.of(withRuntime(threads, new RunRuntime("python", "p", "3.11.7", "enabled", ""))).usableCores());
        assertEquals(2, RunFigures.of(withRuntime(threads, new RunRuntime("python", "p", "3.13.0", "disabled", ""))).usableCores());
        Trace processes = Traces.compute(ExecutionMode.PROCESSES, 2);
        assertEquals(2, RunFigures.of(withRuntime(processes, new RunRuntime("python", "p", "3.11.7", "enabled", "fork"))).usableCores(),
                "each process has its own GIL");
        assertTrue(new RunRuntime("python", "p", "3.11.7", "enabled", "").realGil());
    }
}
