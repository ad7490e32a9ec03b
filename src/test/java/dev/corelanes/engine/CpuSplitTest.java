package dev.corelanes.engine;

import dev.corelanes.fixtures.RandomTraces;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run's CPU time told apart: its tasks' own, and the runtime's work around them — or why it cannot be. */
class CpuSplitTest {

    private static final long MS = 1_000_000L;

    /** {@code cpus} per task (-1 unknown), and the run's CPU time {@code total}. */
    private static Trace trace(ExecutionMode mode, long total, boolean runtimeMeasured, long... cpus) {
        List<TaskRecord> tasks = new ArrayList<>();
        for (int i = 0; i < cpus.length; i++) {
            tasks.add(new TaskRecord(i + 1, "V" + (i + 1), 0, 1000 * MS, TaskStatus.COMPLETED, "", cpus[i]));
        }
        return new Trace(ExperimentSpec.of(mode, TaskKind.SLEEP, cpus.length, 1, false), Traces.machine(),
                new Calibration(1, 0), Instant.parse("2026-11-25T09:00:00Z"), 1000 * MS, total, TaskStatus.COMPLETED,
                "", tasks, List.of(), List.of(), 0, new RunConditions(0, Double.NaN, runtimeMeasured));
    }

    @Test
    void sleepingTasksUseMicrosecondsAndTheRuntimeTheRest() {
        // The issue: 10 000 sleeping virtual threads "used" 1.13 s of CPU with every CPU lane empty.
        RunFigures.CpuSplit c = RunFigures.of(trace(ExecutionMode.VIRTUAL, 1130 * MS, true, 40_000, 35_000, 50_000)).cpuSplit();
        assertEquals(125e-6, c.taskSeconds(), 1e-12);
        assertEquals(1.13 - 125e-6, c.runtimeSeconds(), 1e-12);
        assertEquals("", c.unknownReason());
        RunFigures f = RunFigures.of(trace(ExecutionMode.VIRTUAL, 1130 * MS, true, 40_000, 35_000, 50_000));
        assertEquals("tasks 125 µs + runtime 1.13 s", FigureText.cpuSplit(f));
        assertEquals("CPU tasks 125 µs + runtime 1.13 s", FigureText.cpuShort(f));
        assertEquals("125 µs", FigureText.taskCpuCell(f));
        assertEquals("1.13 s", FigureText.runtimeCpuCell(f));
    }

    @Test
    void aTaskWithoutItsCpuTimeLeavesBothPartsUnknownWithTheReason() {
        RunFigures f = RunFigures.of(trace(ExecutionMode.VIRTUAL, 1130 * MS, true, -1, -1));
        assertFalse(f.cpuSplit().tasksKnown());
        assertFalse(f.cpuSplit().runtimeKnown());
        assertEquals(2, f.cpuSplit().unmeasuredTasks());
        assertEquals("tasks and runtime not told apart (virtual threads' own CPU time was not measured (CoreLanes "
                + "reads it on Linux only))", FigureText.cpuSplit(f));
        assertEquals("CPU 1.13 s (tasks' share unknown)", FigureText.cpuShort(f));
        assertEquals(FigureText.DASH, FigureText.taskCpuCell(f));

        RunFigures some = RunFigures.of(trace(ExecutionMode.THREADS, 10 * MS, true, 1000, -1, 2000));
        assertEquals("1 of 3 tasks ran without a measured CPU time", some.cpuSplit().unknownReason());
    }

    @Test
    void aTaskThatNeverRanIsNotUnmeasured() {
        Trace t = trace(ExecutionMode.THREADS, 10 * MS, true, 1000);
        List<TaskRecord> tasks = new ArrayList<>(t.tasks());
        tasks.add(new TaskRecord(2, "", 1000 * MS, 1000 * MS, TaskStatus.CANCELLED, "never started"));
        Trace withUnstarted = new Trace(t.spec(), t.machine(), t.calibration(), t.startedAt(), t.wallNanos(),
                t.cpuNanos(), TaskStatus.CANCELLED, "cancelled", tasks, List.of(), List.of(), 0, t.conditions());
        RunFigures.CpuSplit c = RunFigures.of(withUnstarted).cpuSplit();
        assertEquals(1e-6, c.taskSeconds(), 1e-15);
        assertEquals(0.01 - 1e-6, c.runtimeSeconds(), 1e-12);
    }

    @Test
    void aRunFileFromBeforeTheRuntimeWasMeasuredShowsTheTasksAlone() {
        // Older files held the tasks' CPU time alone for a thread run: "runtime 0 s" would be invented.
        RunFigures f = RunFigures.of(trace(ExecutionMode.THREADS, 3000, false, 1000, 2000));
        assertEquals(3e-6, f.cpuSplit().taskSeconds(), 1e-15);
        assertFalse(f.cpuSplit().runtimeKnown());
        assertTrue(FigureText.cpuSplit(f).startsWith("tasks 3 µs + runtime — (the runtime's share was not measured"),
                FigureText.cpuSplit(f));
        assertEquals("CPU tasks 3 µs + runtime —", FigureText.cpuShort(f));
        assertEquals(FigureText.DASH, FigureText.runtimeCpuCell(f));
    }

    @Test
    void aFileWhoseTasksUsedMoreThanTheRunSaysItDoesNotAddUp() {
        RunFigures f = RunFigures.of(trace(ExecutionMode.THREADS, 1000, true, 1000, 2000));
        assertFalse(f.cpuSplit().runtimeKnown());
        assertTrue(f.cpuSplit().unknownReason().contains("does not add up"), f.cpuSplit().unknownReason());
    }

    @Test
    void wheneverBothPartsAreKnownTheyAddUpToTheRunsCpuTime() {
        RandomTraces gen = new RandomTraces(23);
        int both = 0;
        for (int i = 0; i < 2000; i++) {
            Trace t = gen.trace();
            RunFigures f = RunFigures.of(t);
            RunFigures.CpuSplit c = f.cpuSplit();
            long known = t.tasks().stream().filter(TaskRecord::cpuKnown).mapToLong(TaskRecord::cpuNanos).sum();
            // A task that never ran for any time (no worker, or no time) used no CPU time to measure.
            boolean allKnown = t.tasks().stream().allMatch(r -> r.cpuKnown() || r.worker().isEmpty()
                    || r.endNanos() <= r.startNanos());
            assertEquals(allKnown, c.tasksKnown(), () -> t.tasks().toString());
            if (c.tasksKnown()) {
                assertEquals(known / 1e9, c.taskSeconds(), 1e-12);
            }
            assertEquals(c.tasksKnown() && t.conditions().runtimeCpuMeasured() && t.cpuNanos() >= known,
                    c.runtimeKnown());
            if (c.runtimeKnown()) {
                both++;
                assertEquals(f.cpuSeconds(), c.taskSeconds() + c.runtimeSeconds(), 1e-9);
                assertTrue(c.runtimeSeconds() >= 0);
                assertEquals("", c.unknownReason());
            } else {
                assertFalse(c.unknownReason().isEmpty(), "an unknown part says why");
                assertTrue(FigureText.cpuSplit(f).contains(c.unknownReason()), FigureText.cpuSplit(f));
            }
        }
        assertTrue(both > 500, "the generator made few runs with both parts known: " + both);
    }
}
