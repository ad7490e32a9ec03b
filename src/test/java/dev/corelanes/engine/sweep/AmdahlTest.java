package dev.corelanes.engine.sweep;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmdahlTest {

    @Test
    void theLawItself() {
        assertEquals(1.0, Amdahl.speedup(0.1, 1), 1e-12);
        assertEquals(1 / (0.1 + 0.9 / 4), Amdahl.speedup(0.1, 4), 1e-12);
        assertEquals(4.0, Amdahl.speedup(0, 4), 1e-12);
        assertEquals(1.0, Amdahl.speedup(1, 64), 1e-12);
    }

    @Test
    void fitsTheSerialFractionOfSpeedupsThatFollowTheLaw() {
        List<Integer> ns = List.of(1, 2, 4, 8, 16);
        for (double f : new double[] {0, 0.05, 0.1, 0.5, 1}) {
            List<Double> s = ns.stream().map(n -> Amdahl.speedup(f, n)).toList();
            assertEquals(f, Amdahl.fit(ns, s), 1e-9, "f = " + f);
        }
    }

    @Test
    void noisySpeedupsGiveANearbyFractionWithinZeroToOne() {
        double f = Amdahl.fit(List.of(1, 2, 3, 4), List.of(1.0, 1.85, 2.6, 3.2));
        assertTrue(f > 0.03 && f < 0.12, "f = " + f);
        assertEquals(0.0, Amdahl.fit(List.of(1, 2, 4), List.of(1.0, 2.4, 5.0)), 1e-12, "superlinear clamps to 0");
        assertEquals(1.0, Amdahl.fit(List.of(1, 2, 4), List.of(1.0, 0.5, 0.4)), 1e-12,
                "slower on more cores clamps to 1");
    }

    @Test
    void oneCoreAloneTellsNothing() {
        assertTrue(Double.isNaN(Amdahl.fit(List.of(1), List.of(1.0))));
        assertTrue(Double.isNaN(Amdahl.fit(List.of(), List.of())));
    }

    /** Through one point with n > 1 the curve passes exactly: its "limit" would restate that one run. */
    @Test
    void twoRunsAreNotEnoughForAFitThreeAre() {
        assertEquals(3, Amdahl.MIN_RUNS);
        List<Double> law = List.of(1.0, Amdahl.speedup(0.1, 2), Amdahl.speedup(0.1, 3));
        assertTrue(Double.isNaN(Amdahl.fit(List.of(1, 2), law.subList(0, 2))), "1 and 2 cores");
        assertEquals(2, Amdahl.usableRuns(List.of(1, 2), law.subList(0, 2)));
        assertEquals(0.1, Amdahl.fit(List.of(1, 2, 3), law), 1e-9, "1, 2 and 3 cores");
        assertEquals(3, Amdahl.usableRuns(List.of(1, 2, 3), law));
    }

    @Test
    void onlyDistinctRunsWithAUsableSpeedupCount() {
        assertEquals(2, Amdahl.usableRuns(List.of(1, 2, 2), List.of(1.0, 1.8, 1.9)), "the same n twice is one n");
        assertTrue(Double.isNaN(Amdahl.fit(List.of(1, 2, 2), List.of(1.0, 1.8, 1.9))));
        assertEquals(2, Amdahl.usableRuns(List.of(1, 2, 3), List.of(1.0, 1.8, Double.NaN)));
        assertTrue(Double.isNaN(Amdahl.fit(List.of(1, 2, 3), List.of(1.0, 1.8, 0.0))));
        assertTrue(Double.isNaN(Amdahl.fit(List.of(2, 3, 4), List.of(1.0, 1.4, 1.7))), "no baseline, no speedups");
    }
}
