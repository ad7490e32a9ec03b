package dev.corelanes.engine.sweep;

import dev.corelanes.engine.ExecutionMode;
import dev.corelanes.engine.ExperimentSpec;
import dev.corelanes.engine.TaskKind;
import dev.corelanes.fixtures.Traces;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fit's words follow the rule (three runs or more) and never claim a limit beyond the runs as measured. */
class SweepResultTest {

    /** A sweep over workers whose speedups are the given ones at n = 1, 2, … (the traces are stand-ins). */
    private static SweepResult sweep(double... speedups) {
        ExperimentSpec w = new ExperimentSpec(ExecutionMode.POOL, TaskKind.COMPUTE, 8, 0.5, 1, false);
        List<SweepPoint> pts = new ArrayList<>();
        for (int i = 0; i < speedups.length; i++) {
            pts.add(new SweepPoint(i + 1, Traces.compute(ExecutionMode.POOL, 2), speedups[i], ""));
        }
        return new SweepResult(ScalingSweep.By.WORKERS, w, Traces.machine(), pts, "");
    }

    @Test
    void noRunsAndTooFewRunsSayWhyThereIsNoFit() {
        assertEquals("no Amdahl fit: it needs at least 3 runs (1 worker and 2 more); no run was measured",
                sweep().fitSentence());
        assertEquals("no Amdahl fit: it needs at least 3 runs (1 worker and 2 more); this sweep measured 1 run, up to "
                + "1 worker", sweep(1).fitSentence());
        SweepResult two = sweep(1, 1.95);
        assertFalse(two.hasFit());
        assertTrue(Double.isNaN(two.extrapolatedLimit()));
        assertFalse(two.fitSentence().contains("at most"), two.fitSentence());
    }

    @Test
    void aPerfectScalerHasNoLimitInSightAndSaysItWasMeasuredOnlySoFar() {
        SweepResult r = sweep(1, 2, 3, 4);
        assertEquals(0, r.serialFraction(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, r.extrapolatedLimit());
        assertEquals("Amdahl fit from 4 runs: serial fraction 0.0 %; the fit suggests no limit in sight — an "
                + "extrapolation: measured up to 4 workers", r.fitSentence());
    }

    @Test
    void noGainAtAllIsSaidAsNoSpeedupNotAsALimit() {
        SweepResult r = sweep(1, 1, 1);
        assertEquals(1, r.serialFraction(), 1e-12);
        assertEquals("Amdahl fit from 3 runs: serial fraction 100.0 %; the fit suggests no speedup from more workers "
                + "— an extrapolation: measured up to 3 workers", r.fitSentence());
    }

    @Test
    void theLimitIsTheFitsAndNamedAsAnExtrapolation() {
        double f = 0.2;
        SweepResult r = sweep(1, Amdahl.speedup(f, 2), Amdahl.speedup(f, 3));
        assertEquals(5, r.extrapolatedLimit(), 1e-9);
        assertEquals(3, r.fitRuns());
        assertTrue(r.fitSentence().contains("at most ×5.0 with any number of workers — an extrapolation: measured up "
                + "to 3 workers"), r.fitSentence());
    }
}
