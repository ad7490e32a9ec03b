package dev.corelanes.engine.python;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.MachineInfo;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.engine.TaskRecord;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.ThreadCpuClock;
import dev.corelanes.engine.Trace;
import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Windows' thread CPU clock (15.625 ms ticks), simulated: a sequential 2 × 0.2 s compute run, Java and Python,
 * does the work asked — each task's CPU time within the drift rule — and no drift is flagged. The work is
 * checked, never the wall time (the machine is shared); the wall time is measured by hand (benchmarks.md).
 */
@Timeout(180)
class CoarseClockRunTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();
    private static final long TICK = 15_625_000L;
    private String before;

    @BeforeEach
    void simulateWindowsClock() {
        before = System.getProperty(ThreadCpuClock.PROPERTY);
        System.setProperty(ThreadCpuClock.PROPERTY, "15.625ms");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ThreadCpuClock.PROPERTY);
        } else {
            System.setProperty(ThreadCpuClock.PROPERTY, before);
        }
    }

    private static final ExperimentSpec TWO_SHORT = ExperimentSpec.of(ExecutionMode.SEQUENTIAL, TaskKind.COMPUTE, 2, 0.2,
            false);

    @Test
    void javaTasksDoTheWorkAskedOnACoarseClock() throws Exception {
        bestOfThree(() -> Runs.start(TWO_SHORT, MACHINE).await(120, TimeUnit.SECONDS));
    }

    @Test
    void pythonTasksDoTheWorkAskedOnACoarseClock() throws Exception {
        bestOfThree(() -> Runs.start(TWO_SHORT, new PythonChoice(Pythons.python3(), null), MACHINE)
                .await(120, TimeUnit.SECONDS));
    }

    /**
     * The kernel's speed itself wanders between a calibration and a task 0.2 s later on this shared VM (a
     * CPython task 25 % off was seen once in five quiet runs, with a fine clock too): one run in three must do
     * the work asked. A clock handled wrongly misses on every run (a 15.6 ms tick read as 0 or ×2).
     */
    private static void bestOfThree(java.util.concurrent.Callable<Trace> run) throws Exception {
        AssertionError last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                checkWork(run.call());
                return;
            } catch (AssertionError e) {
                last = e;
            }
        }
        throw last;
    }

    @Test
    void javaWorkerProcessesReadTheSameCoarseClock() throws Exception {
        Trace t = Runs.start(ExperimentSpec.of(ExecutionMode.PROCESSES, TaskKind.COMPUTE, 2, 0.2, false), MACHINE)
                .await(120, TimeUnit.SECONDS);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        for (TaskRecord r : t.tasks()) {
            assertEquals(0, r.cpuNanos() % TICK, "a worker's readings are whole ticks: " + r);
        }
    }

    private static void checkWork(Trace t) {
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertEquals(new ThreadCpuClock.Tick(TICK, true), t.calibration().cpuTick(), "the run states its clock");
        long asked = 200_000_000L;
        double tolerance = RunFigures.driftTolerance(asked, t.calibration().cpuTick());
        assertEquals(2, t.tasks().size());
        for (TaskRecord r : t.tasks()) {
            assertTrue(r.cpuKnown(), r.toString());
            assertEquals(0, r.cpuNanos() % TICK, "readings are whole ticks: " + r);
        }
        // Other programs sharing the cores (an SMT sibling, the memory bus) change the kernel's speed under a run
        // on a fine clock too (25-41 % was seen here at 75 % load, with and without the tick): then the work
        // cannot be checked, and the test says so rather than passing.
        Assumptions.assumeFalse(t.conditions().loadKnown() && t.conditions().otherLoad() > RunFigures.BUSY_LOAD,
                "the machine was busy (other programs used " + Math.round(100 * t.conditions().otherLoad())
                        + " % of the CPUs): the tasks' work cannot be checked against the calibration");
        for (TaskRecord r : t.tasks()) {
            assertTrue(Math.abs((double) r.cpuNanos() / asked - 1) <= tolerance,
                    "a task's CPU time within the drift rule: " + r.cpuNanos() + " ns of " + asked);
        }
        RunFigures.Drift d = RunFigures.of(t).drift();
        assertFalse(d.detected(), "no drift flagged: " + d);
    }
}
