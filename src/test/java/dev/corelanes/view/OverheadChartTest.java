package dev.corelanes.view;

import dev.corelanes.engine.lab.Measurement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverheadChartTest {

    private static Measurement of(String name, long... nanos) {
        return new Measurement(name, "", java.util.Arrays.stream(nanos).boxed().toList(), true, "");
    }

    @Test
    void theAxisSpansWholeDecadesAroundEverySpread() {
        List<Measurement> ms = List.of(of("virtual thread", 400, 500, 1_600), of("native process", 1_800_000, 2_000_000));
        assertArrayEquals(new double[] {2, 7}, OverheadChart.decades(ms));
    }

    @Test
    void anUnavailableMeasurementSaysWhyInsteadOfABar() {
        SvgSurface svg = new SvgSurface();
        OverheadChart.paint(svg, List.of(of("platform thread", 80_000, 90_000, 100_000),
                Measurement.unavailable("worker JVM", "", "worker processes are not available here")), 960, false);
        String doc = svg.toString();
        assertTrue(doc.contains("not measured: worker processes are not available here"));
        assertTrue(doc.contains(">90.0 µs</text>"), "the median is written beside its bar");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertEquals("503 ns", OverheadChart.duration(503));
        assertEquals("88.7 µs", OverheadChart.duration(88_742));
        assertEquals("1.86 ms", OverheadChart.duration(1_863_289));
        assertEquals("147 ms", OverheadChart.duration(147_337_222));
    }
}
