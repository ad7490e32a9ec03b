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
        assertEquals(0.0, Amdahl.fit(List.of(1, 2), List.of(1.0, 2.4)), 1e-12, "superlinear clamps to 0");
        assertEquals(1.0, Amdahl.fit(List.of(1, 2), List.of(1.0, 0.5)), 1e-12, "slower on more cores clamps to 1");
    }

    @Test
    void oneCoreAloneTellsNothing() {
        assertTrue(Double.isNaN(Amdahl.fit(List.of(1), List.of(1.0))));
        assertTrue(Double.isNaN(Amdahl.fit(List.of(), List.of())));
    }
}
