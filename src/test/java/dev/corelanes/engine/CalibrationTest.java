package dev.corelanes.engine;

import dev.corelanes.runners.Runs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calibration's life cycle: checked before each compute run, measured again when it no longer matches
 * the machine, and every compute run leaves the evidence a drift check needs. No timing limit is asserted:
 * the inputs are chosen so the outcome is certain on any machine, idle or busy.
 */
class CalibrationTest {

    private static final MachineInfo MACHINE = MachineInfo.fromJvm();

    @Test
    void aCalibrationTwiceTooHighIsMeasuredAgainBeforeTheNextComputeRun() {
        Calibration real = Calibrator.calibration();
        Calibration wrong = new Calibration(real.stepsPerSecond() * 2, 1);
        Calibrator.use(wrong);
        try {
            Calibration used = Calibrator.forRun();
            assertTrue(used.stepsPerSecond() < wrong.stepsPerSecond() * 0.75,
                    "the quick check caught a figure 2× off: " + used.stepsPerSecond() + " vs " + wrong.stepsPerSecond());
            assertEquals(used, Calibrator.cachedOr(null), "the new figure is kept");
        } finally {
            Calibrator.use(real);
        }
    }

    @Test
    void aQuickCheckWithinThreePercentKeepsTheCalibration() {
        Calibration c = new Calibration(600_000_000L, 1);
        assertTrue(Calibrator.stillHolds(c, 600_000_000L));
        assertTrue(Calibrator.stillHolds(c, 582_000_000L));
        assertTrue(Calibrator.stillHolds(c, 618_000_000L));
        assertFalse(Calibrator.stillHolds(c, 581_000_000L));
        assertFalse(Calibrator.stillHolds(c, 619_000_000L));
        assertFalse(Calibrator.stillHolds(c, 300_000_000L));
    }

    @Test
    void aComputeRunRecordsEachTasksCpuTimeAndTheConditionsForTheDriftCheck() throws Exception {
        Trace t = Runs.run(new ExperimentSpec(ExecutionMode.THREADS, TaskKind.COMPUTE, 2, 0.1, 2, false), MACHINE);
        assertEquals(TaskStatus.COMPLETED, t.status(), t.message());
        assertTrue(t.tasks().stream().allMatch(TaskRecord::cpuKnown), "platform threads measure their own CPU time");
        assertTrue(t.tasks().stream().allMatch(r -> r.cpuNanos() > 0));
        assertTrue(t.conditions().rateChecked(), "the kernel's rate is checked after a compute run");
        // The run's CPU time holds the tasks' and the runtime's around them; the tasks' part is their records' sum.
        long tasks = t.tasks().stream().mapToLong(TaskRecord::cpuNanos).sum();
        assertTrue(t.cpuNanos() >= tasks, t.cpuNanos() + " < " + tasks);
        RunFigures f = RunFigures.of(t);
        assertEquals(tasks / 1e9, f.cpuSplit().taskSeconds(), 1e-12);
        assertEquals((t.cpuNanos() - tasks) / 1e9, f.cpuSplit().runtimeSeconds(), 1e-9);
        assertEquals(2, f.drift().tasksChecked());
    }

    @Test
    void aSleepRunNeedsNoCalibrationAndChecksNoRate() throws Exception {
        Trace t = Runs.run(ExperimentSpec.of(ExecutionMode.THREADS, TaskKind.SLEEP, 2, 0.05, false), MACHINE);
        assertFalse(t.conditions().rateChecked());
        assertFalse(RunFigures.of(t).drift().detected(), "sleep tasks are not checked against a CPU budget");
    }
}
